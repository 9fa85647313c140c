// The `alicloud:*` configuration this package shares with @pulumi/alicloud: every key that decides
// which account is used or which endpoint is called, read with @pulumi/alicloud's meaning and its
// environment variables (those the Terraform provider under it reads), and refused when this
// package cannot honour it. Nothing here is sent anywhere.
import { unquotedJsonError } from "./jsonError";
import { asStep } from "./settingTerms";
import { CHAIN_ENV, REFUSED_KEYS, SETTINGS } from "./keys";
import { fromEnv, SettingsError, settingValue, type ConfigSource, type Sourced } from "./configSource";
import {
  accountIdProblem,
  assumeRoleProblem,
  roleArnProblem,
  type AssumeRoleSpec,
  type ConfiguredRole,
  type OidcRoleSpec,
  type RoleStep,
} from "./roles";

/** Why each of the refused keys cannot be honoured. */
const REFUSED_BECAUSE =
  "it is a condition @pulumi/alicloud sends with AssumeRole, which this package does not send";

/** The `alicloud:*` settings that decide the account or the endpoint, besides the AccessKey pair. */
export interface AlicloudConfig {
  /** The role the stack's credentials assume. */
  assumeRole?: RoleStep;
  /** A role assumed with an OIDC token, instead of other credentials. */
  assumeRoleWithOidc?: ConfiguredRole<OidcRoleSpec>;
  /** The RAM role of the ECS instance (its credentials come from instance metadata). */
  ecsRoleName?: Sourced<string>;
  /** A URI that serves credentials. */
  credentialsUri?: Sourced<string>;
  /** A profile of the Alibaba Cloud CLI's configuration. */
  profile?: Sourced<string>;
  /** The CLI configuration file to read the profile from (default ~/.aliyun/config.json). */
  sharedCredentialsFile?: Sourced<string>;
  /** Endpoint overrides from `alicloud:endpoints`. */
  endpoints: { vpc?: Sourced<string>; sts?: Sourced<string>; resourcemanager?: Sourced<string> };
  /** `alicloud:protocol`: the scheme of an endpoint given as a bare host. */
  protocol: "HTTP" | "HTTPS";
  /** The account the stack's credentials must act in, when configured: checked against what STS reports. */
  accountId?: Sourced<string>;
}

/** Parses a structured key (stack config holds it as JSON text). */
function object(config: ConfigSource, key: string): unknown {
  const raw = config.get(key);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch (err) {
    const { terms } = config;
    throw new SettingsError(
      `${terms.name(key)} is not an object: ${asStep(terms.set(key, "<value>", { path: ".<field>" }))}.`,
      { cause: unquotedJsonError(err) },
    );
  }
}

function readAssumeRole(config: ConfigSource, env: NodeJS.ProcessEnv): RoleStep | undefined {
  const key = SETTINGS.assumeRole.key;
  const fromConfig = object(config, key);
  if (fromConfig !== undefined) {
    const problem = assumeRoleProblem(fromConfig, (path) => config.terms.name(key, path));
    if (problem) throw new SettingsError(problem);
    return {
      value: fromConfig as AssumeRoleSpec,
      source: config.terms.place(key),
      field: (name) => config.terms.place(key, `.${name}`),
    };
  }
  const roleArn = fromEnv(env, SETTINGS.assumeRole.fields.roleArn.env);
  if (!roleArn) return undefined;
  const expiration = fromEnv(env, SETTINGS.assumeRole.fields.sessionExpiration.env)?.value;
  const spec: Record<string, unknown> = { roleArn: roleArn.value };
  const sessionName = fromEnv(env, SETTINGS.assumeRole.fields.sessionName.env)?.value;
  if (sessionName) spec.sessionName = sessionName;
  if (expiration) spec.sessionExpiration = Number(expiration);
  const problem = assumeRoleProblem(spec, roleArn.source);
  if (problem) throw new SettingsError(problem);
  return { value: spec as unknown as AssumeRoleSpec, source: roleArn.source };
}

