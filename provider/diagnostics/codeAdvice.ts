// What each error code means and what to do about it, by code: the VPC API's documented errors,
// the common errors of signing and credentials, and this package's own codes.
import { SETTINGS } from "../config/keys";
import type { CallFailure } from "../transport/classifyError";
import {
  ACCOUNT_CENTER,
  credentialWhere,
  keySetting,
  QUOTA_CENTER,
  RAM_CONSOLE,
  serviceOf,
  tries,
  type DiagnosticContext,
} from "./diagnosticContext";
import { IDEMPOTENT_MISMATCH, LOCAL_CODES, OPEN_ERROR_CODES } from "./errorCodes";
import { AUTH_ERROR_CODES } from "../transport/failureCodes";
import type { Advice } from "./stsAdvice";

/** The advice this package has for a failure's code, or undefined when the code alone says nothing. */
export function codeAdvice(f: CallFailure, ctx: DiagnosticContext): Advice | undefined {
  const region = ctx.regionId ?? "this region";
  switch (f.code) {
    case LOCAL_CODES.accountMismatch:
      return {
        meaning: `STS reported another account than the one expected: ${f.serviceMessage}. Nothing was sent in either account.`,
        fix:
          `check ${ctx.role ? `the role ARN at ${ctx.role.where} and ` : ""}the STS endpoint (${serviceOf(ctx).settings}, if set): ` +
          "something other than Alibaba Cloud's STS may be answering.",
      };
    case LOCAL_CODES.unexpectedResponse:
      return {
        meaning:
          `the reply is not what ${ctx.operation} returns: ${f.serviceMessage}. Nothing was concluded from it, ` +
          "and nothing in the stack was changed.",
        fix:
          `check that the endpoint (${serviceOf(ctx).settings}, if set) is ${serviceOf(ctx).api}, then run again; ` +
          "if it persists, quote the request ID to Alibaba Cloud support.",
      };
    case OPEN_ERROR_CODES.forbiddenRam:
      return {
        meaning: `the RAM user or role of these credentials may not call ${ctx.operation}${credentialWhere(ctx)}.`,
        fix:
          `grant the RAM action "vpc:${ctx.operation}" to that user or role in ${RAM_CONSOLE} ` +
          `(a custom policy with that action, or the system policy AliyunVPCFullAccess), then run again.`,
      };
    case OPEN_ERROR_CODES.noRealNameAuthentication:
      return {
        meaning:
          "the Alibaba Cloud account has not completed real-name verification, which this feature requires.",
        fix: `complete real-name verification in ${ACCOUNT_CENTER}, then run \`pulumi up\` again.`,
      };
    case OPEN_ERROR_CODES.basicInfoUncompleted:
      return {
        meaning: "the account's basic information is incomplete.",
        fix: `complete the account's basic information in ${ACCOUNT_CENTER}, then run \`pulumi up\` again.`,
      };
    case OPEN_ERROR_CODES.quotaNotEnough:
      return {
        meaning: "the account's quota is not enough to activate the IP address pool feature.",
        fix: `raise the quota in ${QUOTA_CENTER}; for a reseller account, ask your channel partner to increase it.`,
      };
    case OPEN_ERROR_CODES.forbiddenOpenPool:
      return {
        meaning: "the account has no permission to activate the public IP address pool feature.",
        fix: `apply for the public IP address pool privilege of VPC in ${QUOTA_CENTER}, then run \`pulumi up\` again.`,
      };
    case OPEN_ERROR_CODES.exceedPurchaseLimit:
      return {
        meaning: `the account reached the purchase limit of this feature, yet the status call reports it disabled in ${region}.`,
        fix:
          `check in the VPC console whether the IP address pool feature is active in ${region}; ` +
          "if it is not, open a ticket with Alibaba Cloud support quoting the request ID.",
      };
    case AUTH_ERROR_CODES.signatureMismatch:
      return {
        meaning: `Alibaba Cloud rejected the request signature: the AccessKey secret does not match the AccessKey ID${credentialWhere(ctx)}.`,
        fix: `set the right secret: ${keySetting(ctx, "secret")}; check that no proxy rewrites the requests.`,
      };
    case AUTH_ERROR_CODES.keyNotFound:
    case AUTH_ERROR_CODES.keyInvalid:
      return {
        meaning: `the AccessKey ID does not exist: it was deleted, rotated or mistyped${credentialWhere(ctx)}.`,
        fix: `create or look up an active AccessKey in ${RAM_CONSOLE} and set it as ${ctx.terms.name(SETTINGS.accessKey.key)} and ${ctx.terms.name(SETTINGS.secretKey.key)} (or in the environment).`,
      };
    case AUTH_ERROR_CODES.keyInactive:
      return {
        meaning: `the AccessKey is disabled${credentialWhere(ctx)}.`,
        fix: `enable it in ${RAM_CONSOLE}, or set an active AccessKey.`,
      };
    case AUTH_ERROR_CODES.timestampExpired:
    case AUTH_ERROR_CODES.timestampFormat:
      return {
        meaning: "the request's timestamp is more than 15 minutes away from Alibaba Cloud's clock.",
        fix: "synchronise this machine's clock (for example `timedatectl set-ntp true`), then run again.",
      };
    case AUTH_ERROR_CODES.nonceUsed:
      return {
        meaning: "the request's signature nonce had been used before: a request was replayed.",
        fix: "run again; if it persists, look for a proxy that replays requests.",
      };
    case AUTH_ERROR_CODES.incompleteSignature:
      return {
        meaning: "Alibaba Cloud found the request signature malformed or incomplete.",
        fix: "check that no proxy strips or rewrites the Authorization and x-acs-* headers.",
      };
    case AUTH_ERROR_CODES.tokenExpired:
      return ctx.assumedRole
        ? {
            meaning: `the session of role ${ctx.assumedRole} expired before it was renewed${credentialWhere(ctx)}.`,
            fix:
              "run again: sessions are renewed before they expire, so one that expires says this machine's clock is off; " +
              "synchronise it (for example `timedatectl set-ntp true`).",
          }
        : {
            meaning: `the STS security token has expired${credentialWhere(ctx)}.`,
            fix: `get fresh STS credentials and set ${keySetting(ctx, "token")} with them.`,
          };
    case AUTH_ERROR_CODES.tokenMismatch:
    case AUTH_ERROR_CODES.tokenMalformed:
    case AUTH_ERROR_CODES.tokenMissing:
      return {
        meaning: `the STS security token is missing, malformed, or not the one issued with this AccessKey ID${credentialWhere(ctx)}.`,
        fix: `set the security token issued with this AccessKey as ${keySetting(ctx, "token")}.`,
      };
    case IDEMPOTENT_MISMATCH:
      return {
        meaning: "this resource's idempotency token was used before with other parameters.",
        fix: "run `pulumi up` again; if it persists, replace the resource (`pulumi up --replace <urn>`) to get a new token.",
      };
    case LOCAL_CODES.timeout:
      return {
        meaning: `${serviceOf(ctx).endpoint} ${ctx.endpointHost ?? ""} did not answer in time (${tries(ctx)}).`,
        fix: `check the network, proxy and endpoint settings (${serviceOf(ctx).settings}), then run again.`,
      };
  }
  return undefined;
}
