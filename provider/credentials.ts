// Where the credentials of a call come from, and the credential object built from that source.
// Every source maps onto a provider of @alicloud/credentials, through one `new Credential(...)`.
// The library's default chain is followed in its order, but each of its providers runs only when
// its own setting is there: with nothing set, nothing is tried and nothing goes on the network.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Credential, {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  ProfileCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";
import { CHAIN_ENV, CONFIG_KEYS, CREDENTIAL_ENV, type ConfigSource } from "./settings";

/** A step of the default chain whose setting is present. */
export type ChainStep = "env" | "oidc" | "cliProfile" | "credentialsFile" | "ecsRole" | "uri";

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
      /** A named profile of the Alibaba Cloud CLI (stack config `alicloud:profile`). */
      kind: "profile";
      /** Profile name. */
      profile: string;
      /** Where the name was found. */
      source: string;
    }
  | {
      /** One step of the default chain of `@alicloud/credentials`, the first whose setting is there. */
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
  `stack config ${CONFIG_KEYS.accessKey} / ${CONFIG_KEYS.secretKey} (/ ${CONFIG_KEYS.securityToken})`,
  `stack config ${CONFIG_KEYS.profile}`,
  `environment ${CREDENTIAL_ENV.alibabaCloud.accessKeyId} / ${CREDENTIAL_ENV.alibabaCloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alibabaCloud.securityToken})`,
  `environment ${CREDENTIAL_ENV.alicloud.accessKeyId} / ${CREDENTIAL_ENV.alicloud.accessKeySecret} (/ ${CREDENTIAL_ENV.alicloud.securityToken})`,
  `the default chain of @alicloud/credentials, each step only when its setting is there: OIDC (${CHAIN_ENV.oidc.join(", ")}), ` +
    `the CLI profile (~/.aliyun/config.json, ${CHAIN_ENV.profile}), ~/.alibabacloud/credentials ` +
    `(${CHAIN_ENV.credentialsFile}), the ECS RAM role (instance metadata, when ${CHAIN_ENV.ecsRole} names the role), ` +
    `${CHAIN_ENV.uri}`,
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

/** The ~/.aliyun/config.json of the Alibaba Cloud CLI (the library reads it there). */
export function cliConfigPath(): string {
  return join(homedir(), ".aliyun", "config.json");
}

/** The credentials file the library reads, when it exists. */
function credentialsFilePath(env: NodeJS.ProcessEnv): string | undefined {
  const path = env[CHAIN_ENV.credentialsFile] || join(homedir(), ".alibabacloud", "credentials");
  return existsSync(path) ? path : undefined;
}

/** The first step of the default chain whose setting is there. Throws for a setting made by half. */
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
    const named = env[CHAIN_ENV.profile] ? ` (${CHAIN_ENV.profile} "${env[CHAIN_ENV.profile]}")` : "";
    return { step: "cliProfile", source: `the Alibaba Cloud CLI profile${named}` };
  }
  const file = credentialsFilePath(env);
  if (file) return { step: "credentialsFile", source: "the credentials file of @alicloud/credentials" };
  if (env[CHAIN_ENV.ecsRole] && !isTrue(env[CHAIN_ENV.ecsDisabled])) {
    return { step: "ecsRole", source: `the ECS RAM role named by environment ${CHAIN_ENV.ecsRole}` };
  }
  if (env[CHAIN_ENV.uri]) return { step: "uri", source: `environment ${CHAIN_ENV.uri}` };
  return undefined;
}

/**
 * Decides where credentials come from: stack config (`alicloud:accessKey`/`secretKey`/
 * `securityToken`, then `alicloud:profile`), then `ALIBABA_CLOUD_*` (read by the default chain
 * itself), then `ALICLOUD_*`, then the rest of the default chain of `@alicloud/credentials`, each
 * step only when its setting is there. Reads no file's content and sends nothing. Throws
 * {@link CredentialsError} for a setting made by half or a value that cannot be sent.
 */
