import { CHAIN_ENV, CONFIG_KEYS, SETTINGS, type ConfigSource } from "../config/keys";

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

/** The OIDC token given as text in `alicloud:assumeRoleWithOidc`, if any. */
function oidcTokenOf(config: ConfigSource): string | undefined {
  try {
    const token = (
      JSON.parse(config.get(SETTINGS.assumeRoleWithOidc.key) ?? "null") as { oidcToken?: unknown }
    )?.oidcToken;
    return typeof token === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The secret values a configuration and environment hold, for the scrubber (never shown). Secrets
 * obtained later (sessions, tokens read from files, replies of credential services) are added by
 * whoever obtains them, at once.
 */
export function secretsOf(config: ConfigSource, env: NodeJS.ProcessEnv): string[] {
  const values = [
    config.get(CONFIG_KEYS.secretKey),
    config.get(CONFIG_KEYS.securityToken),
    oidcTokenOf(config),
    env[CHAIN_ENV.accessKeySecret],
    env[CHAIN_ENV.securityToken],
    env[SETTINGS.secretKey.env[0]],
    env[SETTINGS.securityToken.env[0]],
  ];
  return values.filter((v): v is string => typeof v === "string" && v !== "");
}

/** A scrubber that knows the secrets of a configuration and environment already. */
export function scrubberFor(config: ConfigSource, env: NodeJS.ProcessEnv): SecretScrubber {
  const scrubber = new SecretScrubber();
  scrubber.add(...secretsOf(config, env));
  return scrubber;
}
