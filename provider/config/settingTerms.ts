// How a face names its settings. Every message of the core that names a setting asks the terms of
// the configuration it read: a stack's user reads stack config keys and `pulumi config` commands,
// the plugin's reads its own keys, or an explicit provider's properties. Nothing is renamed after.

/**
 * How a face's user names a setting of the key table (given by its full key, `alicloud:region`),
 * and how they set or remove it. `path` names a part of an object setting, as `.roleArn` or
 * `[0].sts`.
 */
export interface SettingTerms {
  /** The setting as its user writes it, e.g. `alicloud:region`. */
  name(key: string, path?: string): string;
  /** Where a value of it was read, e.g. `stack config alicloud:region`. */
  place(key: string, path?: string): string;
  /**
   * What sets it, e.g. the command `` `pulumi config set alicloud:region <region>` `` or the action
   * `set property region of provider "member"`: `value` is what to set (a placeholder like
   * `<region>`); `secret` when it is one; `path` for a field of an object setting.
   */
  set(key: string, value: string, options?: { secret?: boolean; path?: string }): string;
  /** What removes it, e.g. `` `pulumi config rm alicloud:sourceIp` `` or `remove property sourceIp of provider "member"`. */
  remove(key: string): string;
  /**
   * Whether this face's user can set the setting other than by its environment variables (a stack
   * or a provider can set every one; the command line only those it has a flag for).
   */
  settable(key: string): boolean;
}

/**
 * The terms of configuration set with `pulumi config`: each key named by `nameOf` (`alicloud:region`
 * as it is, or as the plugin's own key), its place as `<where> <name>`.
 */
export function configKeyTerms(nameOf: (key: string) => string, where: string): SettingTerms {
  const name = (key: string, path = "") => `${nameOf(key)}${path}`;
  return {
    name,
    place: (key, path) => `${where} ${name(key, path)}`,
    set: (key, value, { secret = false, path } = {}) =>
      path !== undefined
        ? `\`pulumi config set --path '${name(key, path)}' ${value}\``
        : `\`pulumi config set ${secret ? "--secret " : ""}${name(key)} ${value}\``,
    remove: (key) => `\`pulumi config rm ${name(key)}\``,
    settable: () => true,
  };
}

/** The terms of a stack's configuration: its keys, and the `pulumi config` commands. */
export const STACK_TERMS: Readonly<SettingTerms> = configKeyTerms((key) => key, "stack config");

/**
 * The terms of the command line, `alicloud-ip-pool-service status`: it reads no configuration, and
 * only a setting it has a flag for (`flags`, by key) can be set other than by the environment;
 * such a setting is named by its flag. Any other is named as a stack names it.
 */
export function commandTerms(flags: Readonly<Record<string, string>>): SettingTerms {
  return {
    ...STACK_TERMS,
    name: (key, path) => (key in flags ? `${flags[key]}${path ?? ""}` : STACK_TERMS.name(key, path)),
    settable: (key) => key in flags,
  };
}

/** A text with its first letter upper case, for a name that begins a sentence. */
export function sentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What {@link SettingTerms.set} or {@link SettingTerms.remove} gives, as a step of advice: a command is run. */
export function asStep(action: string): string {
  return action.startsWith("`") ? `run ${action}` : action;
}