export function planCredentials(config: ConfigSource, env: NodeJS.ProcessEnv): CredentialPlan {
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
    assertHeaderSafe(env[alibaba.accessKeyId], "AccessKey ID", `environment ${alibaba.accessKeyId}`);
    assertHeaderSafe(
      env[alibaba.securityToken] || undefined,
      "security token",
      `environment ${alibaba.securityToken}`,
    );
    return { kind: "chain", step: "env", source: `environment ${alibaba.accessKeyId}` };
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
  const step = chainStep(env);
  return step ? { kind: "chain", ...step } : { kind: "none", source: "no credential setting" };
}

/** The profile modes of the Alibaba Cloud CLI that @alicloud/credentials can use. */
const CLI_MODES: readonly string[] = [
  "AK",
  "StsToken",
  "RamRoleArn",
  "EcsRamRole",
  "OIDC",
  "ChainableRamRoleArn",
  "CloudSSO",
  "OAuth",
  "External",
];

/** Line and column of a character offset, from 1. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Checks the CLI configuration the library is about to read, so that a problem is named without
 * quoting the file (the library's own error quotes all of it, secrets included).
 */
function checkCliConfig(path: string, profileName: string | undefined): void {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CredentialsError(`${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    const where = at ? ` at ${lineAndColumn(text, Number(at[1]))}` : "";
    throw new CredentialsError(
      `${path} is not valid JSON${where}: correct it, or run \`aliyun configure\` to write it again.`,
    );
  }
  const profiles = (conf as { profiles?: unknown })?.profiles;
  if (!Array.isArray(profiles) || profiles.length === 0) {
    throw new CredentialsError(`${path} has no profiles: run \`aliyun configure\` to add one.`);
  }
  const name = profileName ?? (conf as { current?: unknown }).current;
  const profile = profiles.find((p) => (p as { name?: unknown })?.name === name) as
    { mode?: unknown } | undefined;
  if (!profile) {
    throw new CredentialsError(
      `${path} has no profile named ${JSON.stringify(String(name))}: run \`aliyun configure --profile <name>\`.`,
    );
  }
  if (typeof profile.mode !== "string" || !CLI_MODES.includes(profile.mode)) {
    throw new CredentialsError(
      `profile ${JSON.stringify(String(name))} in ${path} has a mode @alicloud/credentials cannot use: ` +
        `use one of ${CLI_MODES.join(", ")} (\`aliyun configure --mode AK\`).`,
    );
  }
}

/** Types of profile in the credentials file that @alicloud/credentials can use. */
const FILE_TYPES: readonly string[] = ["access_key", "ecs_ram_role", "ram_role_arn"];

/** Checks the credentials file (INI) the library is about to read, without quoting it. */
function checkCredentialsFile(path: string, profileName: string): void {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CredentialsError(`${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    const section = /^\[([^\][]+)\]$/.exec(trimmed);
    const pair = /^([\w.-]+)\s*=\s*(.*)$/.exec(trimmed);
    if (section) {
      current = new Map();
      sections.set(section[1].trim(), current);
    } else if (pair && current) {
      current.set(pair[1], pair[2]);
    } else {
      throw new CredentialsError(
        `${path} is not a valid credentials file at line ${i + 1}: each line is a [profile] header or key = value under one.`,
      );
    }
  });
  const profile = sections.get(profileName);
  const type = profile?.get("type");
  if (!profile || !type) {
    throw new CredentialsError(
      `${path} has no profile [${profileName}] with a \`type\` (${FILE_TYPES.join(", ")}).`,
    );
  }
  if (!FILE_TYPES.includes(type)) {
    throw new CredentialsError(
      `profile [${profileName}] in ${path} has a \`type\` this package cannot use: use ${FILE_TYPES.join(", ")}.`,
    );
  }
  const needed = type === "ecs_ram_role" ? ["role_name"] : ["access_key_id", "access_key_secret"];
  const missing = needed.filter((key) => !profile.get(key));
  if (missing.length > 0) {
    throw new CredentialsError(`profile [${profileName}] in ${path} lacks ${missing.join(" and ")}.`);
  }
}

