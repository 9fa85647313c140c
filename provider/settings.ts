import { parseEndpoint, type EndpointOverride } from "./endpoint";

/** A read-only view of stack configuration, by full key (`alicloud:region`). */
export interface ConfigSource {
  /** The value of a key, or undefined when unset. */
  get(key: string): string | undefined;
}

/** Stack configuration with nothing set. */
export const NO_CONFIG: ConfigSource = { get: () => undefined };

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
  /** Default regions, in order of preference. */
  regions: ["ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"],
} as const;

/** Default wait for the status to report enabled after an Open, in milliseconds (5 minutes). */
export const DEFAULT_ACTIVATION_TIMEOUT_MS = 5 * 60 * 1000;
/** Default time one call may be retried, in milliseconds (2 minutes). */
export const DEFAULT_RETRY_TIMEOUT_MS = 2 * 60 * 1000;
/** Time to wait for an answer to one request, in milliseconds. */
export const READ_TIMEOUT_MS = 10_000;
/** Time to wait for a connection, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** Provider settings other than credentials, read at call time. */
export interface Settings {
  /** Endpoint override; undefined means the regional endpoint. */
  endpoint?: EndpointOverride;
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

function seconds(config: ConfigSource, key: string, fallbackMs: number): number {
  const raw = config.get(key);
  if (raw === undefined || raw === "") return fallbackMs;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 3600) {
    throw new SettingsError(`${key} must be a number of seconds between 0 and 86400, got "${raw}".`);
  }
  return Math.round(n * 1000);
}

/** Reads the settings from stack config, then the environment. Throws {@link SettingsError}. */
export function readSettings(config: ConfigSource, env: NodeJS.ProcessEnv): Settings {
  const fromConfig = config.get(CONFIG_KEYS.endpoint);
  const fromEnv = env[ENV_KEYS.endpoint];
  let endpoint: EndpointOverride | undefined;
  const raw = fromConfig ?? fromEnv;
  if (raw !== undefined && raw !== "") {
    const parsed = parseEndpoint(
      raw,
      fromConfig !== undefined ? `Stack config ${CONFIG_KEYS.endpoint}` : ENV_KEYS.endpoint,
    );
    if (typeof parsed === "string") throw new SettingsError(parsed);
    endpoint = parsed;
  }
  return {
    endpoint,
    activationTimeoutMs: seconds(config, CONFIG_KEYS.activationTimeout, DEFAULT_ACTIVATION_TIMEOUT_MS),
    retryTimeoutMs: seconds(config, CONFIG_KEYS.retryTimeout, DEFAULT_RETRY_TIMEOUT_MS),
  };
}

/** The default region: stack config `alicloud:region`, then `ALIBABA_CLOUD_REGION`, then `ALICLOUD_REGION`. */
export function defaultRegion(config: ConfigSource, env: NodeJS.ProcessEnv): string | undefined {
  const fromConfig = config.get(CONFIG_KEYS.region);
  if (fromConfig) return fromConfig;
  for (const name of ENV_KEYS.regions) {
    if (env[name]) return env[name];
  }
  return undefined;
}
