// What a RAM role setting is, and the rules its values follow: an account ID is 16 digits, a role
// ARN names one, and a role's session fields are what STS accepts. Used by every setting that
// names a role, and by the checks of what STS reports.
import type { Sourced } from "./configSource";

/**
 * A RAM role to assume, as `alicloud:assumeRole` and a resource's `assumeRole` give it (each
 * field as {@link ROLE_FIELD_DOCS} says).
 */
export interface AssumeRoleSpec {
  roleArn: string;
  sessionName?: string;
  policy?: string;
  sessionExpiration?: number;
  externalId?: string;
}

/** A RAM role to assume with an OIDC token, as `alicloud:assumeRoleWithOidc` gives it. */
export interface OidcRoleSpec {
  /** ARN of the role. */
  roleArn: string;
  /** ARN of the OIDC identity provider. */
  oidcProviderArn: string;
  /** The token itself (one of this and `oidcTokenFile`). */
  oidcToken?: string;
  /** A file holding the token. */
  oidcTokenFile?: string;
  /** Session name. */
  roleSessionName?: string;
  /** A policy that narrows the session's permissions. */
  policy?: string;
  /** Session length in seconds. */
  sessionExpiration?: number;
}

/** A role setting's value, with where it was configured and how its fields are named. */
export interface ConfiguredRole<T> extends Sourced<T> {
  /** How a field of the role's setting is named in messages (default `<source>.<field>`). */
  field?: (name: string) => string;
}

/** A role the credentials before it assume, with where it was configured. */
export type RoleStep = ConfiguredRole<AssumeRoleSpec>;

/** The fields of an `assumeRole` setting, in order. */
export const ROLE_FIELDS = ["roleArn", "sessionName", "policy", "sessionExpiration", "externalId"] as const;

/** Session lengths AssumeRole takes, in seconds. */
export const SESSION_SECONDS = { min: 900, max: 43_200 } as const;

/** The session name of a role this package assumes, unless the setting names one. */
export const DEFAULT_SESSION_NAME = "pulumi-alicloud-ip-pool-service";

/**
 * What each field of an `assumeRole` setting means: the text of the schema, and the text the
 * TypeScript faces' doc comments must hold (a unit test compares them).
 */
export const ROLE_FIELD_DOCS: Readonly<Record<(typeof ROLE_FIELDS)[number], string>> = {
  roleArn: "ARN of the role, `acs:ram::<16-digit account ID>:role/<name>`: its account is the one acted in.",
  sessionName: `Session name (default "${DEFAULT_SESSION_NAME}").`,
  policy: "A policy that narrows the session's permissions (JSON text).",
  sessionExpiration: `Session length in seconds, ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max} (default 3600); the session is renewed before it ends.`,
  externalId: "The external ID the role's trust policy requires.",
};

/** The role a resource directory creates in each member it creates, trusted by the management account. */
export const DIRECTORY_ROLE = "ResourceDirectoryAccountAccessRole";

/** Why a value is not a RAM role name (naming `where`), or undefined when it is one. */
export function roleNameProblem(value: unknown, where: string): string | undefined {
  if (typeof value === "string" && /^[A-Za-z0-9.-]{1,64}$/.test(value)) return undefined;
  return `${where}: ${JSON.stringify(value ?? null)} is not a RAM role name (1 to 64 letters, digits, "." and "-")`;
}

/** The ARN of the role `roleName` in account `accountId`. */
export function roleArnIn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName}`;
}

/** An Alibaba Cloud account ID: 16 digits, the first not 0 (as every document and SDK sample shows). */
const ACCOUNT_ID = /^[1-9]\d{15}$/;

/** A RAM role ARN, its account part and its name (the account part is checked apart, to name it). */
const ROLE_ARN = /^acs:ram::(\d+):role\/[\w.@-]{1,64}$/i;

/** Why a value is not an Alibaba Cloud account ID (naming `where`), or undefined when it is one. */
export function accountIdProblem(value: unknown, where: string): string | undefined {
  if (typeof value === "string" && ACCOUNT_ID.test(value)) return undefined;
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return `${where} must be an Alibaba Cloud account ID, 16 digits not starting with 0 (like 1234567890123456), got ${shown}.`;
}

/** The account ID in a role ARN, when the ARN and its account part are well formed. */
export function roleAccount(roleArn: string): string | undefined {
  const account = ROLE_ARN.exec(roleArn)?.[1];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : undefined;
}

/** The account of an ARN of the given kind (`acs:ram::<account>:<kind>/…`), when well formed. */
export function accountInArn(arn: string, kind: string): string | undefined {
  const match = /^acs:ram::(\d+):([\w-]+)\/\S+$/.exec(arn);
  return match && match[2] === kind && ACCOUNT_ID.test(match[1]) ? match[1] : undefined;
}

/** Why a role ARN cannot be used (naming `where`), or undefined when it can. */
export function roleArnProblem(value: unknown, where: string): string | undefined {
  const match = typeof value === "string" ? ROLE_ARN.exec(value) : null;
  if (!match) {
    return `${where} must be a RAM role ARN like "acs:ram::1234567890123456:role/ip-pool-admin", got ${JSON.stringify(value ?? null)}.`;
  }
  const problem = accountIdProblem(match[1], `the account in ${where}`);
  return problem && `${problem} Copy the ARN from the RAM console.`;
}

/** Why a value cannot be a role's external ID (naming `where`), or undefined when it can. */
export function externalIdProblem(value: unknown, where: string): string | undefined {
  if (typeof value === "string" && /^[\w+=,.@:/-]{2,1224}$/.test(value)) return undefined;
  return `${where} must be 2 to 1224 letters, digits and = , . @ : / - _.`;
}

/**
 * Why an `assumeRole` value cannot be used, or undefined. `where` names it (e.g.
 * "alicloud:assumeRole"), or names it and its fields in the terms of its face (`where(".roleArn")`).
 */
export function assumeRoleProblem(
  value: unknown,
  where: string | ((path?: string) => string),
): string | undefined {
  const at = typeof where === "string" ? (path = "") => `${where}${path}` : where;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${at()} must be an object like {"roleArn": "acs:ram::1234567890123456:role/ip-pool-admin"}.`;
  }
  const v = value as Record<string, unknown>;
  const arnProblem = roleArnProblem(v.roleArn, at(".roleArn"));
  if (arnProblem) return arnProblem;
  if (
    v.sessionName !== undefined &&
    (typeof v.sessionName !== "string" || !/^[\w.@-]{2,64}$/.test(v.sessionName))
  ) {
    return `${at(".sessionName")} must be 2 to 64 letters, digits and . @ - _, got ${JSON.stringify(v.sessionName)}.`;
  }
  const seconds = v.sessionExpiration;
  if (
    seconds !== undefined &&
    (typeof seconds !== "number" ||
      !Number.isInteger(seconds) ||
      seconds < SESSION_SECONDS.min ||
      seconds > SESSION_SECONDS.max)
  ) {
    return `${at(".sessionExpiration")} must be a whole number of seconds from ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max}, got ${JSON.stringify(seconds)}.`;
  }
  const externalId =
    v.externalId === undefined ? undefined : externalIdProblem(v.externalId, at(".externalId"));
  if (externalId) return externalId;
  if (v.policy !== undefined && (typeof v.policy !== "string" || v.policy === "" || v.policy.length > 2048)) {
    return `${at(".policy")} must be a policy document (JSON text) of at most 2048 characters.`;
  }
  const unknown = Object.keys(v).filter((k) => !(ROLE_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) return `${at()} has ${unknown.join(", ")}, which it does not take.`;
  return undefined;
}
