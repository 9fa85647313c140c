// The `alicloud:*` configuration this package shares with @pulumi/alicloud: every key that decides
// which account is used or which endpoint is called, read with @pulumi/alicloud's meaning and its
// environment variables (those the Terraform provider under it reads), and refused when this
// package cannot honour it. Nothing here is sent anywhere.
import { SettingsError, type ConfigSource } from "./settings";

/** One setting's value and where it was found, for messages (never the value of a secret). */
export interface Sourced<T> {
  /** The value. */
  value: T;
  /** Where it was found, e.g. "stack config alicloud:profile". */
  source: string;
}

/** A RAM role to assume, as `alicloud:assumeRole` and a resource's `assumeRole` give it. */
export interface AssumeRoleSpec {
  /** ARN of the role: `acs:ram::<account ID>:role/<name>`. */
  roleArn: string;
  /** Session name (default "pulumi-alicloud-ip-pool-service"). */
  sessionName?: string;
  /** A policy that narrows the session's permissions (JSON text). */
  policy?: string;
  /** Session length in seconds, 900 to 43200 (default 3600). */
  sessionExpiration?: number;
  /** The external ID the role's trust policy requires. */
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

/** A role the credentials before it assume, with where it was configured. */
export interface RoleStep extends Sourced<AssumeRoleSpec> {
  /** How a field of the role's setting is named in messages (default `<source>.<field>`). */
  field?: (name: string) => string;
}

/** The `alicloud:*` settings that decide the account or the endpoint, besides the AccessKey pair. */
export interface AlicloudConfig {
  /** The role the stack's credentials assume. */
  assumeRole?: RoleStep;
  /** A role assumed with an OIDC token, instead of other credentials. */
  assumeRoleWithOidc?: Sourced<OidcRoleSpec>;
  /** The RAM role of the ECS instance (its credentials come from instance metadata). */
  ecsRoleName?: Sourced<string>;
  /** A URI that serves credentials. */
  credentialsUri?: Sourced<string>;
  /** A profile of the Alibaba Cloud CLI's configuration. */
  profile?: Sourced<string>;
  /** The CLI configuration file to read the profile from (default ~/.aliyun/config.json). */
  sharedCredentialsFile?: Sourced<string>;
  /** Endpoint overrides from `alicloud:endpoints`. */
  endpoints: { vpc?: Sourced<string>; sts?: Sourced<string> };
  /** `alicloud:protocol`: the scheme of an endpoint given as a bare host. */
  protocol: "HTTP" | "HTTPS";
  /** The account the stack's credentials must act in, when configured: checked against what STS reports. */
  accountId?: Sourced<string>;
}

/** Configuration keys of @pulumi/alicloud that this package reads. */
export const ALICLOUD_KEYS = {
  /** `{roleArn, sessionName, policy, sessionExpiration, externalId}`. */
  assumeRole: "alicloud:assumeRole",
  /** `{oidcProviderArn, oidcToken, oidcTokenFile, roleArn, roleSessionName, policy, sessionExpiration}`. */
  assumeRoleWithOidc: "alicloud:assumeRoleWithOidc",
  /** RAM role of the ECS instance. */
  ecsRoleName: "alicloud:ecsRoleName",
  /** URI of a credentials service. */
  credentialsUri: "alicloud:credentialsUri",
  /** CLI profile. */
  profile: "alicloud:profile",
  /** CLI configuration file of the profile. */
  sharedCredentialsFile: "alicloud:sharedCredentialsFile",
  /** `[{vpc, sts, ...}]`. */
  endpoints: "alicloud:endpoints",
  /** `HTTP` or `HTTPS`. */
  protocol: "alicloud:protocol",
  /** The account ID. */
  accountId: "alicloud:accountId",
} as const;

/** Environment variables of each key, first found wins (as the Terraform provider reads them). */
export const ALICLOUD_ENV = {
  /** The role to assume, and its session. */
  assumeRole: {
    roleArn: ["ALICLOUD_ASSUME_ROLE_ARN"],
    sessionName: ["ALICLOUD_ASSUME_ROLE_SESSION_NAME"],
    sessionExpiration: ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"],
  },
  /** ECS RAM role name. */
  ecsRoleName: ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"],
  /** Credentials URI. */
  credentialsUri: ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"],
  /** CLI profile. */
  profile: ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"],
  /** CLI configuration file. */
  sharedCredentialsFile: ["ALICLOUD_SHARED_CREDENTIALS_FILE"],
  /** Account ID. */
  accountId: ["ALICLOUD_ACCOUNT_ID", "ALIBABA_CLOUD_ACCOUNT_ID"],
  /** STS endpoint (`alicloud:endpoints` has no environment variable; these are the Terraform provider's). */
  stsEndpoint: ["ALICLOUD_STS_ENDPOINT", "ALIBABA_CLOUD_STS_ENDPOINT"],
} as const;

/**
 * `alicloud:*` keys that would change the account or the endpoint, which this package cannot
 * honour: set, they fail the preview, naming the key, rather than being ignored. Keys that change
 * neither (`accountType`, the timeouts, other services' endpoints) are not read; the README lists them.
 */
export const REFUSED_KEYS: readonly string[] = [
  "alicloud:sourceIp",
  "alicloud:securityTransport",
  "alicloud:secureTransport",
];

/** Why each of {@link REFUSED_KEYS} cannot be honoured. */
const REFUSED_BECAUSE =
  "it is a condition @pulumi/alicloud sends with AssumeRole, which this package does not send";

/** Session lengths AssumeRole takes, in seconds. */
export const SESSION_SECONDS = { min: 900, max: 43_200 } as const;

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

/** Why an `assumeRole` value cannot be used (naming `where`, e.g. "alicloud:assumeRole"), or undefined. */
export function assumeRoleProblem(value: unknown, where: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${where} must be an object like {"roleArn": "acs:ram::1234567890123456:role/ip-pool-admin"}.`;
  }
  const v = value as Record<string, unknown>;
  const arnProblem = roleArnProblem(v.roleArn, `${where}.roleArn`);
  if (arnProblem) return arnProblem;
  if (
    v.sessionName !== undefined &&
    (typeof v.sessionName !== "string" || !/^[\w.@-]{2,64}$/.test(v.sessionName))
  ) {
    return `${where}.sessionName must be 2 to 64 letters, digits and . @ - _, got ${JSON.stringify(v.sessionName)}.`;
  }
  const seconds = v.sessionExpiration;
  if (
    seconds !== undefined &&
    (typeof seconds !== "number" ||
      !Number.isInteger(seconds) ||
      seconds < SESSION_SECONDS.min ||
      seconds > SESSION_SECONDS.max)
  ) {
    return `${where}.sessionExpiration must be a whole number of seconds from ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max}, got ${JSON.stringify(seconds)}.`;
  }
  if (
    v.externalId !== undefined &&
    (typeof v.externalId !== "string" || !/^[\w+=,.@:/-]{2,1224}$/.test(v.externalId))
  ) {
    return `${where}.externalId must be 2 to 1224 letters, digits and = , . @ : / - _.`;
  }
  if (v.policy !== undefined && (typeof v.policy !== "string" || v.policy === "" || v.policy.length > 2048)) {
    return `${where}.policy must be a policy document (JSON text) of at most 2048 characters.`;
  }
  const unknown = Object.keys(v).filter(
    (k) => !["roleArn", "sessionName", "policy", "sessionExpiration", "externalId"].includes(k),
  );
  if (unknown.length > 0) return `${where} has ${unknown.join(", ")}, which it does not take.`;
  return undefined;
}

function firstEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Sourced<string> | undefined {
  for (const name of names) if (env[name]) return { value: env[name]!, source: `environment ${name}` };
  return undefined;
}

function fromConfigOrEnv(
  config: ConfigSource,
  key: string,
  env: NodeJS.ProcessEnv,
  names: readonly string[],
) {
  const value = config.get(key);
  return value !== undefined ? { value, source: `stack config ${key}` } : firstEnv(env, names);
}

/** Parses a structured key (stack config holds it as JSON text). */
function object(config: ConfigSource, key: string): unknown {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new SettingsError(
      `${key} is not an object: set it with \`pulumi config set --path '${key}.<field>' <value>\`.`,
    );
  }
}

