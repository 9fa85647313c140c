// Where the credentials of a call come from, and the credential object built from that source.
// Every source maps onto a provider of @alicloud/credentials, through one `new Credential(...)`;
// roles to assume wrap it, each with the library's AssumeRole provider. The order is
// @pulumi/alicloud's (the Terraform provider's): an explicit OIDC role, an AccessKey pair, the ECS
// RAM role, the CLI profile, the credentials URI, then the rest of the library's default chain,
// each step only when its setting is there: with nothing set, nothing is tried and nothing is sent.
import Credential, {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  ProfileCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  URICredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import { existsSync } from "node:fs";
import {
  ALICLOUD_KEYS,
  readAlicloudConfig,
  type AlicloudConfig,
  type AssumeRoleSpec,
  type OidcRoleSpec,
} from "./alicloudConfig";
import { assumeRoleFailure, assumeRoleProvider, oidcRoleProvider, type RoleStep } from "./assumedRole";
import {
  checkCliConfig,
  checkCredentialsFile,
  cliConfigPath,
  credentialsFilePath,
  type CliProfile,
} from "./credentialFiles";
import { CredentialsError } from "./credentialsError";
import { CHAIN_ENV, CONFIG_KEYS, CREDENTIAL_ENV, type ConfigSource } from "./settings";

export { CredentialsError } from "./credentialsError";

/** A step of the library's default chain whose setting is present (after the explicit settings). */
export type ChainStep = "env" | "oidc" | "cliProfile" | "credentialsFile";

/** Where the credentials of a call come from; decided at call time, never stored. */
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
      /** A role assumed with an OIDC token (`alicloud:assumeRoleWithOidc`). */
      kind: "oidcRole";
      /** The role and the token. */
      role: OidcRoleSpec;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** The RAM role of the ECS instance, from instance metadata. */
      kind: "ecsRole";
      /** The role name. */
      roleName: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** A profile of the Alibaba Cloud CLI's configuration. */
      kind: "profile";
      /** Profile name (default: the file's current profile). */
      profile?: string;
      /** The configuration file, when not ~/.aliyun/config.json. */
      file?: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** A URI that serves credentials. */
      kind: "uri";
      /** The URI. */
      uri: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** One step of the rest of the default chain of `@alicloud/credentials`. */
      kind: "chain";
      /** The step. */
      step: ChainStep;
      /** Description for diagnostics. */
      source: string;
    }
  | {
      /** Nothing is set anywhere. */
      kind: "none";
      /** Description for diagnostics. */
      source: string;
    };

/** Every place credentials are looked for, in order, for the "no credentials" diagnostic. */
export const CREDENTIAL_PLACES: readonly string[] = [
  `stack config ${ALICLOUD_KEYS.assumeRoleWithOidc}`,
  `stack config ${CONFIG_KEYS.accessKey} / ${CONFIG_KEYS.secretKey} (/ ${CONFIG_KEYS.securityToken})`,
  `environment ${CREDENTIAL_ENV.alicloud.accessKeyId} / ${CREDENTIAL_ENV.alicloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alicloud.securityToken})`,
  `environment ${CREDENTIAL_ENV.alibabaCloud.accessKeyId} / ${CREDENTIAL_ENV.alibabaCloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alibabaCloud.securityToken})`,
  `stack config ${ALICLOUD_KEYS.ecsRoleName} (ALICLOUD_ECS_ROLE_NAME, ${CHAIN_ENV.ecsRole}): the ECS RAM role (instance metadata)`,
  `stack config ${CONFIG_KEYS.profile} (ALICLOUD_PROFILE, ${CHAIN_ENV.profile}) and ${ALICLOUD_KEYS.sharedCredentialsFile} (ALICLOUD_SHARED_CREDENTIALS_FILE)`,
  `stack config ${ALICLOUD_KEYS.credentialsUri} (ALICLOUD_CREDENTIALS_URI, ${CHAIN_ENV.uri})`,
  `the rest of the default chain of @alicloud/credentials, each step only when its setting is there: OIDC (${CHAIN_ENV.oidc.join(", ")}), ` +
    `the CLI profile (~/.aliyun/config.json), ~/.alibabacloud/credentials (${CHAIN_ENV.credentialsFile})`,
];

