/** One error the emulator can answer with: the HTTP status and message the real service sends. */
export interface ErrorSpec {
  /** HTTP status code of the response. */
  status: number;
  /** The `Message` field of the error body. */
  message: string;
}

/**
 * Every error code the emulator answers with. Messages are copied from the API page of OpenPublicIpAddressPoolService, the
 * common-error list of Alibaba Cloud RPC APIs, and errors seen from the VPC API.
 */
export const ERRORS = {
  // The API page (OpenPublicIpAddressPoolService), all HTTP 400.
  "OperationFailed.ExceedPurchaseLimit": {
    status: 400,
    message: "You have reached the limit of purchase quantity.",
  },
  "Forbidden.RAM": { status: 400, message: "User not authorized to operate on the specified resource" },
  "OperationFailed.QuotaNotEnough": {
    status: 400,
    message: "Your quota is insufficient. Please contact your channel partner to increase your quota",
  },
  "Order.NoRealNameAuthentication": {
    status: 400,
    message: "Real-name verification has not been completed for the account.",
  },
  "OperationFailed.BasicInfoUncompleted": {
    status: 400,
    message:
      "You have not completed your basic personal information, please complete the information and try again.",
  },
  "Forbidden.OpenPublicIpAddressPool": {
    status: 400,
    message:
      "Authentication is failed for opening public ip address pool. Please apply for permission at the quota center.",
  },

  // Common errors of Alibaba Cloud RPC APIs.
  "Throttling.User": { status: 400, message: "Request was denied due to user flow control." },
  ServiceUnavailable: {
    status: 503,
    message: "The request has failed due to a temporary failure of the server.",
  },
  InternalError: {
    status: 500,
    message: "The request processing has failed due to some unknown error, exception or failure.",
  },
  OperationConflict: {
    status: 400,
    message: "Request was denied due to conflict with a previous request.",
  },
  IdempotentParameterMismatch: {
    status: 400,
    message: "The request uses the same client token as a previous, but non-identical request.",
  },

  // Authentication (ACS3-HMAC-SHA256).
  SignatureDoesNotMatch: {
    status: 400,
    message: "Specified signature is not matched with our calculation.",
  },
  IncompleteSignature: {
    status: 400,
    message: "The request signature does not conform to Aliyun standards.",
  },
  "InvalidAccessKeyId.NotFound": { status: 404, message: "Specified access key is not found." },
  "InvalidAccessKeyId.Inactive": { status: 400, message: "Specified access key is disabled." },
  "InvalidTimeStamp.Expired": { status: 400, message: "Specified time stamp or date value is expired." },
  "InvalidTimeStamp.Format": {
    status: 400,
    message: "Specified time stamp or date value is not well formatted.",
  },
  SignatureNonceUsed: { status: 400, message: "Specified signature nonce was used already." },
  MissingSignatureNonce: { status: 400, message: "SignatureNonce is mandatory for this action." },
  MissingTimestamp: { status: 400, message: "Timestamp is mandatory for this action." },
  "InvalidSecurityToken.MismatchWithAccessKey": {
    status: 400,
    message: "Specified SecurityToken mismatch with the AccessKey.",
  },
  "InvalidSecurityToken.Expired": { status: 400, message: "Specified SecurityToken is expired." },
  MissingSecurityToken: { status: 400, message: "SecurityToken is mandatory for this AccessKey." },

  // Request shape.
  "InvalidAction.NotFound": {
    status: 404,
    message: "Specified api is not found, please check your url and method.",
  },
  InvalidVersion: { status: 400, message: "Specified parameter Version is not valid." },
  MissingRegionId: { status: 400, message: "RegionId is mandatory for this action." },
  "InvalidRegionId.NotFound": { status: 400, message: "The specified RegionId does not exist." },
  "InvalidParameter.ClientToken": {
    status: 400,
    message: "The specified parameter ClientToken is not valid: it must contain only ASCII characters.",
  },
  UnsupportedHTTPMethod: { status: 405, message: "This http method is not supported." },
  MissingParameter: { status: 400, message: "A required parameter is missing." },

  // STS (2015-04-01).
  "EntityNotExist.Role": { status: 404, message: "The role not exists:" },
  "InvalidParameter.RoleArn": { status: 400, message: "The parameter RoleArn is wrongly formed." },
  "InvalidParameter.RoleSessionName": {
    status: 400,
    message: "The parameter RoleSessionName is wrongly formed.",
  },
  "InvalidParameter.DurationSeconds": {
    status: 400,
    message: "The Min/Max value of DurationSeconds is 15min/the role's MaxSessionDuration.",
  },
  NoPermission: {
    status: 403,
    message:
      "No permission perform sts:AssumeRole on this Role. Maybe you are not authorized by the role's trust policy.",
  },
  "AuthenticationFail.NoPermission": { status: 401, message: "There is no permission." },
  "AuthenticationFail.OIDCToken.InvalidSignature": {
    status: 401,
    message: "OIDC token validate failed: invalid signature.",
  },

  // Resource Manager.
  "EntityNotExists.ResourceDirectory": { status: 404, message: "The resource directory does not exist." },
  InvalidParameter: { status: 400, message: "The specified parameter is invalid." },
} satisfies Record<string, ErrorSpec>;