function assumeRole(config: ConfigSource, env: NodeJS.ProcessEnv): RoleStep | undefined {
  const fromConfig = object(config, ALICLOUD_KEYS.assumeRole);
  if (fromConfig !== undefined) {
    const problem = assumeRoleProblem(fromConfig, ALICLOUD_KEYS.assumeRole);
    if (problem) throw new SettingsError(problem);
    return { value: fromConfig as AssumeRoleSpec, source: `stack config ${ALICLOUD_KEYS.assumeRole}` };
  }
  const roleArn = firstEnv(env, ALICLOUD_ENV.assumeRole.roleArn);
  if (!roleArn) return undefined;
  const expiration = firstEnv(env, ALICLOUD_ENV.assumeRole.sessionExpiration)?.value;
  const spec: Record<string, unknown> = { roleArn: roleArn.value };
  const sessionName = firstEnv(env, ALICLOUD_ENV.assumeRole.sessionName)?.value;
  if (sessionName) spec.sessionName = sessionName;
  if (expiration) spec.sessionExpiration = Number(expiration);
  const problem = assumeRoleProblem(spec, roleArn.source);
  if (problem) throw new SettingsError(problem);
  return { value: spec as unknown as AssumeRoleSpec, source: roleArn.source };
}

function oidcRole(config: ConfigSource): Sourced<OidcRoleSpec> | undefined {
  const key = ALICLOUD_KEYS.assumeRoleWithOidc;
  const value = object(config, key) as Record<string, unknown> | undefined;
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null) throw new SettingsError(`${key} must be an object.`);
  for (const field of ["roleArn", "oidcProviderArn"]) {
    if (typeof value[field] !== "string" || value[field] === "")
      throw new SettingsError(`${key}.${field} is required.`);
  }
  const arnProblem = roleArnProblem(value.roleArn, `${key}.roleArn`);
  if (arnProblem) throw new SettingsError(arnProblem);
  if (!value.oidcToken && !value.oidcTokenFile) {
    throw new SettingsError(
      `${key} needs oidcToken or oidcTokenFile (or ${"ALIBABA_CLOUD_OIDC_TOKEN_FILE"}).`,
    );
  }
  return { value: value as unknown as OidcRoleSpec, source: `stack config ${key}` };
}