/** Refuses a pair of which only one half is set: the chain would skip it silently. */
function assertWhole(id: string | undefined, secret: string | undefined, names: [string, string]): boolean {
  if (!id && !secret) return false;
  if (!id || !secret) {
    const [missing, present] = id ? [names[1], names[0]] : [names[0], names[1]];
    throw new CredentialsError(`${present} is set but ${missing} is not: set both, or neither.`);
  }
  return true;
}

/** Visible ASCII: what an AccessKey ID or security token can be, sent in a header. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Refuses a value that cannot be sent in an HTTP header, naming where it came from. */
function assertHeaderSafe(value: string | undefined, what: string, source: string): void {
  if (value === undefined || HEADER_SAFE.test(value)) return;
  const at = [...value].findIndex((c) => !HEADER_SAFE.test(c)) + 1;
  throw new CredentialsError(
    `The ${what} from ${source} contains a character that cannot be sent in an HTTP header ` +
      `(a line break, a space or a non-ASCII character, at character ${at}): set it again without it.`,
  );
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true";
}

/** The first step of the rest of the default chain whose setting is there. Throws for a setting made by half. */
function chainStep(env: NodeJS.ProcessEnv): { step: ChainStep; source: string } | undefined {
  const oidc = CHAIN_ENV.oidc.filter((name) => env[name]);
  if (oidc.length === CHAIN_ENV.oidc.length)
    return { step: "oidc", source: `environment ${CHAIN_ENV.oidc[0]} (OIDC)` };
  if (oidc.length > 0 && oidc.some((name) => name !== CHAIN_ENV.oidc[0])) {
    const missing = CHAIN_ENV.oidc.filter((name) => !env[name]);
    throw new CredentialsError(
      `${oidc.join(" and ")} ${oidc.length === 1 ? "is" : "are"} set but ${missing.join(" and ")} not: OIDC needs all three.`,
    );
  }
  if (!isTrue(env[CHAIN_ENV.cliProfileDisabled]) && existsSync(cliConfigPath())) {
    return { step: "cliProfile", source: "the Alibaba Cloud CLI profile" };
  }
  if (credentialsFilePath(env))
    return { step: "credentialsFile", source: "the credentials file of @alicloud/credentials" };
  return undefined;
}

/** An AccessKey pair from stack config, `ALICLOUD_*` or `ALIBABA_CLOUD_*`, checked; undefined when none is set. */
function accessKeyPair(config: ConfigSource, env: NodeJS.ProcessEnv): CredentialPlan | undefined {
  const id = config.get(CONFIG_KEYS.accessKey);
  const secret = config.get(CONFIG_KEYS.secretKey);
  if (assertWhole(id, secret, [CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey])) {
    const securityToken = config.get(CONFIG_KEYS.securityToken);
    assertHeaderSafe(id, "AccessKey ID", `stack config ${CONFIG_KEYS.accessKey}`);
    assertHeaderSafe(securityToken, "security token", `stack config ${CONFIG_KEYS.securityToken}`);
    return {
      kind: "static",
      accessKeyId: id!,
      accessKeySecret: secret!,
      securityToken,
      source: `stack config ${CONFIG_KEYS.accessKey}`,
    };
  }
  const alicloud = CREDENTIAL_ENV.alicloud;
  if (
    assertWhole(env[alicloud.accessKeyId], env[alicloud.accessKeySecret], [
      alicloud.accessKeyId,
      alicloud.accessKeySecret,
    ])
  ) {
    const securityToken = env[alicloud.securityToken] || undefined;
    assertHeaderSafe(env[alicloud.accessKeyId], "AccessKey ID", `environment ${alicloud.accessKeyId}`);
    assertHeaderSafe(securityToken, "security token", `environment ${alicloud.securityToken}`);
    return {
      kind: "static",
      accessKeyId: env[alicloud.accessKeyId]!,
      accessKeySecret: env[alicloud.accessKeySecret]!,
      securityToken,
      source: `environment ${alicloud.accessKeyId}`,
    };
  }
  const alibaba = CREDENTIAL_ENV.alibabaCloud;
  if (
    assertWhole(env[alibaba.accessKeyId], env[alibaba.accessKeySecret], [
      alibaba.accessKeyId,
      alibaba.accessKeySecret,
    ])
  ) {
    assertHeaderSafe(env[alibaba.accessKeyId], "AccessKey ID", `environment ${alibaba.accessKeyId}`);
    assertHeaderSafe(
      env[alibaba.securityToken] || undefined,
      "security token",
      `environment ${alibaba.securityToken}`,
    );
    return { kind: "chain", step: "env", source: `environment ${alibaba.accessKeyId}` };
  }
  return undefined;
}

