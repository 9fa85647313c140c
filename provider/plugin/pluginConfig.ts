// The plugin's configuration. A provider plugin receives only its own namespace (never
// `alicloud:*`): the engine hands it over in its Configure, one object per provider instance. Each
// of its keys is the name of a setting of the key table, read with the same meaning, environment
// variables and order of credential sources as the dynamic face's `alicloud:*` and
// `pulumi-alicloud-ip-pool-service:*` keys. Messages name the plugin's keys, or an explicit
// provider's properties: the core builds them in the terms given here.
import { configKeyTerms, type SettingTerms } from "../config/settingTerms";

/** The Pulumi package name of the plugin (its plugin is `pulumi-resource-alicloud-ip-pool-service`). */
export const PACKAGE = "alicloud-ip-pool-service";

/** The plugin's key of a setting: the name after the namespace (`alicloud:accessKey` → `accessKey`). */
export function pluginKey(fullKey: string): string {
  return fullKey.slice(fullKey.indexOf(":") + 1);
}

/** `role_arn` → `roleArn`: a field as a Python SDK's dict form sends it, in the schema's terms. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * An object-typed setting with its fields named as the schema names them. A Python program may
 * pass a plain dict (`assume_role={"role_arn": ...}`), whose keys the SDK sends as written, where
 * the Args class form sends `roleArn`: both mean the same.
 */
export function schemaFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(schemaFields);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), schemaFields(v)]));
}

/** The plugin's configuration as the settings read it: by full key, objects as JSON text with the schema's field names. */
export function pluginConfig(raw: Record<string, unknown>): { get(key: string): unknown } {
  return {
    get: (key) => {
      const name = pluginKey(key);
      const value = raw[name] ?? raw[`${PACKAGE}:${name}`];
      if (typeof value === "object" && value !== null) return JSON.stringify(schemaFields(value));
      // SDKs send an explicit provider's object inputs as JSON text, their keys as written.
      if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
          return JSON.stringify(schemaFields(JSON.parse(value)));
        } catch {
          return value; // not JSON: the setting's reader says what is wrong with it
        }
      }
      return value;
    },
  };
}

/**
 * The plugin's terms: each setting named by the plugin's own key (`config
 * alicloud-ip-pool-service:region`, set with `pulumi config`), or, for an explicit provider
 * (`explicitProvider` is its name), by that provider's property, since its settings are its
 * inputs, not the stack's.
 */
export function pluginTerms(explicitProvider?: string): SettingTerms {
  if (explicitProvider === undefined)
    return configKeyTerms((key) => `${PACKAGE}:${pluginKey(key)}`, "config");
  const property = (key: string, path = "") =>
    `property ${pluginKey(key)}${path} of provider ${JSON.stringify(explicitProvider)}`;
  return {
    name: property,
    place: property,
    set: (key, _value, { path } = {}) => `set ${property(key, path)}`,
    remove: (key) => `remove ${property(key)}`,
    settable: () => true,
  };
}