function endpoints(config: ConfigSource, env: NodeJS.ProcessEnv): AlicloudConfig["endpoints"] {
  const key = ALICLOUD_KEYS.endpoints;
  const value = object(config, key);
  const sts = firstEnv(env, ALICLOUD_ENV.stsEndpoint);
  if (value === undefined) return sts ? { sts } : {};
  const list = Array.isArray(value) ? value : [value];
  const found: AlicloudConfig["endpoints"] = {};
  for (const [i, item] of list.entries()) {
    if (typeof item !== "object" || item === null)
      throw new SettingsError(`${key}[${i}] must be an object like {"vpc": "host"}.`);
    for (const service of ["vpc", "sts"] as const) {
      const host = (item as Record<string, unknown>)[service];
      if (typeof host === "string" && host !== "" && !found[service]) {
        found[service] = { value: host, source: `stack config ${key}[${i}].${service}` };
      }
    }
  }
  return found.sts || !sts ? found : { ...found, sts };
}

/** Reads every `alicloud:*` key of {@link ALICLOUD_KEYS} with its environment fallbacks. Throws {@link SettingsError}. */
export function readAlicloudConfig(config: ConfigSource, env: NodeJS.ProcessEnv): AlicloudConfig {
  for (const key of REFUSED_KEYS) {
    if (config.get(key) !== undefined) {
      throw new SettingsError(
        `${key} is set, and this package cannot honour it: ${REFUSED_BECAUSE}. Rather than act without it, nothing is sent: ` +
          `unset it (\`pulumi config rm ${key}\`) for stacks that use this package.`,
      );
    }
  }
  const protocol = config.get(ALICLOUD_KEYS.protocol);
  if (protocol !== undefined && protocol !== "HTTP" && protocol !== "HTTPS") {
    throw new SettingsError(`${ALICLOUD_KEYS.protocol} must be HTTP or HTTPS, got "${protocol}".`);
  }
  return {
    assumeRole: assumeRole(config, env),
    assumeRoleWithOidc: oidcRole(config),
    ecsRoleName: fromConfigOrEnv(config, ALICLOUD_KEYS.ecsRoleName, env, ALICLOUD_ENV.ecsRoleName),
    credentialsUri: fromConfigOrEnv(config, ALICLOUD_KEYS.credentialsUri, env, ALICLOUD_ENV.credentialsUri),
    profile: fromConfigOrEnv(config, ALICLOUD_KEYS.profile, env, ALICLOUD_ENV.profile),
    sharedCredentialsFile: fromConfigOrEnv(
      config,
      ALICLOUD_KEYS.sharedCredentialsFile,
      env,
      ALICLOUD_ENV.sharedCredentialsFile,
    ),
    endpoints: endpoints(config, env),
    protocol: protocol ?? "HTTPS",
    accountId: checkedAccountId(
      fromConfigOrEnv(config, ALICLOUD_KEYS.accountId, env, ALICLOUD_ENV.accountId),
    ),
  };
}

/** `alicloud:accountId` (or its variable), refused when it is not an account ID. */
function checkedAccountId(value: Sourced<string> | undefined): Sourced<string> | undefined {
  const problem = value && accountIdProblem(value.value, value.source);
  if (problem) throw new SettingsError(problem);
  return value;
}
