import { ALICLOUD_KEYS } from "./alicloudConfig";
import type { CallFailure } from "./classifyError";
import { INVALID_REGION_CODES, LOCAL_CODES, OPEN_ERROR_CODES } from "./errorCodes";
import { isStsOperation } from "./operations";
import type { RetryStop } from "./retry";
import { CONFIG_KEYS, CREDENTIAL_ENV, ENV_KEYS } from "./settings";
import { roleAdvice, stsEndpointSettings, type Advice, type RoleContext } from "./stsAdvice";

/** Where a failure happened, for the diagnostic text. */
export interface DiagnosticContext {
  /** The API operation. */
  operation: string;
  /** The region, when the operation has one. */
  regionId?: string;
  /** Attempts made, the first included. */
  attempts: number;
  /** Time spent on the attempts, in milliseconds. */
  elapsedMs: number;
  /** Where the credentials came from, e.g. "stack config alicloud:accessKey". */
  credentialSource?: string;
  /** The endpoint host called. */
  endpointHost?: string;
  /** Why retrying stopped, when it was retried. */
  stoppedBy?: RetryStop;
  /** Time the retry budget had left when retrying stopped, in milliseconds. */
  budgetLeftMs?: number;
  /** For a role's session (AssumeRole, AssumeRoleWithOIDC): the role asked for. */
  role?: RoleContext;
  /** The role whose session signed the call, when its credentials are one. */
  assumedRole?: string;
  /** Whether the text speaks to the command line (its flags and environment) rather than a stack. */
  command?: boolean;
  /** What the failure means, when the caller knows better than the code. */
  meaning?: string;
}

/** How much of a reply that is not the API's a diagnostic quotes, in characters. */
export const QUOTED_REPLY_LENGTH = 200;

const RAM_CONSOLE = "the RAM console (https://ram.console.aliyun.com/)";
const QUOTA_CENTER = "the Quota Center (https://quotas.console.aliyun.com/)";
const ACCOUNT_CENTER = "the Account Center (https://account.console.aliyun.com/)";

function credentialWhere(ctx: DiagnosticContext): string {
  return ctx.credentialSource ? ` (the credentials came from ${ctx.credentialSource})` : "";
}

function tries(ctx: DiagnosticContext): string {
  return `${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"} over ${(ctx.elapsedMs / 1000).toFixed(1)}s`;
}

/** The API an operation belongs to, and the settings that choose its endpoint. */
function serviceOf(ctx: DiagnosticContext): { api: string; endpoint: string; settings: string } {
  return isStsOperation(ctx.operation)
    ? {
        api: "the STS API",
        endpoint: "the STS endpoint",
        settings: stsEndpointSettings(ctx.command === true),
      }
    : {
        api: "the VPC API",
        endpoint: "the VPC endpoint",
        settings: ctx.command
          ? `--endpoint or ${ENV_KEYS.endpoint}`
          : `${CONFIG_KEYS.endpoint}, ${ALICLOUD_KEYS.endpoints} vpc or ${ENV_KEYS.endpoint}`,
      };
}

