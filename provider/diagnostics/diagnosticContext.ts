// What a diagnostic knows of where a failure happened, and the phrases every advice shares: the
// API and the settings that choose its endpoint, the attempts made, where the credentials came from.
import { CHAIN_ENV, SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";
import type { FaceContext } from "./faceContext";
import { isDirectoryOperation, isStsOperation } from "../transport/operations";
import type { RetryStop } from "../transport/retry";
import { stsEndpointSettings, type RoleContext } from "./stsAdvice";

/** Where a failure happened, for the diagnostic text. */
export interface DiagnosticContext extends Pick<FaceContext, "terms"> {
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
  /** What the failure means, when the caller knows better than the code. */
  meaning?: string;
}

/** How much of a reply that is not the API's a diagnostic quotes, in characters. */
export const QUOTED_REPLY_LENGTH = 200;

/** Where RAM users, roles and policies are managed. */
export const RAM_CONSOLE = "the RAM console (https://ram.console.aliyun.com/)";
/** Where quotas and privileges are asked for. */
export const QUOTA_CENTER = "the Quota Center (https://quotas.console.aliyun.com/)";
/** Where an account's verification and information are completed. */
export const ACCOUNT_CENTER = "the Account Center (https://account.console.aliyun.com/)";

/** "(the credentials came from …)", when known. */
export function credentialWhere(ctx: DiagnosticContext): string {
  return ctx.credentialSource ? ` (the credentials came from ${ctx.credentialSource})` : "";
}

/** "N attempts over Ts". */
export function tries(ctx: DiagnosticContext): string {
  return `${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"} over ${(ctx.elapsedMs / 1000).toFixed(1)}s`;
}

/** The API an operation belongs to, and the settings that choose its endpoint. */
export function serviceOf(ctx: DiagnosticContext): { api: string; endpoint: string; settings: string } {
  if (isDirectoryOperation(ctx.operation)) {
    const settings = ctx.terms.settable(SETTINGS.endpoints.key)
      ? `${ctx.terms.name(SETTINGS.endpoints.key)} resourcemanager or ${SETTINGS.endpoints.fields.resourcemanager.env[0]}`
      : SETTINGS.endpoints.fields.resourcemanager.env[0];
    return { api: "the Resource Manager API", endpoint: "the Resource Manager endpoint", settings };
  }
  return isStsOperation(ctx.operation)
    ? {
        api: "the STS API",
        endpoint: "the STS endpoint",
        settings: stsEndpointSettings(ctx.terms),
      }
    : {
        api: "the VPC API",
        endpoint: "the VPC endpoint",
        settings: vpcEndpointSettings(ctx.terms),
      };
}

/** The settings that choose the VPC endpoint, as the user of the face sets them: "A, B or C". */
function vpcEndpointSettings(terms: SettingTerms): string {
  const ways = [
    terms.settable(SETTINGS.vpcEndpoint.key) && terms.name(SETTINGS.vpcEndpoint.key),
    terms.settable(SETTINGS.endpoints.key) && `${terms.name(SETTINGS.endpoints.key)} vpc`,
    SETTINGS.vpcEndpoint.env[0],
  ].filter((w): w is string => !!w);
  return `${ways.slice(0, -1).join(", ")} or ${ways[ways.length - 1]}`;
}

/** How a user sets the AccessKey secret, or the security token, in the face the text speaks to. */
export function keySetting(ctx: DiagnosticContext, what: "secret" | "token"): string {
  const env =
    what === "secret"
      ? `${CHAIN_ENV.accessKeySecret} / ${SETTINGS.secretKey.env[0]}`
      : CHAIN_ENV.securityToken;
  if (!ctx.terms.settable(SETTINGS.secretKey.key)) return env;
  return what === "secret"
    ? `${ctx.terms.set(SETTINGS.secretKey.key, "<secret>", { secret: true })}, or ${env}`
    : `${ctx.terms.name(SETTINGS.securityToken.key)} (or ${env})`;
}

/** Milliseconds as seconds, "12.3s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The start of a reply that is not the API's, on one line, for quoting. */
export function quote(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat === "") return "an empty body";
  const cut = flat.length > QUOTED_REPLY_LENGTH ? `${flat.slice(0, QUOTED_REPLY_LENGTH)}…` : flat;
  return `a body that begins: ${JSON.stringify(cut)}`;
}
