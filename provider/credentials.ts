import { CONFIG_KEYS, type ConfigSource } from "./settings";

/** Where the credentials for a call come from; decided at call time, never stored. */
export type CredentialPlan =
  | {
      /** An AccessKey pair (with an STS token, optionally) from config or the environment. */
      kind: "static";
      /** AccessKey ID. */
      accessKeyId: string;
      /** AccessKey secret. */
      accessKeySecret: string;
      /** STS security token. */
      securityToken?: string;
      /** Where they were found, for diagnostics (never the values). */
      source: string;
    }
  | {
      /** A named profile of the Alibaba Cloud CLI. */
      kind: "profile";
      /** Profile name. */
      profile: string;
      /** Where the name was found. */
      source: string;
    }
  | {
      /** The default chain of `@alicloud/credentials` (OIDC, CLI profile, files, ECS RAM role, URI). */
      kind: "chain";
      /** Description for diagnostics. */
      source: string;
    };

/** Every place credentials are looked for, in order, for the "no credentials" diagnostic. */
export const CREDENTIAL_PLACES = [
  `stack config ${CONFIG_KEYS.accessKey} / ${CONFIG_KEYS.secretKey} (/ ${CONFIG_KEYS.securityToken})`,
  `stack config ${CONFIG_KEYS.profile}`,
  "environment ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN)",
  "environment ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY (/ ALICLOUD_SECURITY_TOKEN)",
  "the default chain of @alicloud/credentials: OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*), " +
    "the CLI profile (~/.aliyun/config.json, ALIBABA_CLOUD_PROFILE), ~/.alibabacloud/credentials " +
    "(ALIBABA_CLOUD_CREDENTIALS_FILE), the ECS RAM role (instance metadata), ALIBABA_CLOUD_CREDENTIALS_URI",
];

/** A credential setting that cannot be used; the message names the key and the fix. */
export class CredentialsError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "CredentialsError";
  }
}

function pair(
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  names: [string, string],
  source: string,
): CredentialPlan | undefined {
  if (!id && !secret) return undefined;
  if (!id || !secret) {
    const [missing, present] = id ? [names[1], names[0]] : [names[0], names[1]];
    throw new CredentialsError(`${present} is set but ${missing} is not: set both, or neither.`);
  }
  return {
    kind: "static",
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: token || undefined,
    source,
  };
}

/**
 * Decides where credentials come from: stack config (`alicloud:accessKey`/`secretKey`/
 * `securityToken`, then `alicloud:profile`), the environment (`ALIBABA_CLOUD_*`, then
 * `ALICLOUD_*`), then the default chain of `@alicloud/credentials`.
 */
export function planCredentials(config: ConfigSource, env: NodeJS.ProcessEnv): CredentialPlan {
  const fromConfig = pair(
    config.get(CONFIG_KEYS.accessKey),
    config.get(CONFIG_KEYS.secretKey),
    config.get(CONFIG_KEYS.securityToken),
    [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey],
    `stack config ${CONFIG_KEYS.accessKey}`,
  );
  if (fromConfig) return fromConfig;
  const profile = config.get(CONFIG_KEYS.profile);
  if (profile)
    return { kind: "profile", profile, source: `stack config ${CONFIG_KEYS.profile} ("${profile}")` };
  const fromAlibabaEnv = pair(
    env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    env.ALIBABA_CLOUD_SECURITY_TOKEN,
    ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
    "environment ALIBABA_CLOUD_ACCESS_KEY_ID",
  );
  if (fromAlibabaEnv) return fromAlibabaEnv;
  const fromAlicloudEnv = pair(
    env.ALICLOUD_ACCESS_KEY,
    env.ALICLOUD_SECRET_KEY,
    env.ALICLOUD_SECURITY_TOKEN,
    ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"],
    "environment ALICLOUD_ACCESS_KEY",
  );
  if (fromAlicloudEnv) return fromAlicloudEnv;
  return { kind: "chain", source: "the default credential chain of @alicloud/credentials" };
}

/** A key naming the account a plan signs for, without any secret: Open calls are serialized per key. */
export function accountKey(plan: CredentialPlan): string {
  switch (plan.kind) {
    case "static":
      return `ak:${plan.accessKeyId}`;
    case "profile":
      return `profile:${plan.profile}`;
    case "chain":
      return "chain";
  }
}

/** The "no credentials" diagnostic: every place looked, and how to set credentials. */
export function noCredentialsMessage(detail: string): string {
  return [
    "No Alibaba Cloud credentials were found.",
    "Looked in, in order:",
    ...CREDENTIAL_PLACES.map((p) => `  - ${p}`),
    `The default chain said: ${detail}`,
    "Fix: `pulumi config set alicloud:accessKey <AccessKey ID>` and " +
      "`pulumi config set --secret alicloud:secretKey <AccessKey secret>`, " +
      "or export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
  ].join("\n");
}
