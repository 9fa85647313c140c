// The settings other than credentials: the VPC and STS endpoints, and the waits. Read from stack
// config, then the environment, each time a call is made.
import type { AlicloudConfig } from "./alicloudConfig";
import { parseEndpoint, type EndpointOverride } from "./endpoint";
import { secondsDefault, SETTINGS, type SettingKey } from "./keys";
import { SettingsError, type ConfigSource, type Sourced } from "./configSource";
import { sentenceStart } from "./settingTerms";

/** Provider settings other than credentials, read at call time. */
export interface CallSettings {
  /** Endpoint override; undefined means the regional endpoint. */
  endpoint?: EndpointOverride;
  /** The STS host (`host[:port]`, HTTPS) from `alicloud:endpoints`; undefined means sts.aliyuncs.com. */
  stsHost?: string;
  /** The Resource Manager host (`host[:port]`, HTTPS) from `alicloud:endpoints`; undefined means resourcemanager.aliyuncs.com. */
  resourceManagerHost?: string;
  /** Wait for activation, in milliseconds. */
  activationTimeoutMs: number;
  /** Retry budget of one call, in milliseconds. */
  retryTimeoutMs: number;
}

/** The longest wait a setting may ask for, in seconds (a day). */
const MAX_SECONDS = 24 * 3600;

/** A setting given in seconds, as milliseconds; its default when unset. */
function millisecondsOf(config: ConfigSource, setting: SettingKey): number {
  const raw = config.get(setting.key);
  if (raw === undefined || raw === "") return secondsDefault(setting) * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_SECONDS) {
    throw new SettingsError(
      `${config.terms.name(setting.key)} must be a number of seconds greater than 0 and at most ${MAX_SECONDS}, got "${raw}".`,
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
 * The VPC endpoint override: the command's `--endpoint`, then stack config
 * pulumi-alicloud-ip-pool-service:vpcEndpoint, then alicloud:endpoints[].vpc (with
 * alicloud:protocol), then ALICLOUD_VPC_ENDPOINT. The one place an endpoint setting is parsed.
 */
function endpointSetting(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  shared: Pick<AlicloudConfig, "endpoints" | "protocol">,
  flag: Sourced<string> | undefined,
): EndpointOverride | undefined {
  if (flag) return endpointFrom(flag.value, flag.source, "HTTPS");
  const ours = config.get(SETTINGS.vpcEndpoint.key);
  if (ours !== undefined)
    return endpointFrom(ours, sentenceStart(config.terms.place(SETTINGS.vpcEndpoint.key)), "HTTPS");
  const vpc = shared.endpoints.vpc;
  if (vpc) return endpointFrom(vpc.value, vpc.source, shared.protocol);
  const [name] = SETTINGS.vpcEndpoint.env;
  const fromEnv = env[name];
  if (fromEnv === undefined || fromEnv === "") {
    if (shared.protocol === "HTTP") {
      const protocol = config.terms.name(SETTINGS.protocol.key);
      throw new SettingsError(
        `${protocol} is HTTP, but plain HTTP is allowed only to a loopback endpoint: set ${protocol} to HTTPS.`,
      );
    }
    return undefined;
  }
  return endpointFrom(fromEnv, name, "HTTPS");
}

/**
 * The STS or Resource Manager host from alicloud:endpoints (or its variables): HTTPS only,
 * whatever the host, since both are always reached over TLS.
 */
function tlsHostSetting(
  shared: Pick<AlicloudConfig, "endpoints">,
  service: "sts" | "resourcemanager",
): string | undefined {
  const sts = shared.endpoints[service];
  if (!sts) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(sts.value.trim())?.[1].toLowerCase();
  if (scheme === "http") {
    const host = sts.value.trim().slice("http://".length).replace(/\/+$/, "");
    throw new SettingsError(
      `${sts.source} "${sts.value}" uses plain HTTP, and ${service === "sts" ? "STS" : "Resource Manager"} is reached over HTTPS only, on any host: use https://${host}.`,
    );
  }
  return endpointFrom(sts.value, sts.source, "HTTPS").host;
}

/**
 * Reads the settings from stack config, then the environment; the command's `--endpoint`
 * (`endpointFlag`) wins over both. Throws {@link SettingsError} naming the setting.
 */
export function readSettings(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  overrides: { endpointFlag?: Sourced<string> } = {},
  shared: Pick<AlicloudConfig, "endpoints" | "protocol"> = { endpoints: {}, protocol: "HTTPS" },
): CallSettings {
  return {
    endpoint: endpointSetting(config, env, shared, overrides.endpointFlag),
    stsHost: tlsHostSetting(shared, "sts"),
    resourceManagerHost: tlsHostSetting(shared, "resourcemanager"),
    activationTimeoutMs: millisecondsOf(config, SETTINGS.activationTimeoutSeconds),
    retryTimeoutMs: millisecondsOf(config, SETTINGS.retryTimeoutSeconds),
  };
}