/** An error code the emulator knows. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * The emulator's answers where the real service's behaviour is not documented. This object and
 * the matching table in `emulator/README.md` are the one place to correct them.
 */
export const UNCONFIRMED = {
  /** Open for a region that is already active (Terraform treats this code as "already opened"). */
  alreadyActivated: "OperationFailed.ExceedPurchaseLimit",
  /** A `RegionId` that is not in the region list. */
  invalidRegion: "InvalidRegionId.NotFound",
  /** A second Open for an account while another Open of that account is being processed. */
  concurrentOpen: "OperationConflict",
  /** A security token sent with a long-term AccessKey (one that is not an STS key). */
  tokenWithLongTermKey: "InvalidSecurityToken.MismatchWithAccessKey",
  /** AssumeRole of a role that does not exist (status 404 not confirmed). */
  unknownRole: "EntityNotExist.Role",
  /** AssumeRole with an external ID that is not the one the trust policy requires. */
  wrongExternalId: "NoPermission",
  /** AssumeRoleWithOIDC of a role whose trust policy does not name the identity provider. */
  untrustedOidcProvider: "AuthenticationFail.NoPermission",
  /** An RPC request without `SignatureNonce` (the common-error list names the code; not seen from STS). */
  missingNonce: "MissingSignatureNonce",
  /** An RPC `Timestamp` that is not ISO 8601 UTC, `YYYY-MM-DDThh:mm:ssZ` (the code is the common one). */
  badTimestamp: "InvalidTimeStamp.Format",
  /** A `DurationSeconds` that is not a whole number, such as `3600.0` (status and code not confirmed). */
  fractionalDuration: "InvalidParameter.DurationSeconds",
  /** ListAccounts called by an account that is not the directory's management account (code and status not confirmed). */
  notManagementAccount: "EntityNotExists.ResourceDirectory",
} satisfies Record<string, ErrorCode>;

/** The error codes of the API page that an account (or one region of it) can be set to answer with. */
export const DOCUMENTED_OPEN_ERRORS = [
  "Forbidden.RAM",
  "Order.NoRealNameAuthentication",
  "OperationFailed.BasicInfoUncompleted",
  "OperationFailed.QuotaNotEnough",
  "Forbidden.OpenPublicIpAddressPool",
  "OperationFailed.ExceedPurchaseLimit",
] as const satisfies readonly ErrorCode[];

/** One of the error codes the API page documents. */
export type DocumentedOpenError = (typeof DOCUMENTED_OPEN_ERRORS)[number];
