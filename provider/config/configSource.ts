// A face's configuration as the readers see it: values as text, named in the face's terms; where
// each value was found; and the error of a value that cannot be used.
import type { SettingKey } from "./keys";
import { STACK_TERMS, type SettingTerms } from "./settingTerms";

/** A read-only view of a face's configuration, by full key (`alicloud:region`), with its terms. */
export interface ConfigSource {
  /** The value of a key, or undefined when unset. */
  get(key: string): string | undefined;
  /** How this configuration's user names its settings: every message that names one asks them. */
  readonly terms: SettingTerms;
}

/** Stack configuration with nothing set. */
export const NO_CONFIG: Readonly<ConfigSource> = { get: () => undefined, terms: STACK_TERMS };

/**
 * A view of configuration in which an empty or absent value is undefined and every value is text,
 * named in `terms` (a stack's by default).
 */
export function configSource(
  raw: { get(key: string): unknown },
  terms: SettingTerms = STACK_TERMS,
): ConfigSource {
  return {
    get: (key) => {
      const value = raw.get(key);
      return value === undefined || value === null || value === "" ? undefined : String(value);
    },
    terms,
  };
}

/** A setting that cannot be used; the message names the key and the fix. */
export class SettingsError extends Error {
  /** Creates the error; `options.cause` keeps what went wrong underneath (never a secret's value). */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SettingsError";
  }
}

/** Where a setting's value was found, for messages: "stack config <key>" or "environment <name>". */
export interface Sourced<T> {
  /** The value. */
  value: T;
  /** Where it was found, e.g. "stack config alicloud:profile" (never the value of a secret). */
  source: string;
  /** The setting as its user sets it, e.g. "alicloud:profile" or "ALICLOUD_PROFILE", when one alone holds it. */
  name?: string;
}

/** The first of a setting's environment variables that is set, with where it was found. */
export function fromEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Sourced<string> | undefined {
  for (const name of names) if (env[name]) return { value: env[name]!, source: `environment ${name}`, name };
  return undefined;
}

/** A setting from the configuration, else from its environment variables. */
export function settingValue(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  setting: SettingKey,
): Sourced<string> | undefined {
  const value = config.get(setting.key);
  return value !== undefined
    ? { value, source: config.terms.place(setting.key), name: config.terms.name(setting.key) }
    : fromEnv(env, setting.env);
}