/**
 * Decides where credentials come from, in @pulumi/alicloud's order: `alicloud:assumeRoleWithOidc`;
 * an AccessKey pair (stack config, then `ALICLOUD_*`, then `ALIBABA_CLOUD_*`, which the library's
 * environment provider reads itself); the ECS RAM role; the CLI profile; the credentials URI; then
 * the rest of the library's default chain, each step only when its setting is there. Reads no
 * file's content and sends nothing. Throws {@link CredentialsError} for a setting made by half or
 * a value that cannot be sent, and a settings error for an `alicloud:*` key it cannot honour.
 */
export function planCredentials(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  alicloud: AlicloudConfig = readAlicloudConfig(config, env),
): CredentialPlan {
  if (alicloud.assumeRoleWithOidc) {
    return {
      kind: "oidcRole",
      role: alicloud.assumeRoleWithOidc.value,
      source: alicloud.assumeRoleWithOidc.source,
    };
  }
  const pair = accessKeyPair(config, env);
  if (pair) return pair;
  if (alicloud.ecsRoleName)
    return { kind: "ecsRole", roleName: alicloud.ecsRoleName.value, source: alicloud.ecsRoleName.source };
  if (alicloud.profile || alicloud.sharedCredentialsFile) {
    const named = alicloud.profile ? ` ("${alicloud.profile.value}")` : "";
    return {
      kind: "profile",
      profile: alicloud.profile?.value,
      file: alicloud.sharedCredentialsFile?.value,
      source: `${(alicloud.profile ?? alicloud.sharedCredentialsFile)!.source}${named}`,
    };
  }
  if (alicloud.credentialsUri)
    return { kind: "uri", uri: alicloud.credentialsUri.value, source: alicloud.credentialsUri.source };
  const step = chainStep(env);
  return step ? { kind: "chain", ...step } : { kind: "none", source: "no credential setting" };
}

/**
 * The roles a call acts through, in order: the stack's (`alicloud:assumeRole`, or
 * `ALICLOUD_ASSUME_ROLE_ARN`), then the resource's own `assumeRole`, each assumed with the
 * credentials before it.
 */
export function planRoles(alicloud: AlicloudConfig, resourceRole?: AssumeRoleSpec): RoleStep[] {
  const roles: RoleStep[] = [];
  if (alicloud.assumeRole) roles.push(alicloud.assumeRole);
  if (resourceRole) roles.push({ value: resourceRole, source: "the resource's assumeRole" });
  return roles;
}

/** Runs a check of a file the library will read, naming the setting that led to the file. */
function checkFile<T>(source: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof CredentialsError)
      throw new CredentialsError(`${source} could not be used: ${err.message}`);
    throw err;
  }
}