function readOidcRole(config: ConfigSource): ConfiguredRole<OidcRoleSpec> | undefined {
  const key = SETTINGS.assumeRoleWithOidc.key;
  const value = object(config, key) as Record<string, unknown> | undefined;
  if (value === undefined) return undefined;
  const name = (path?: string) => config.terms.name(key, path);
  if (typeof value !== "object" || value === null) throw new SettingsError(`${name()} must be an object.`);
  for (const field of ["roleArn", "oidcProviderArn"]) {
    if (typeof value[field] !== "string" || value[field] === "")
      throw new SettingsError(`${name(`.${field}`)} is required.`);
  }
  const arnProblem = roleArnProblem(value.roleArn, name(".roleArn"));
  if (arnProblem) throw new SettingsError(arnProblem);
  if (!value.oidcToken && !value.oidcTokenFile) {
    throw new SettingsError(`${name()} needs oidcToken or oidcTokenFile (or ${CHAIN_ENV.oidc[2]}).`);
  }
  return {
    value: value as unknown as OidcRoleSpec,
    source: config.terms.place(key),
    field: (field) => config.terms.place(key, `.${field}`),
  };
}

function readEndpoints(config: ConfigSource, env: NodeJS.ProcessEnv): AlicloudConfig["endpoints"] {
  const key = SETTINGS.endpoints.key;
  const value = object(config, key);
  // A service's variable stands in for the key's entry when the key names none.
  const fromVariables: AlicloudConfig["endpoints"] = {};
  for (const service of ["sts", "resourcemanager"] as const) {
    const found = fromEnv(env, SETTINGS.endpoints.fields[service].env);
    if (found) fromVariables[service] = found;
  }
  if (value === undefined) return fromVariables;
  const list = Array.isArray(value) ? value : [value];
  const found: AlicloudConfig["endpoints"] = {};
  for (const [i, item] of list.entries()) {
    if (typeof item !== "object" || item === null)
      throw new SettingsError(`${config.terms.name(key, `[${i}]`)} must be an object like {"vpc": "host"}.`);
    for (const service of ["vpc", "sts", "resourcemanager"] as const) {
      const host = (item as Record<string, unknown>)[service];
      if (typeof host === "string" && host !== "" && !found[service]) {
        found[service] = { value: host, source: config.terms.place(key, `[${i}].${service}`) };
      }
    }
  }
  return { ...fromVariables, ...found };
}

/** Reads every `alicloud:*` key this package reads, with its environment fallbacks. Throws {@link SettingsError}. */
export function readAlicloudConfig(config: ConfigSource, env: NodeJS.ProcessEnv): AlicloudConfig {
  for (const key of REFUSED_KEYS) {
    if (config.get(key) !== undefined) {
      throw new SettingsError(
        `${config.terms.name(key)} is set, and this package cannot honour it: ${REFUSED_BECAUSE}. Rather than act without it, nothing is sent: ` +
          `unset it (${config.terms.remove(key)}) for stacks that use this package.`,
      );
    }
  }
  const protocol = config.get(SETTINGS.protocol.key);
  if (protocol !== undefined && protocol !== "HTTP" && protocol !== "HTTPS") {
    throw new SettingsError(
      `${config.terms.name(SETTINGS.protocol.key)} must be HTTP or HTTPS, got "${protocol}".`,
    );
  }
  return {
    assumeRole: readAssumeRole(config, env),
    assumeRoleWithOidc: readOidcRole(config),
    ecsRoleName: settingValue(config, env, SETTINGS.ecsRoleName),
    credentialsUri: settingValue(config, env, SETTINGS.credentialsUri),
    profile: settingValue(config, env, SETTINGS.profile),
    sharedCredentialsFile: settingValue(config, env, SETTINGS.sharedCredentialsFile),
    endpoints: readEndpoints(config, env),
    protocol: protocol ?? "HTTPS",
    accountId: checkedAccountId(settingValue(config, env, SETTINGS.accountId)),
  };
}

/** `alicloud:accountId` (or its variable), refused when it is not an account ID. */
function checkedAccountId(value: Sourced<string> | undefined): Sourced<string> | undefined {
  const problem = value && accountIdProblem(value.value, value.source);
  if (problem) throw new SettingsError(problem);
  return value;
}