/** Runs a check of a file the library will read, naming the setting that led to the file. */
function checkFile(source: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    if (err instanceof CredentialsError)
      throw new CredentialsError(`${source} could not be used: ${err.message}`);
    throw err;
  }
}

/** The provider of `@alicloud/credentials` for a plan, after checking any file it reads. */
function providerFor(plan: Exclude<CredentialPlan, { kind: "none" }>, env: NodeJS.ProcessEnv) {
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
      if (isTrue(env[CHAIN_ENV.cliProfileDisabled])) {
        throw new CredentialsError(
          `${plan.source} is set, but ${CHAIN_ENV.cliProfileDisabled} switches the Alibaba Cloud CLI profile off: ` +
            `unset it, or use ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}.`,
        );
      }
      checkFile(plan.source, () => checkCliConfig(cliConfigPath(), plan.profile));
      return CLIProfileCredentialsProvider.builder().withProfileName(plan.profile).build();
    case "chain":
      switch (plan.step) {
        case "env":
          return EnvironmentVariableCredentialsProvider.builder().build();
        case "oidc":
          return OIDCRoleArnCredentialsProvider.builder().build();
        case "cliProfile":
          checkFile(plan.source, () => checkCliConfig(cliConfigPath(), env[CHAIN_ENV.profile] || undefined));
          return CLIProfileCredentialsProvider.builder().build();
        case "credentialsFile":
          checkFile(plan.source, () =>
            checkCredentialsFile(credentialsFilePath(env)!, env[CHAIN_ENV.profile] || "default"),
          );
          return ProfileCredentialsProvider.builder().build();
        case "ecsRole":
          return ECSRAMRoleCredentialsProvider.builder().withRoleName(env[CHAIN_ENV.ecsRole]!).build();
        case "uri":
          return URICredentialsProvider.builder().withCredentialsURI(env[CHAIN_ENV.uri]!).build();
      }
  }
}

/** Sources whose library errors may quote a file or a reply holding credentials: never shown. */
const QUOTING_STEPS: ReadonlySet<string> = new Set([
  "profile",
  "cliProfile",
  "credentialsFile",
  "ecsRole",
  "uri",
]);

/** A credential that answered, and what it signs with. */
export interface ResolvedCredential {
  /** The credential object the SDK signs with. */
  credential: Credential;
  /** Its AccessKey ID. */
  accessKeyId: string;
  /** Its secret values, for the scrubber (never shown). */
  secrets: string[];
}

/**
 * Builds the credential object of a plan and asks it for credentials once, so that a source that
 * cannot answer fails here, naming it, before any request. `scrub` filters any text of the
 * library that is shown. Throws {@link CredentialsError}.
 */
export async function resolveCredentials(
  plan: CredentialPlan,
  env: NodeJS.ProcessEnv,
  scrub: (text: string) => string,
): Promise<ResolvedCredential> {
  if (plan.kind === "none") throw new CredentialsError(noCredentialsMessage());
  const credential = new Credential(null, providerFor(plan, env));
  let model;
  try {
    model = await credential.getCredential();
  } catch (err) {
    const step = plan.kind === "chain" ? plan.step : plan.kind;
    const detail = QUOTING_STEPS.has(step) ? "" : `: ${scrub((err as Error).message)}`;
    throw new CredentialsError(
      `${plan.source} could not give credentials${detail}. Check that setting, or set others (see the README's configuration).`,
    );
  }
  assertHeaderSafe(model.accessKeyId, "AccessKey ID", plan.source);
  assertHeaderSafe(model.securityToken || undefined, "security token", plan.source);
  const secrets = [model.accessKeySecret, model.securityToken].filter((v): v is string => !!v);
  return { credential, accessKeyId: model.accessKeyId ?? "", secrets };
}

/** A key naming the account a plan signs for, without any secret: Open calls are serialized per key. */
export function accountKey(plan: CredentialPlan): string {
  switch (plan.kind) {
    case "static":
      return `ak:${plan.accessKeyId}`;
    case "profile":
      return `profile:${plan.profile}`;
    case "chain":
      return `chain:${plan.step}`;
    case "none":
      return "none";
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