/** A profile of another CLI configuration file, mapped onto the library's providers (it reads only ~/.aliyun). */
function profileFromFile(profile: CliProfile, file: string, stsHost?: string): CredentialsProvider {
  const ak = () =>
    StaticAKCredentialsProvider.builder()
      .withAccessKeyId(profile.access_key_id ?? "")
      .withAccessKeySecret(profile.access_key_secret ?? "")
      .build();
  switch (profile.mode) {
    case "AK":
      return ak();
    case "StsToken":
      return StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(profile.access_key_id ?? "")
        .withAccessKeySecret(profile.access_key_secret ?? "")
        .withSecurityToken(profile.sts_token ?? "")
        .build();
    case "RamRoleArn":
      return assumeRoleProvider(
        ak(),
        {
          roleArn: profile.ram_role_arn ?? "",
          sessionName: profile.ram_session_name,
          sessionExpiration: profile.expired_seconds,
        },
        stsHost,
      );
    case "EcsRamRole":
      return ECSRAMRoleCredentialsProvider.builder()
        .withRoleName(profile.ram_role_name ?? "")
        .build();
    default:
      throw new CredentialsError(
        `${file} gives the profile mode ${profile.mode}, which this package reads from ~/.aliyun/config.json only: ` +
          `use AK, StsToken, RamRoleArn or EcsRamRole in ${ALICLOUD_KEYS.sharedCredentialsFile}, or unset it.`,
      );
  }
}

/** The provider of `@alicloud/credentials` for a plan, after checking any file it reads. */
export function credentialProvider(
  plan: Exclude<CredentialPlan, { kind: "none" }>,
  env: NodeJS.ProcessEnv,
  stsHost?: string,
): CredentialsProvider {
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
    case "oidcRole":
      return oidcRoleProvider(plan.role, stsHost);
    case "ecsRole":
      return ECSRAMRoleCredentialsProvider.builder().withRoleName(plan.roleName).build();
    case "profile":
      if (plan.file) {
        const profile = checkFile(plan.source, () => checkCliConfig(plan.file!, plan.profile));
        return checkFile(plan.source, () => profileFromFile(profile, plan.file!, stsHost));
      }
      if (isTrue(env[CHAIN_ENV.cliProfileDisabled])) {
        throw new CredentialsError(
          `${plan.source} is set, but ${CHAIN_ENV.cliProfileDisabled} switches the Alibaba Cloud CLI profile off: ` +
            `unset it, or use ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}.`,
        );
      }
      checkFile(plan.source, () => checkCliConfig(cliConfigPath(), plan.profile));
      return plan.profile
        ? CLIProfileCredentialsProvider.builder().withProfileName(plan.profile).build()
        : CLIProfileCredentialsProvider.builder().build();
    case "uri":
      return URICredentialsProvider.builder().withCredentialsURI(plan.uri).build();
    case "chain":
      switch (plan.step) {
        case "env":
          return EnvironmentVariableCredentialsProvider.builder().build();
        case "oidc":
          return OIDCRoleArnCredentialsProvider.builder().withStsEndpoint(stsHost!).build();
        case "cliProfile":
          checkFile(plan.source, () => checkCliConfig(cliConfigPath(), env[CHAIN_ENV.profile] || undefined));
          return CLIProfileCredentialsProvider.builder().build();
        case "credentialsFile":
          checkFile(plan.source, () =>
            checkCredentialsFile(credentialsFilePath(env)!, env[CHAIN_ENV.profile] || "default"),
          );
          return ProfileCredentialsProvider.builder().build();
      }
  }
}

/** Sources whose library errors may quote a file or a reply holding credentials: never shown. */
const QUOTING_KINDS: ReadonlySet<string> = new Set([
  "profile",
  "cliProfile",
  "credentialsFile",
  "ecsRole",
  "uri",
]);