/** How a user sets the AccessKey secret, or the security token, in the face the text speaks to. */
function keySetting(ctx: DiagnosticContext, what: "secret" | "token"): string {
  const env =
    what === "secret"
      ? `${CREDENTIAL_ENV.alibabaCloud.accessKeySecret} / ${CREDENTIAL_ENV.alicloud.accessKeySecret}`
      : CREDENTIAL_ENV.alibabaCloud.securityToken;
  if (ctx.command) return env;
  return what === "secret"
    ? `\`pulumi config set --secret ${CONFIG_KEYS.secretKey} <secret>\`, or ${env}`
    : `${CONFIG_KEYS.securityToken} (or ${env})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The start of a reply that is not the API's, on one line, for quoting. */
function quote(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat === "") return "an empty body";
  const cut = flat.length > QUOTED_REPLY_LENGTH ? `${flat.slice(0, QUOTED_REPLY_LENGTH)}…` : flat;
  return `a body that begins: ${JSON.stringify(cut)}`;
}

function advise(f: CallFailure, ctx: DiagnosticContext): Advice {
  const region = ctx.regionId ?? "this region";
  const forRole = ctx.role && roleAdvice(f, ctx.role);
  if (forRole) return forRole;
  if (f.foreignReply) {
    const type = f.foreignReply.contentType
      ? `content type ${f.foreignReply.contentType}`
      : "no content type";
    const retried = f.kind === "transient" ? `, every time (${tries(ctx)})` : "";
    return {
      meaning:
        `the reply did not come from ${serviceOf(ctx).api}${retried}: HTTP ${f.statusCode}, ${type}, ${quote(f.foreignReply.bodyStart)}. ` +
        "Something between this machine and Alibaba Cloud answered instead (a proxy, a captive portal, a load balancer).",
      fix:
        `check the endpoint (${serviceOf(ctx).settings}, if set), the proxy settings (HTTPS_PROXY) and the network ` +
        `path to ${ctx.endpointHost ?? "the endpoint"}, then run again.`,
    };
  }
  if (f.origin === "local") {
    return f.code === LOCAL_CODES.badHeaderValue
      ? {
          meaning: `a credential or setting holds a character that cannot be sent in an HTTP header (${f.serviceMessage}).`,
          fix: "set the AccessKey ID and security token again, without line breaks, spaces or non-ASCII characters.",
        }
      : {
          meaning: `the request could not be made on this machine: ${f.serviceMessage}. Nothing was sent to Alibaba Cloud.`,
          fix: "this is a fault of pulumi-alicloud-ip-pool-service or of its setup: report it to the package's maintainers with this text.",
        };
  }
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
    case "SignatureDoesNotMatch":
      return {
        meaning: `Alibaba Cloud rejected the request signature: the AccessKey secret does not match the AccessKey ID${credentialWhere(ctx)}.`,
        fix: `set the right secret: ${keySetting(ctx, "secret")}; check that no proxy rewrites the requests.`,
      };
    case "InvalidAccessKeyId.NotFound":
    case "InvalidAccessKeyId":
      return {
        meaning: `the AccessKey ID does not exist: it was deleted, rotated or mistyped${credentialWhere(ctx)}.`,
        fix: `create or look up an active AccessKey in ${RAM_CONSOLE} and set it as ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey} (or in the environment).`,
      };
    case "InvalidAccessKeyId.Inactive":
      return {
        meaning: `the AccessKey is disabled${credentialWhere(ctx)}.`,
        fix: `enable it in ${RAM_CONSOLE}, or set an active AccessKey.`,
      };
    case "InvalidTimeStamp.Expired":
    case "InvalidTimeStamp.Format":
      return {
        meaning: "the request's timestamp is more than 15 minutes away from Alibaba Cloud's clock.",
        fix: "synchronise this machine's clock (for example `timedatectl set-ntp true`), then run again.",
      };
    case "SignatureNonceUsed":
      return {
        meaning: "the request's signature nonce had been used before: a request was replayed.",
        fix: "run again; if it persists, look for a proxy that replays requests.",
      };
    case "IncompleteSignature":
      return {
        meaning: "Alibaba Cloud found the request signature malformed or incomplete.",
        fix: "check that no proxy strips or rewrites the Authorization and x-acs-* headers.",
      };
    case "InvalidSecurityToken.Expired":
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
    case "InvalidSecurityToken.MismatchWithAccessKey":
    case "InvalidSecurityToken.Malformed":
    case "MissingSecurityToken":
      return {
        meaning: `the STS security token is missing, malformed, or not the one issued with this AccessKey ID${credentialWhere(ctx)}.`,
        fix: `set the security token issued with this AccessKey as ${keySetting(ctx, "token")}.`,
      };
    case "IdempotentParameterMismatch":
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
  if (INVALID_REGION_CODES.has(f.code)) {
    return {
      meaning: `region "${region}" does not exist, or does not offer the VPC API.`,
      fix: "check the region ID; list the regions with `alicloud-ip-pool-service status --all-regions`.",
    };
  }
  if (f.network) {
    return {
      meaning: `could not reach ${serviceOf(ctx).endpoint} ${ctx.endpointHost ?? ""} (${f.code}; ${tries(ctx)}).`,
      fix: `check the network and proxy settings and the endpoint (${serviceOf(ctx).settings}, if set), then run again.`,
    };
  }
  if (f.kind === "throttling" && ctx.stoppedBy === "retryAfter") {
    return {
      meaning:
        `Alibaba Cloud throttled the requests of this account and asked to wait ${seconds(f.retryAfterMs ?? 0)} before ` +
        `retrying, more than the ${seconds(ctx.budgetLeftMs ?? 0)} left of the retry budget (${tries(ctx)}).`,
      fix: `run again later, or allow longer retries with ${CONFIG_KEYS.retryTimeout}.`,
    };
  }
  if (f.kind === "throttling") {
    return {
      meaning: `Alibaba Cloud kept throttling the requests of this account (${tries(ctx)}).`,
      fix:
        `run again later, lower \`pulumi up --parallel\`, or allow longer retries with ${CONFIG_KEYS.retryTimeout}; ` +
        `a higher API rate limit can be requested in ${QUOTA_CENTER}.`,
    };
  }
  if (f.kind === "transient") {
    const conflict = f.statusCode !== undefined && f.statusCode < 500;
    return conflict
      ? {
          meaning: `another request of this account was being processed and did not finish within the retries (${tries(ctx)}); another stack may be activating a region at the same time.`,
          fix: `wait for the other operation to finish, then run again; or allow longer retries with ${CONFIG_KEYS.retryTimeout}.`,
        }
      : {
          meaning: `Alibaba Cloud answered with a server error every time (${tries(ctx)}).`,
          fix: "run again later; if it persists, quote the request ID to Alibaba Cloud support.",
        };
  }
  return {
    meaning: "Alibaba Cloud refused the request with an error this package has no advice for.",
    fix: f.recommend
      ? `see ${f.recommend}`
      : isStsOperation(ctx.operation)
        ? "look the code up in the STS error center (https://api.aliyun.com/document/Sts/2015-04-01/errorCode)."
        : "look the code up in the VPC error center (https://api.aliyun.com/document/Vpc/2016-04-28/errorCode).",
  };
}

