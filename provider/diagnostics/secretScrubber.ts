import { CHAIN_SECRET_ENV, SETTINGS, type SettingsTable } from "../config/keys";
import { type ConfigSource } from "../config/configSource";

/** Secrets shorter than this are not scrubbed: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * The last line of defence for secrets: every diagnostic and progress line passes through
 * `scrub`, which removes every secret value this owner has learned (AccessKey secrets, STS and
 * OIDC tokens), as written, URL-encoded or JSON-escaped. The first line of defence is never to
 * quote a credential file or a credential library's text at all.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  /** Learns secret values; empty, absent and very short ones are ignored. */
  add(...values: ReadonlyArray<string | undefined | null>): void {
    for (const value of values) {
      if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
      this.secrets.add(value);
      this.secrets.add(encodeURIComponent(value));
      this.secrets.add(JSON.stringify(value).slice(1, -1));
    }
  }

  /** The text with every known secret replaced by `***`. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is removed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join("***");
    }
    return out;
  }
}

/** A field of an object setting given as JSON text, if it is text. */
function fieldOf(config: Pick<ConfigSource, "get">, key: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(config.get(key) ?? "null") as Record<string, unknown> | null)?.[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The secret values a configuration and environment hold, for the scrubber (never shown): every
 * setting and field the table marks secret, from stack config and from its variables, and the
 * default chain's secret variables. Secrets obtained later (sessions, tokens read from files,
 * replies of credential services) are added by whoever obtains them, at once.
 */
export function secretsOf(
  config: Pick<ConfigSource, "get">,
  env: NodeJS.ProcessEnv,
  table: SettingsTable = SETTINGS,
): string[] {
  const values: Array<string | undefined> = CHAIN_SECRET_ENV.map((name) => env[name]);
  for (const setting of Object.values(table)) {
    if (setting.secret) values.push(config.get(setting.key), ...setting.env.map((name) => env[name]));
    for (const [name, field] of Object.entries(setting.fields ?? {})) {
      if (field.secret) values.push(fieldOf(config, setting.key, name), ...field.env.map((n) => env[n]));
    }
  }
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/** A scrubber that knows the secrets of a configuration and environment already. */
export function scrubberFor(config: Pick<ConfigSource, "get">, env: NodeJS.ProcessEnv): SecretScrubber {
  const scrubber = new SecretScrubber();
  scrubber.add(...secretsOf(config, env));
  return scrubber;
}
