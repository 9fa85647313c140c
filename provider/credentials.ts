// Where the credentials of a call come from, and the credential object built from that source.
// Every source maps onto a provider of @alicloud/credentials, through one `new Credential(...)`.
import Credential, {
  CLIProfileCredentialsProvider,
  DefaultCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from "@alicloud/credentials";
import { CONFIG_KEYS, CREDENTIAL_ENV, type ConfigSource } from "./settings";

/** Where the credentials for a call come from; decided at call time, never stored. */
export type CredentialPlan =
  | {
      /** An AccessKey pair (with an STS token, optionally) from stack config or `ALICLOUD_*`. */
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
      /** The default chain of `@alicloud/credentials` (`ALIBABA_CLOUD_*`, OIDC, CLI profile, files, ECS RAM role, URI). */
      kind: "chain";
      /** Description for diagnostics. */
      source: string;
    };

/** Every place credentials are looked for, in order, for the "no credentials" diagnostic. */
export const CREDENTIAL_PLACES: readonly string[] = [
  `stack config ${CONFIG_KEYS.accessKey} / ${CONFIG_KEYS.secretKey} (/ ${CONFIG_KEYS.securityToken})`,
  `stack config ${CONFIG_KEYS.profile}`,
  `environment ${CREDENTIAL_ENV.alibabaCloud.accessKeyId} / ${CREDENTIAL_ENV.alibabaCloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alibabaCloud.securityToken})`,
  `environment ${CREDENTIAL_ENV.alicloud.accessKeyId} / ${CREDENTIAL_ENV.alicloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alicloud.securityToken})`,
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

/** Refuses a pair of which only one half is set: the chain would skip it silently. */
function assertWhole(id: string | undefined, secret: string | undefined, names: [string, string]): boolean {
  if (!id && !secret) return false;
  if (!id || !secret) {
    const [missing, present] = id ? [names[1], names[0]] : [names[0], names[1]];
    throw new CredentialsError(`${present} is set but ${missing} is not: set both, or neither.`);
  }
  return true;
}

/**
 * Decides where credentials come from: stack config (`alicloud:accessKey`/`secretKey`/
 * `securityToken`, then `alicloud:profile`), then `ALIBABA_CLOUD_*` (read by the default chain
 * itself), then `ALICLOUD_*`, then the rest of the default chain of `@alicloud/credentials`.
 * Throws {@link CredentialsError} for a pair set by half.
 */
export function planCredentials(config: ConfigSource, env: NodeJS.ProcessEnv): CredentialPlan {
  const id = config.get(CONFIG_KEYS.accessKey);
  const secret = config.get(CONFIG_KEYS.secretKey);
  if (assertWhole(id, secret, [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey])) {
    return {
      kind: "static",
      accessKeyId: id!,
      accessKeySecret: secret!,
      securityToken: config.get(CONFIG_KEYS.securityToken),
      source: `stack config ${CONFIG_KEYS.accessKey}`,
    };
  }
  const profile = config.get(CONFIG_KEYS.profile);
  if (profile)
    return { kind: "profile", profile, source: `stack config ${CONFIG_KEYS.profile} ("${profile}")` };
  const alibaba = CREDENTIAL_ENV.alibabaCloud;
  if (
    assertWhole(env[alibaba.accessKeyId], env[alibaba.accessKeySecret], [
      alibaba.accessKeyId,
      alibaba.accessKeySecret,
    ])
  ) {
    return { kind: "chain", source: `environment ${alibaba.accessKeyId}` };
  }
  const alicloud = CREDENTIAL_ENV.alicloud;
  if (
    assertWhole(env[alicloud.accessKeyId], env[alicloud.accessKeySecret], [
      alicloud.accessKeyId,
      alicloud.accessKeySecret,
    ])
  ) {
    return {
      kind: "static",
      accessKeyId: env[alicloud.accessKeyId]!,
      accessKeySecret: env[alicloud.accessKeySecret]!,
      securityToken: env[alicloud.securityToken] || undefined,
      source: `environment ${alicloud.accessKeyId}`,
    };
  }
  return { kind: "chain", source: "the default credential chain of @alicloud/credentials" };
}

/** The provider of `@alicloud/credentials` for a plan. Throws {@link CredentialsError}. */
function providerFor(plan: CredentialPlan) {
  switch (plan.kind) {
    case "static":
      return plan.securityToken
        ? StaticSTSCredentialsProvider.builder()
            .withAccessKeyId(plan.accessKeyId)
            .withAccessKeySecret(plan.accessKeySecret)
            .withSecurityToken(plan.securityToken)
            .build()
        : StaticAKCredentialsProvider.builder()
            .withAccessKeyId(plan.accessKeyId)
            .withAccessKeySecret(plan.accessKeySecret)
            .build();
    case "profile":
      try {
        return CLIProfileCredentialsProvider.builder().withProfileName(plan.profile).build();
      } catch (err) {
        throw new CredentialsError(
          `${plan.source} is set, but the Alibaba Cloud CLI profile cannot be read: ${(err as Error).message}. ` +
            `Unset ALIBABA_CLOUD_CLI_PROFILE_DISABLED, or use ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}.`,
        );
      }
    case "chain":
      return DefaultCredentialsProvider.builder().build();
  }
}

/** A credential that answered, and the AccessKey ID it signs with (never the secret). */
export interface ResolvedCredential {
  /** The credential object the SDK signs with. */
  credential: Credential;
  /** Its AccessKey ID. */
  accessKeyId: string;
}

/**
 * Builds the credential object of a plan and asks it for credentials once, so that a source that
 * cannot answer fails here with a message naming it. Throws {@link CredentialsError}.
 */
export async function resolveCredentials(plan: CredentialPlan): Promise<ResolvedCredential> {
  const credential = new Credential(null, providerFor(plan));
  try {
    const { accessKeyId } = await credential.getCredential();
    return { credential, accessKeyId: accessKeyId ?? "" };
  } catch (err) {
    const detail = (err as Error).message;
    throw new CredentialsError(
      plan.kind === "profile"
        ? `${plan.source} could not be used: ${detail}. Check the profile in ~/.aliyun/config.json (\`aliyun configure list\`).`
        : noCredentialsMessage(detail),
    );
  }
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
    `Fix: \`pulumi config set ${CONFIG_KEYS.accessKey} <AccessKey ID>\` and ` +
      `\`pulumi config set --secret ${CONFIG_KEYS.secretKey} <AccessKey secret>\`, ` +
      `or export ${CREDENTIAL_ENV.alibabaCloud.accessKeyId} and ${CREDENTIAL_ENV.alibabaCloud.accessKeySecret}.`,
  ].join("\n");
}
