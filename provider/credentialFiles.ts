// Checks of the credential files @alicloud/credentials is about to read: a problem is named by
// file, line and column, and the file is never quoted (the library's own error quotes all of it,
// secrets included).
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { CredentialsError } from "./credentialsError";
import { CHAIN_ENV } from "./settings";

/** The ~/.aliyun/config.json of the Alibaba Cloud CLI (the library reads it there). */
export function cliConfigPath(): string {
  return join(homedir(), ".aliyun", "config.json");
}

/** The credentials file the library reads, when it exists. */
export function credentialsFilePath(env: NodeJS.ProcessEnv): string | undefined {
  const path = env[CHAIN_ENV.credentialsFile] || join(homedir(), ".alibabacloud", "credentials");
  return existsSync(path) ? path : undefined;
}

/** A profile of the CLI configuration, with the fields of the modes this package maps itself. */
export interface CliProfile {
  /** AK, StsToken, RamRoleArn, EcsRamRole, ... */
  mode: string;
  /** AccessKey ID (AK, StsToken, RamRoleArn). */
  access_key_id?: string;
  /** AccessKey secret (AK, StsToken, RamRoleArn). */
  access_key_secret?: string;
  /** STS token (StsToken). */
  sts_token?: string;
  /** Role to assume (RamRoleArn). */
  ram_role_arn?: string;
  /** Session name (RamRoleArn). */
  ram_session_name?: string;
  /** Session length in seconds (RamRoleArn). */
  expired_seconds?: number;
  /** ECS RAM role (EcsRamRole). */
  ram_role_name?: string;
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
export function checkCliConfig(path: string, profileName: string | undefined): CliProfile {
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
  return profile as CliProfile;
}

/** Types of profile in the credentials file that @alicloud/credentials can use. */
const FILE_TYPES: readonly string[] = ["access_key", "ecs_ram_role", "ram_role_arn"];

/** Checks the credentials file (INI) the library is about to read, without quoting it. */
export function checkCredentialsFile(path: string, profileName: string): void {
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
