import type { AlicloudConfig, Sourced } from "./alicloudConfig";
import { parseEndpoint, type EndpointOverride } from "./endpoint";

/** A read-only view of stack configuration, by full key (`alicloud:region`). */
export interface ConfigSource {
  /** The value of a key, or undefined when unset. */
  get(key: string): string | undefined;
}

/** Stack configuration with nothing set. */
export const NO_CONFIG: ConfigSource = { get: () => undefined };

/** A view of configuration in which an empty or absent value is undefined and every value is text. */
export function configSource(raw: { get(key: string): unknown }): ConfigSource {
  return {
    get: (key) => {
      const value = raw.get(key);
      return value === undefined || value === null || value === "" ? undefined : String(value);
    },
  };
}

/** The configuration namespace of this package. */
export const CONFIG_NAMESPACE = "pulumi-alicloud-ip-pool-service";

/** Configuration keys this package reads. */
export const CONFIG_KEYS = {
  /** Default region of resources without `regionId`. */
  region: "alicloud:region",
  /** AccessKey ID. */
  accessKey: "alicloud:accessKey",
  /** AccessKey secret (set it as a secret). */
  secretKey: "alicloud:secretKey",
  /** STS security token. */
  securityToken: "alicloud:securityToken",
  /** Profile of the Alibaba Cloud CLI (`~/.aliyun/config.json`). */
  profile: "alicloud:profile",
  /** Endpoint override, as `ALICLOUD_VPC_ENDPOINT`. */
  endpoint: `${CONFIG_NAMESPACE}:vpcEndpoint`,
  /** How long create waits for the status to report enabled, in seconds. */
  activationTimeout: `${CONFIG_NAMESPACE}:activationTimeoutSeconds`,
  /** How long one call may be retried, in seconds. */
  retryTimeout: `${CONFIG_NAMESPACE}:retryTimeoutSeconds`,
} as const;

/** Environment variables this package reads besides the credential ones. */
export const ENV_KEYS = {
  /** Endpoint override. */
  endpoint: "ALICLOUD_VPC_ENDPOINT",
  /** Default regions, in order of preference (the Terraform provider's). */
  regions: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
} as const;

/** Environment variables of credentials: the default chain's own, and the `ALICLOUD_*` ones it lacks. */
export const CREDENTIAL_ENV = {
  /** Read by the default chain of @alicloud/credentials itself. */
  alibabaCloud: {
    accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
  },
  /** The names @pulumi/alicloud and Terraform read; this package maps them onto a static provider. */
  alicloud: {
    accessKeyId: "ALICLOUD_ACCESS_KEY",
    accessKeySecret: "ALICLOUD_SECRET_KEY",
    securityToken: "ALICLOUD_SECURITY_TOKEN",
  },
} as const;

/** The environment variables the steps of the default chain read (the library reads them itself). */
export const CHAIN_ENV = {
  /** OIDC: the role, the identity provider and the token file. */
  oidc: ["ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE"],
  /** A profile name for the CLI configuration and the credentials file. */
  profile: "ALIBABA_CLOUD_PROFILE",
  /** Switches the CLI configuration off. */
  cliProfileDisabled: "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
  /** The credentials file (default ~/.alibabacloud/credentials). */
  credentialsFile: "ALIBABA_CLOUD_CREDENTIALS_FILE",
  /** The ECS RAM role name: instance metadata is asked only when it is set. */
  ecsRole: "ALIBABA_CLOUD_ECS_METADATA",
  /** Switches instance metadata off. */
  ecsDisabled: "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
  /** A URI that serves credentials. */
  uri: "ALIBABA_CLOUD_CREDENTIALS_URI",
} as const;

/** Default wait for the status to report enabled after an Open, in milliseconds (5 minutes). */
export const DEFAULT_ACTIVATION_TIMEOUT_MS = 5 * 60 * 1000;
/** Default time one call may be retried, in milliseconds (2 minutes). */
export const DEFAULT_RETRY_TIMEOUT_MS = 2 * 60 * 1000;
/** Time to wait for an answer to one request, from the connection to the last byte, in milliseconds. */
export const READ_TIMEOUT_MS = 10_000;
/**
 * The client's "connect" timeout, in milliseconds. Its HTTP library passes it to Node.js as the
 * socket's inactivity timeout, which keeps running after the connection is made: a server silent
 * for that long ended the request then, as "ConnectTimeout". So it is the read timeout too.
 */
export const CONNECT_TIMEOUT_MS = READ_TIMEOUT_MS;

