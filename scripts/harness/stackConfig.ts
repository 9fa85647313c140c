// The one way tests build stack config: what `pulumi config set` would give the provider, and the
// same as the Automation API takes it (secret keys encrypted, as users should set them).
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { SETTINGS } from "../../provider/config/keys";
import type { AccessKey } from "../../emulator";

/** Stack config, by full key, as `pulumi config set` would give it. */
export type StackConfig = Record<string, string>;

/** The keys set with `--secret`. */
const SECRET_KEYS: ReadonlySet<string> = new Set(
  Object.values(SETTINGS)
    .filter((s) => "secret" in s && s.secret)
    .map((s) => s.key),
);

/**
 * Stack config that signs with a key of the emulator, and retries for 4 s at most so that failing
 * tests end fast; `extra` adds or overrides keys.
 */
export function stackConfigFor(key: AccessKey, extra: StackConfig = {}): StackConfig {
  const config: StackConfig = {
    [SETTINGS.accessKey.key]: key.accessKeyId,
    [SETTINGS.secretKey.key]: key.accessKeySecret,
    [SETTINGS.retryTimeoutSeconds.key]: "4",
    ...extra,
  };
  if (key.securityToken) config[SETTINGS.securityToken.key] = key.securityToken;
  return config;
}

/** Stack config as the Automation API takes it: the secret keys marked secret. */
export function asConfigMap(config: StackConfig): ConfigMap {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, { value, secret: SECRET_KEYS.has(key) }]),
  );
}

/** {@link stackConfigFor} for a stack of the real engine, with 5 s of retries. */
export function credentialConfig(key: AccessKey): ConfigMap {
  return asConfigMap(stackConfigFor(key, { [SETTINGS.retryTimeoutSeconds.key]: "5" }));
}
