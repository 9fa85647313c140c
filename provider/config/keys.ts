// The one table of what a user can set: every stack config key this package reads, with the
// environment variables read when it is unset (first found wins, as the Terraform provider under
// @pulumi/alicloud reads them), and the credential variables only the default chain reads. No
// other file writes a key or a variable's name: they all come from here.

import { DEFAULT_RETRY_POLICY } from "../transport/retry";

/** The configuration namespace of this package (and of its stack settings). */
export const CONFIG_NAMESPACE = "pulumi-alicloud-ip-pool-service";

/** A field of an object-valued setting that has environment variables of its own, or is a secret. */
export interface SettingField {
  /** Environment variables, in the order they are read. */
  readonly env: readonly string[];
  /** Whether its value is a secret: the scrubber removes it from every message. */
  readonly secret?: boolean;
}

/** The shape of a setting's value, which decides its type in the plugin's schema. */
export type SettingType = "string" | "seconds" | "AssumeRole" | "AssumeRoleWithOidc" | "Endpoints";

/**
 * A setting: its stack config key, the environment variables read when the key is unset, its
 * type, default (or what happens when unset), secret flag and doc. The settings reader, the scrubber, the plugin's schema and
 * the docs' table of settings all read it.
 */
export interface SettingKey {
  /** The full stack config key, e.g. `alicloud:region`. */
  readonly key: string;
  /** Environment variables, in the order they are read. */
  readonly env: readonly string[];
  /** The shape of its value; `seconds` is a number of seconds. */
  readonly type: SettingType;
  /** Its value when unset, a number in its unit (a setting of seconds). */
  readonly default?: number;
  /** What happens when it is unset, for the docs and the schema, when that is no number. */
  readonly whenUnset?: string;
  /** Whether its value is a secret (set it with `pulumi config set --secret`). */
  readonly secret?: boolean;
  /** The fields of an object value that have environment variables or are secrets. */
  readonly fields?: Readonly<Record<string, SettingField>>;
  /** What it means, for the docs, `--help` and the plugin's schema. */
  readonly doc: string;
}