/** Provider settings other than credentials, read at call time. */
export interface Settings {
  /** Endpoint override; undefined means the regional endpoint. */
  endpoint?: EndpointOverride;
  /** The STS host (`host[:port]`, HTTPS) from `alicloud:endpoints`; undefined means sts.aliyuncs.com. */
  stsHost?: string;
  /** Wait for activation, in milliseconds. */
  activationTimeoutMs: number;
  /** Retry budget of one call, in milliseconds. */
  retryTimeoutMs: number;
}

/** A setting that cannot be used; the message names the key and the fix. */
export class SettingsError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

/** The longest wait a setting may ask for, in seconds (a day). */
const MAX_SECONDS = 24 * 3600;

function seconds(config: ConfigSource, key: string, fallbackMs: number): number {
  const raw = config.get(key);
  if (raw === undefined || raw === "") return fallbackMs;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_SECONDS) {
    throw new SettingsError(
      `${key} must be a number of seconds greater than 0 and at most ${MAX_SECONDS}, got "${raw}".`,
    );
  }
  return Math.round(n * 1000);
}

/** Parses an endpoint setting, or throws {@link SettingsError} naming it. */
function endpointFrom(raw: string, source: string, protocol: "HTTP" | "HTTPS"): EndpointOverride {
  // A bare host (as @pulumi/alicloud's endpoints are given) takes alicloud:protocol's scheme.
  const value =
    protocol === "HTTP" && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? `http://${raw.trim()}` : raw;
  const parsed = parseEndpoint(value, source);
  if (typeof parsed === "string") throw new SettingsError(parsed);
  return parsed;
}

/**
 * The VPC endpoint override: stack config pulumi-alicloud-ip-pool-service:vpcEndpoint, then
 * alicloud:endpoints[].vpc (with alicloud:protocol), then ALICLOUD_VPC_ENDPOINT.
 */
function endpointSetting(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  shared: Pick<AlicloudConfig, "endpoints" | "protocol">,
): EndpointOverride | undefined {
  const ours = config.get(CONFIG_KEYS.endpoint);
  if (ours !== undefined) return endpointFrom(ours, `Stack config ${CONFIG_KEYS.endpoint}`, "HTTPS");
  const vpc: Sourced<string> | undefined = shared.endpoints.vpc;
  if (vpc) return endpointFrom(vpc.value, vpc.source, shared.protocol);
  const fromEnv = env[ENV_KEYS.endpoint];
  if (fromEnv === undefined || fromEnv === "") {
    if (shared.protocol === "HTTP") {
      throw new SettingsError(
        "alicloud:protocol is HTTP, but plain HTTP is allowed only to a loopback endpoint: set alicloud:protocol to HTTPS.",
      );
    }
    return undefined;
  }
  return endpointFrom(fromEnv, ENV_KEYS.endpoint, "HTTPS");
}

/**
 * The STS host from alicloud:endpoints[].sts (or its variables): HTTPS only, whatever the host,
 * since STS is always reached over TLS.
 */
function stsSetting(shared: Pick<AlicloudConfig, "endpoints">): string | undefined {
  const sts = shared.endpoints.sts;
  if (!sts) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(sts.value.trim())?.[1].toLowerCase();
  if (scheme === "http") {
    const host = sts.value.trim().slice("http://".length).replace(/\/+$/, "");
    throw new SettingsError(
      `${sts.source} "${sts.value}" uses plain HTTP, and STS is reached over HTTPS only, on any host: use https://${host}.`,
    );
  }
  return endpointFrom(sts.value, sts.source, "HTTPS").host;
}

/**
 * Reads the settings from stack config, then the environment; an `endpoint` already parsed (the
 * command's `--endpoint`) wins over both. Throws {@link SettingsError}.
 */
export function readSettings(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  overrides: { endpoint?: EndpointOverride } = {},
  shared: Pick<AlicloudConfig, "endpoints" | "protocol"> = { endpoints: {}, protocol: "HTTPS" },
): Settings {
  return {
    endpoint: overrides.endpoint ?? endpointSetting(config, env, shared),
    stsHost: stsSetting(shared),
    activationTimeoutMs: seconds(config, CONFIG_KEYS.activationTimeout, DEFAULT_ACTIVATION_TIMEOUT_MS),
    retryTimeoutMs: seconds(config, CONFIG_KEYS.retryTimeout, DEFAULT_RETRY_TIMEOUT_MS),
  };
}
