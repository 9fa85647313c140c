// The diagnostic of a failed call: what happened, what it means, what to do, and the request ID. The advice
// comes from STS's refusals of a role, then the failure's code, then what kind of failure it is.
import type { CallFailure } from "../transport/classifyError";
import { codeAdvice } from "./codeAdvice";
import { diagnosticText, type DiagnosticText } from "./diagnostic";
import {
  credentialWhere,
  quote,
  seconds,
  serviceOf,
  tries,
  QUOTA_CENTER,
  type DiagnosticContext,
} from "./diagnosticContext";
import { DIRECTORY_ERROR_CODES, INVALID_REGION_CODES, LOCAL_CODES } from "./errorCodes";
import { isDirectoryOperation, isStsOperation } from "../transport/operations";
import { roleAdvice, type Advice } from "./stsAdvice";
import { SETTINGS } from "../config/keys";

/** What a failure means and what to do, most specific first. */
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
  const byCode = codeAdvice(f, ctx);
  if (byCode) return byCode;
  if (f.code === DIRECTORY_ERROR_CODES.noDirectory) {
    return {
      meaning: `the account of these credentials${credentialWhere(ctx)} manages no resource directory: the members are listed only to the management account, or to a delegated administrator of Resource Manager.`,
      fix: "run with credentials of the directory's management account (or of a delegated administrator), or name the accounts one by one with --assume-role.",
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
      fix: `run again later, or allow longer retries with ${ctx.terms.name(SETTINGS.retryTimeoutSeconds.key)}.`,
    };
  }
  if (f.kind === "throttling") {
    return {
      meaning: `Alibaba Cloud kept throttling the requests of this account (${tries(ctx)}).`,
      fix:
        `run again later, lower \`pulumi up --parallel\`, or allow longer retries with ${ctx.terms.name(SETTINGS.retryTimeoutSeconds.key)}; ` +
        `a higher API rate limit can be requested in ${QUOTA_CENTER}.`,
    };
  }
  if (f.kind === "transient") {
    const conflict = f.statusCode !== undefined && f.statusCode < 500;
    return conflict
      ? {
          meaning: `another request of this account was being processed and did not finish within the retries (${tries(ctx)}); another stack may be activating a region at the same time.`,
          fix: `wait for the other operation to finish, then run again; or allow longer retries with ${ctx.terms.name(SETTINGS.retryTimeoutSeconds.key)}.`,
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
        : isDirectoryOperation(ctx.operation)
          ? "look the code up in the Resource Manager error center (https://api.aliyun.com/document/ResourceManager/2020-03-31/errorCode)."
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

/** The diagnostic of a failed call, in parts: region, operation, code, meaning, fix and request ID. */
export function diagnosis(failure: CallFailure, ctx: DiagnosticContext): DiagnosticText {
  const advice = advise(failure, ctx);
  const where = ctx.role
    ? ` for role ${ctx.role.arn} (account ${ctx.role.account})`
    : ctx.regionId
      ? ` in region ${ctx.regionId}`
      : "";
  return {
    what: `${ctx.operation} failed${where}: ${failure.code} (${answerFacts(failure, ctx)}).`,
    meaning: ctx.meaning ?? advice.meaning,
    fix: advice.fix,
    // Only the API's own words are presented as Alibaba Cloud's.
    said: failure.origin === "service" && failure.serviceMessage ? failure.serviceMessage : undefined,
  };
}

/** The full diagnostic text of a failed call (see {@link diagnosis}). */
export function diagnose(failure: CallFailure, ctx: DiagnosticContext): string {
  return diagnosticText(diagnosis(failure, ctx));
}