/** A credential that answered, and what it signs with. */
export interface ResolvedCredential {
  /** The credential object the SDK signs with (it renews assumed sessions before they expire). */
  credential: Credential;
  /** The library's provider behind it, which a further role is assumed with. */
  provider: CredentialsProvider;
  /** Its AccessKey ID now. */
  accessKeyId: string;
  /** Its secret values, for the scrubber (never shown). */
  secrets: string[];
  /** Where the credentials come from, naming the roles assumed, for diagnostics. */
  source: string;
}

/** What resolving credentials needs besides the plan. */
export interface ResolveOptions {
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** The STS host (`host[:port]`, HTTPS), when not the library's default. */
  stsHost?: string;
  /** Filters any text of the credential library that is shown. */
  scrub: (text: string) => string;
}

/** Asks a provider for credentials once, and checks that they can be sent. */
async function answered(provider: CredentialsProvider, source: string): Promise<ResolvedCredential> {
  const credential = new Credential(null, provider);
  const model = await credential.getCredential();
  assertHeaderSafe(model.accessKeyId, "AccessKey ID", source);
  assertHeaderSafe(model.securityToken || undefined, "security token", source);
  const secrets = [model.accessKeySecret, model.securityToken].filter((v): v is string => !!v);
  return { credential, provider, accessKeyId: model.accessKeyId ?? "", secrets, source };
}

/**
 * The credentials of a plan, asked for once, so that a source that cannot answer fails here,
 * naming it, before any other request. Throws {@link CredentialsError}.
 */
export async function resolvePlan(
  plan: CredentialPlan,
  options: ResolveOptions,
): Promise<ResolvedCredential> {
  if (plan.kind === "none") throw new CredentialsError(noCredentialsMessage());
  try {
    return await answered(credentialProvider(plan, options.env, options.stsHost), plan.source);
  } catch (err) {
    if (err instanceof CredentialsError) throw err;
    const step = plan.kind === "chain" ? plan.step : plan.kind;
    if (plan.kind === "oidcRole") {
      throw assumeRoleFailure(
        err,
        { value: { roleArn: plan.role.roleArn }, source: plan.source },
        "the OIDC token",
        options.scrub,
      );
    }
    const detail = QUOTING_KINDS.has(step) ? "" : `: ${options.scrub((err as Error).message)}`;
    throw new CredentialsError(
      `${plan.source} could not give credentials${detail}. Check that setting, or set others (see the README's configuration).`,
    );
  }
}

/**
 * The credentials of `role`, assumed with `previous` (one AssumeRole, which the library repeats
 * shortly before the session expires). Throws {@link CredentialsError} naming the role, its account and the fix.
 */
export async function assumeRole(
  previous: ResolvedCredential,
  role: RoleStep,
  options: ResolveOptions,
): Promise<ResolvedCredential> {
  const provider = assumeRoleProvider(previous.provider, role.value, options.stsHost);
  const source = `role ${role.value.roleArn} (${role.source}), assumed with ${previous.source}`;
  try {
    return await answered(provider, source);
  } catch (err) {
    if (err instanceof CredentialsError) throw err;
    throw assumeRoleFailure(err, role, previous.source, options.scrub);
  }
}

/** The "no credentials" diagnostic: every place looked, and how to set credentials. */
export function noCredentialsMessage(): string {
  return [
    "No Alibaba Cloud credentials were found.",
    "Looked in, in order:",
    ...CREDENTIAL_PLACES.map((p) => `  - ${p}`),
    `Fix: \`pulumi config set ${CONFIG_KEYS.accessKey} <AccessKey ID>\` and ` +
      `\`pulumi config set --secret ${CONFIG_KEYS.secretKey} <AccessKey secret>\`, ` +
      `or export ${CREDENTIAL_ENV.alibabaCloud.accessKeyId} and ${CREDENTIAL_ENV.alibabaCloud.accessKeySecret}.`,
  ].join("\n");
}
