/** Names of the VPC API operations this package calls. */
export const OPERATIONS = {
  /** Activates the feature in a region. */
  open: "OpenPublicIpAddressPoolService",
  /** Reads whether the feature is active in a region. */
  status: "GetPublicIpAddressPoolServiceStatus",
  /** Lists the regions. */
  describeRegions: "DescribeRegions",
} as const;

/** One of the operations this package calls. */
export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

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

/** Codes about the credentials or the signature: never retried. */
export const AUTH_CODES: ReadonlySet<string> = new Set([
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "InvalidAccessKeyId.NotFound",
  "InvalidAccessKeyId.Inactive",
  "InvalidAccessKeyId",
  "InvalidTimeStamp.Expired",
  "InvalidTimeStamp.Format",
  "SignatureNonceUsed",
  "InvalidSecurityToken.Expired",
  "InvalidSecurityToken.Malformed",
  "InvalidSecurityToken.MismatchWithAccessKey",
  "MissingSecurityToken",
  "InvalidCredentials",
  "NoCredentials",
]);

/** Codes the API may use for a region it does not know (the real one is not documented). */
export const INVALID_REGION_CODES: ReadonlySet<string> = new Set([
  "InvalidRegionId.NotFound",
  "InvalidRegionId",
  "Invalid.RegionId",
  "InvalidRegionId.Malformed",
]);

/** The error codes of the OpenPublicIpAddressPoolService page. */
export const SEED_CODES = {
  exceedPurchaseLimit: "OperationFailed.ExceedPurchaseLimit",
  forbiddenRam: "Forbidden.RAM",
  quotaNotEnough: "OperationFailed.QuotaNotEnough",
  noRealNameAuthentication: "Order.NoRealNameAuthentication",
  basicInfoUncompleted: "OperationFailed.BasicInfoUncompleted",
  forbiddenOpenPool: "Forbidden.OpenPublicIpAddressPool",
} as const;

/** Codes this package gives failures that have no service code. */
export const LOCAL_CODES = {
  /** The endpoint could not be reached, or the connection dropped. */
  network: "NetworkError",
  /** No answer within the read timeout. */
  timeout: "RequestTimeout",
  /** No credentials anywhere. */
  noCredentials: "NoCredentials",
  /** Open succeeded but the status did not report enabled in time. */
  activationTimeout: "ActivationTimeout",
  /** A setting (endpoint, timeouts) is not usable. */
  badSetting: "InvalidSetting",
} as const;