/** What the first line says of the answer: its status and request ID, or that there was none. */
function answerFacts(failure: CallFailure, ctx: DiagnosticContext): string {
  if (failure.origin === "local")
    return "not sent: a problem on this machine, not an answer from Alibaba Cloud";
  const facts = [failure.statusCode !== undefined ? `HTTP ${failure.statusCode}` : undefined];
  if (failure.requestId) facts.push(`request ID ${failure.requestId}`);
  else if (failure.foreignReply) facts.push(`no request ID: not an answer of ${serviceOf(ctx).api}`);
  else if (failure.statusCode !== undefined) facts.push("no request ID in the reply");
  else facts.push("no request ID: the service did not answer");
  return facts.filter(Boolean).join(", ");
}

/** The full diagnostic text of a failed call: region, operation, code, meaning, fix and request ID. */
export function diagnose(failure: CallFailure, ctx: DiagnosticContext): string {
  const advice = advise(failure, ctx);
  const { fix } = advice;
  const meaning = ctx.meaning ?? advice.meaning;
  const where = ctx.role
    ? ` for role ${ctx.role.arn} (account ${ctx.role.account})`
    : ctx.regionId
      ? ` in region ${ctx.regionId}`
      : "";
  const lines = [
    `${ctx.operation} failed${where}: ${failure.code} (${answerFacts(failure, ctx)}).`,
    `Meaning: ${meaning}`,
    `Fix: ${fix}`,
  ];
  // Only the API's own words are presented as Alibaba Cloud's.
  if (failure.origin === "service" && failure.serviceMessage) {
    lines.push(`Alibaba Cloud said: ${failure.serviceMessage}`);
  }
  return lines.join("\n");
}
