// The codes that decide how a failed call is handled: the service's, the socket's, and the codes
// this package gives a call that failed with no service code.
/** Codes that mean "slow down": retried with the throttling backoff. */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "Throttling.Resource",
  "ServiceUnavailable.Throttling",
]);

/** Service codes that mean "try again": retried with the transient backoff. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  "ServiceUnavailable",
  "InternalError",
  "UnknownError",
  // Conflicts: another request of the account (this stack's or another's) is being processed.
  "OperationConflict",
  "IncorrectStatus",
  "SystemBusy",
  "LastTokenProcessing",
  "OperationFailed.LastTokenProcessing",
]);

/** Node.js socket error codes of a network failure: retried with the transient backoff. */
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Network codes of a connection that was never made: the request cannot have been processed. */
export const NOT_DELIVERED_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Codes about the credentials or the signature, by what they mean: never retried. */
export const AUTH_ERROR_CODES = {
  /** The secret does not match the AccessKey ID. */
  signatureMismatch: "SignatureDoesNotMatch",
  /** The signature is malformed or incomplete. */
  incompleteSignature: "IncompleteSignature",
  /** The AccessKey ID does not exist. */
  keyNotFound: "InvalidAccessKeyId.NotFound",
  /** The AccessKey ID is not valid. */
  keyInvalid: "InvalidAccessKeyId",
  /** The AccessKey is disabled. */
  keyInactive: "InvalidAccessKeyId.Inactive",
  /** The request's time is more than 15 minutes off. */
  timestampExpired: "InvalidTimeStamp.Expired",
  /** The request's time is malformed. */
  timestampFormat: "InvalidTimeStamp.Format",
  /** The signature nonce was used before. */
  nonceUsed: "SignatureNonceUsed",
  /** The STS token has expired. */
  tokenExpired: "InvalidSecurityToken.Expired",
  /** The STS token is malformed. */
  tokenMalformed: "InvalidSecurityToken.Malformed",
  /** The STS token is not the AccessKey's. */
  tokenMismatch: "InvalidSecurityToken.MismatchWithAccessKey",
  /** An STS AccessKey was sent without its token. */
  tokenMissing: "MissingSecurityToken",
  /** The credentials are not valid. */
  invalidCredentials: "InvalidCredentials",
} as const;

/** Codes about the credentials or the signature: never retried. */
export const AUTH_CODES: ReadonlySet<string> = new Set(Object.values(AUTH_ERROR_CODES));

/** Codes this package gives a call that failed with no service code. */
export const CALL_CODES = {
  /** No answer within the read timeout. */
  timeout: "RequestTimeout",
  /** No credentials anywhere, or a credential source that cannot be used. */
  noCredentials: "NoCredentials",
  /** A reply that is not the VPC API's JSON (HTML, invalid JSON, an empty body). */
  foreignReply: "NonApiResponse",
  /** A value that cannot be sent in an HTTP header. */
  badHeaderValue: "InvalidHeaderValue",
  /** A failure of this machine or of this package's code. */
  localError: "LocalError",
} as const;
