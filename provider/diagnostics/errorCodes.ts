import { CALL_CODES } from "../transport/failureCodes";

/** The idempotency token was used before with other parameters. */
export const IDEMPOTENT_MISMATCH = "IdempotentParameterMismatch";

/** STS's refusals of a role's session, by what they mean. */
export const STS_ERROR_CODES = {
  /** The account has no such role. */
  unknownRole: "EntityNotExist.Role",
  /** The role's trust policy refuses the caller (or the external ID). */
  noPermission: "NoPermission",
  /** The session is longer or shorter than the role allows. */
  duration: "InvalidParameter.DurationSeconds",
  /** The session name is not one STS accepts. */
  sessionName: "InvalidParameter.RoleSessionName",
  /** The OIDC identity provider is unknown or not trusted. */
  oidcNoPermission: "AuthenticationFail.NoPermission",
  /** The start of every code of a refused OIDC token. */
  oidcTokenPrefix: "AuthenticationFail.OIDCToken",
} as const;

/** Codes the API may use for a region it does not know (the real one is not documented). */
export const INVALID_REGION_CODES: ReadonlySet<string> = new Set([
  "InvalidRegionId.NotFound",
  "InvalidRegionId",
  "Invalid.RegionId",
  "InvalidRegionId.Malformed",
]);

/** The error codes OpenPublicIpAddressPoolService documents (all HTTP 400). */
export const OPEN_ERROR_CODES = {
  /** The account reached the purchase limit (also what an already active account may answer). */
  exceedPurchaseLimit: "OperationFailed.ExceedPurchaseLimit",
  /** The RAM user or role may not call the action. */
  forbiddenRam: "Forbidden.RAM",
  /** The account's quota is not enough. */
  quotaNotEnough: "OperationFailed.QuotaNotEnough",
  /** The account has not completed real-name verification. */
  noRealNameAuthentication: "Order.NoRealNameAuthentication",
  /** The account's basic information is incomplete. */
  basicInfoUncompleted: "OperationFailed.BasicInfoUncompleted",
  /** The account lacks the public IP address pool privilege (Quota Center). */
  forbiddenOpenPool: "Forbidden.OpenPublicIpAddressPool",
} as const;

/** Resource Manager's refusals of a listing of the directory's members. */
export const DIRECTORY_ERROR_CODES = {
  /** The caller's account manages no resource directory (it is not the management account). */
  noDirectory: "EntityNotExists.ResourceDirectory",
} as const;

/** Codes this package gives failures that have no service code: a failed call's, and its own refusals. */
export const LOCAL_CODES = {
  ...CALL_CODES,
  /** Open succeeded but the status did not report enabled in time. */
  activationTimeout: "ActivationTimeout",
  /** A setting (endpoint, timeouts, region) is not usable. */
  badSetting: "InvalidSetting",
  /** A reply in the API's form that lacks what the operation returns (e.g. a boolean `Enabled`). */
  unexpectedResponse: "UnexpectedResponse",
  /** The account STS reports is not the one the role's ARN, `alicloud:accountId` or the state names. */
  accountMismatch: "AccountMismatch",
  /** Another process held the account's Open lock for the whole activation wait. */
  accountBusy: "AccountBusy",
  /** A region to import is not active: there is nothing to adopt. */
  notActive: "NotActive",
  /** The provider plugin could not read its provider's inputs from the engine's Configure. */
  unreadableConfiguration: "UnreadableConfiguration",
  /** The folder of the account lock files is not this user's own private folder. */
  lockFolderRefused: "LockFolderRefused",
  /** The engine asked the plugin for a resource type or function it does not serve. */
  unknownToken: "UnknownToken",
  /** A resource's recorded state holds a value no version of this package writes. */
  invalidState: "InvalidState",
} as const;