/** Every setting this package reads, by name. */
export const SETTINGS = {
  region: {
    key: "alicloud:region",
    env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
    type: "string",
    whenUnset: "none: set `regionId`",
    doc: "Default region of resources without `regionId`.",
  },
  accessKey: {
    key: "alicloud:accessKey",
    env: ["ALICLOUD_ACCESS_KEY"],
    type: "string",
    doc: "AccessKey ID.",
  },
  secretKey: {
    key: "alicloud:secretKey",
    env: ["ALICLOUD_SECRET_KEY"],
    type: "string",
    secret: true,
    doc: "AccessKey secret.",
  },
  securityToken: {
    key: "alicloud:securityToken",
    env: ["ALICLOUD_SECURITY_TOKEN"],
    type: "string",
    secret: true,
    doc: "STS security token, with an STS AccessKey.",
  },
  profile: {
    key: "alicloud:profile",
    env: ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"],
    type: "string",
    doc: "Profile of the Alibaba Cloud CLI's configuration.",
  },
  sharedCredentialsFile: {
    key: "alicloud:sharedCredentialsFile",
    env: ["ALICLOUD_SHARED_CREDENTIALS_FILE"],
    type: "string",
    whenUnset: "`~/.aliyun/config.json`",
    doc: "The CLI configuration file to read the profile from.",
  },
  assumeRole: {
    key: "alicloud:assumeRole",
    env: ["ALICLOUD_ASSUME_ROLE_ARN"],
    type: "AssumeRole",
    fields: {
      roleArn: { env: ["ALICLOUD_ASSUME_ROLE_ARN"] },
      sessionName: { env: ["ALICLOUD_ASSUME_ROLE_SESSION_NAME"] },
      sessionExpiration: { env: ["ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"] },
    },
    doc: "A RAM role the credentials assume: {roleArn, sessionName, policy, sessionExpiration, externalId}.",
  },
  assumeRoleWithOidc: {
    key: "alicloud:assumeRoleWithOidc",
    env: [],
    type: "AssumeRoleWithOidc",
    fields: { oidcToken: { env: [], secret: true } },
    doc: "A RAM role assumed with an OIDC token: {roleArn, oidcProviderArn, oidcToken | oidcTokenFile, roleSessionName, policy, sessionExpiration}.",
  },
  ecsRoleName: {
    key: "alicloud:ecsRoleName",
    env: ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"],
    type: "string",
    doc: "The RAM role of the ECS instance (credentials from instance metadata).",
  },
  credentialsUri: {
    key: "alicloud:credentialsUri",
    env: ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"],
    type: "string",
    doc: "A URI that serves credentials.",
  },
  endpoints: {
    key: "alicloud:endpoints",
    env: [],
    type: "Endpoints",
    fields: {
      sts: { env: ["ALICLOUD_STS_ENDPOINT", "ALIBABA_CLOUD_STS_ENDPOINT"] },
      resourcemanager: { env: ["ALICLOUD_RESOURCEMANAGER_ENDPOINT"] },
    },
    whenUnset: "`sts.aliyuncs.com` for `sts`, `resourcemanager.aliyuncs.com` for `resourcemanager`",
    doc: "Endpoint overrides, a list of objects: `vpc` (a bare host takes `alicloud:protocol`), `sts` and `resourcemanager` (both HTTPS only; `resourcemanager` is read by the organisation's component and `alicloud-ip-pool-service status --org`) are read.",
  },
  protocol: {
    key: "alicloud:protocol",
    env: [],
    type: "string",
    whenUnset: "HTTPS",
    doc: "HTTP or HTTPS: the scheme of an endpoint given as a bare host (HTTP on loopback only).",
  },
  accountId: {
    key: "alicloud:accountId",
    env: ["ALICLOUD_ACCOUNT_ID", "ALIBABA_CLOUD_ACCOUNT_ID"],
    type: "string",
    whenUnset: "not checked",
    doc: "The account the stack must act in: checked against what STS reports, never trusted.",
  },
  vpcEndpoint: {
    key: `${CONFIG_NAMESPACE}:vpcEndpoint`,
    env: ["ALICLOUD_VPC_ENDPOINT"],
    type: "string",
    whenUnset: "the region's endpoint",
    doc: "The VPC endpoint: a host, or a URL (http:// on loopback only).",
  },
  activationTimeoutSeconds: {
    key: `${CONFIG_NAMESPACE}:activationTimeoutSeconds`,
    env: [],
    type: "seconds",
    default: 300,
    doc: "How long create waits for the status to report the region enabled.",
  },
  retryTimeoutSeconds: {
    key: `${CONFIG_NAMESPACE}:retryTimeoutSeconds`,
    env: [],
    type: "seconds",
    default: DEFAULT_RETRY_POLICY.budgetMs / 1000,
    doc: "How long one call may be retried.",
  },
} as const satisfies Record<string, SettingKey>;

/** The table's type: every setting by name. */
export type SettingsTable = Readonly<Record<string, SettingKey>>;

/** A setting's default as a number, for a setting whose type is `seconds`. */
export function secondsDefault(setting: SettingKey): number {
  if (setting.type !== "seconds" || typeof setting.default !== "number") {
    throw new TypeError(`${setting.key} has no default number of seconds`);
  }
  return setting.default;
}

/** Every environment variable of a setting: its own, then its fields'. */
export function envOf(setting: SettingKey): string[] {
  const fields = Object.values(setting.fields ?? {}).flatMap((f) => f.env);
  return [...new Set([...setting.env, ...fields])];
}

/** Credential variables that are no stack setting: the default chain of @alicloud/credentials reads them. */
export const CHAIN_ENV = {
  /** AccessKey ID. */
  accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  /** AccessKey secret. */
  accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  /** STS security token. */
  securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
  /** OIDC: the role, the identity provider and the token file, all three or none. */
  oidc: ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"],
  /** A profile name for the CLI configuration and the credentials file. */
  profile: "ALIBABA_CLOUD_PROFILE",
  /** Switches the CLI configuration off. */
  cliProfileDisabled: "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
  /** The credentials file (default ~/.alibabacloud/credentials). */
  credentialsFile: "ALIBABA_CLOUD_CREDENTIALS_FILE",
  /** Switches instance metadata off. */
  ecsDisabled: "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
} as const;

/** The default chain's variables that hold secrets: the scrubber removes their values from every message. */
export const CHAIN_SECRET_ENV: readonly string[] = [CHAIN_ENV.accessKeySecret, CHAIN_ENV.securityToken];

/** The AccessKey pairs read from the environment: the Terraform provider's names, then the default chain's. */
export const CREDENTIAL_ENV = {
  /** The names @pulumi/alicloud and Terraform read. */
  alicloud: {
    accessKeyId: SETTINGS.accessKey.env[0],
    accessKeySecret: SETTINGS.secretKey.env[0],
    securityToken: SETTINGS.securityToken.env[0],
  },
  /** The names the default chain of @alicloud/credentials reads. */
  alibabaCloud: {
    accessKeyId: CHAIN_ENV.accessKeyId,
    accessKeySecret: CHAIN_ENV.accessKeySecret,
    securityToken: CHAIN_ENV.securityToken,
  },
} as const;

/**
 * `alicloud:*` keys that would change the account or the endpoint, and that this package cannot
 * honour: set, they fail the preview, naming the key, rather than being ignored.
 */
export const REFUSED_KEYS: readonly string[] = [
  "alicloud:sourceIp",
  "alicloud:securityTransport",
  "alicloud:secureTransport",
];

/** `alicloud:*` keys of @pulumi/alicloud that decide neither the account nor the VPC or STS endpoint: not read. */
export const IGNORED_KEYS: readonly string[] = [
  "alicloud:accountType",
  "alicloud:clientConnectTimeout",
  "alicloud:clientReadTimeout",
  "alicloud:maxRetryTimeout",
  "alicloud:configurationSource",
  "alicloud:skipRegionValidation",
];

/**
 * Configuration keys this package reads (the package's public view of {@link SETTINGS}).
 * @deprecated Some keys have second names here (`endpoint` for the setting `vpcEndpoint`), and the
 * list misses settings: read the settings' table in docs/installation-configuration.md instead.
 * It stays for compatibility and will be removed in a major release.
 */
export const CONFIG_KEYS = {
  /** Default region of resources without `regionId`. */
  region: SETTINGS.region.key,
  /** AccessKey ID. */
  accessKey: SETTINGS.accessKey.key,
  /** AccessKey secret (set it as a secret). */
  secretKey: SETTINGS.secretKey.key,
  /** STS security token. */
  securityToken: SETTINGS.securityToken.key,
  /** Profile of the Alibaba Cloud CLI (`~/.aliyun/config.json`). */
  profile: SETTINGS.profile.key,
  /** Endpoint override, as `ALICLOUD_VPC_ENDPOINT`. */
  endpoint: SETTINGS.vpcEndpoint.key,
  /** How long create waits for the status to report enabled, in seconds. */
  activationTimeout: SETTINGS.activationTimeoutSeconds.key,
  /** How long one call may be retried, in seconds. */
  retryTimeout: SETTINGS.retryTimeoutSeconds.key,
} as const;

/**
 * Environment variables this package reads besides the credential ones (its public view of {@link SETTINGS}).
 * @deprecated Incomplete, with second names (`endpoint`): read the settings' table in
 * docs/installation-configuration.md instead. It stays for compatibility and will be removed in
 * a major release.
 */
export const ENV_KEYS = {
  /** Endpoint override. */
  endpoint: SETTINGS.vpcEndpoint.env[0],
  /** Default regions, in order of preference (the Terraform provider's). */
  regions: SETTINGS.region.env,
} as const;
