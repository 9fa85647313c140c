// The local files credentials come from: read only when they are regular files of at most 1 MiB
// (a FIFO, a device or a directory is refused at once, never waited on), and checked so that a
// problem is named by file, line and column without quoting the file: its text holds secrets.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { jsonErrorOffset } from "../transport/errorText";
import { unquotedJsonError } from "../config/jsonError";
import { CredentialsError } from "./credentialsError";
import { CHAIN_ENV } from "../config/keys";

/** The largest credential file read, in bytes (1 MiB): real ones are under a few kilobytes. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

/** The ~/.aliyun/config.json of the Alibaba Cloud CLI. */
export function cliConfigPath(): string {
  return join(homedir(), ".aliyun", "config.json");
}

/** The credentials file of @alicloud/credentials (`ALIBABA_CLOUD_CREDENTIALS_FILE`, default ~/.alibabacloud/credentials). */
export function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return env[CHAIN_ENV.credentialsFile] || join(homedir(), ".alibabacloud", "credentials");
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * The text of a local credential file. Opens it without blocking, refuses anything but a regular
 * file of at most {@link MAX_CREDENTIAL_FILE_BYTES}, and never quotes it. Throws
 * {@link CredentialsError} (a problem of this machine); {@link forSetting} names the setting.
 */
export function readCredentialFile(path: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new CredentialsError(
      `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}).`,
      { origin: "local", cause: err },
    );
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new CredentialsError(
        `${path} is ${kindOf(stat)}, not a regular file: point the setting at a file.`,
        { origin: "local" },
      );
    }
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_CREDENTIAL_FILE_BYTES) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_CREDENTIAL_FILE_BYTES) {
      throw new CredentialsError(
        `${path} is larger than ${MAX_CREDENTIAL_FILE_BYTES} bytes, which no credential file is: point the setting at the right file.`,
        { origin: "local" },
      );
    }
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Runs `read` for the setting `source`: a problem is named as that setting's, the original kept as cause. */
export function forSetting<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof CredentialsError)) throw err;
    throw new CredentialsError(`${source} could not be used: ${err.message}`, { ...err.facts, cause: err });
  }
}

/** A profile of the CLI configuration, with the fields of the modes this package maps itself. */
export interface CliProfile {
  /** Profile name. */
  name: string;
  /** AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, ... */
  mode: string;
  /** AccessKey ID (AK, StsToken, RamRoleArn). */
  access_key_id?: string;
  /** AccessKey secret (AK, StsToken, RamRoleArn). */
  access_key_secret?: string;
  /** STS token (StsToken). */
  sts_token?: string;
  /** Role to assume (RamRoleArn, ChainableRamRoleArn, OIDC). */
  ram_role_arn?: string;
  /** Session name (RamRoleArn, ChainableRamRoleArn, OIDC). */
  ram_session_name?: string;
  /** Session length in seconds (RamRoleArn, ChainableRamRoleArn, OIDC). */
  expired_seconds?: number;
  /** ECS RAM role (EcsRamRole). */
  ram_role_name?: string;
  /** The profile whose credentials assume the role (ChainableRamRoleArn). */
  source_profile?: string;
  /** OIDC identity provider (OIDC). */
  oidc_provider_arn?: string;
  /** File holding the OIDC token (OIDC). */
  oidc_token_file?: string;
}

/** A CLI configuration file, read and checked. */
export interface CliConfig {
  /** Where it was read from. */
  path: string;
  /** The profile used when none is named. */
  current?: string;
  /** Its profiles, by name. */
  profiles: Map<string, CliProfile>;
}

/** The profile modes this package reads itself, from any CLI configuration file. */
export const OWN_MODES: readonly string[] = [
  "AK",
  "StsToken",
  "RamRoleArn",
  "ChainableRamRoleArn",
  "EcsRamRole",
  "OIDC",
];

/** The profile modes only @alicloud/credentials reads, and only from ~/.aliyun/config.json (sign-ins). */
export const LIBRARY_MODES: readonly string[] = ["CloudSSO", "OAuth", "External"];

/** The profile modes of the Alibaba Cloud CLI that @alicloud/credentials knows. */
const CLI_MODES: readonly string[] = [...OWN_MODES, ...LIBRARY_MODES];

/** Line and column of a character offset, from 1. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Reads and checks a CLI configuration file (JSON), naming any problem without quoting the file. */
export function readCliConfig(path: string): CliConfig {
  const text = readCredentialFile(path);
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset(err);
    const where = at === undefined ? "" : ` at ${lineAndColumn(text, at)}`;
    throw new CredentialsError(
      `${path} is not valid JSON${where}: correct it, or run \`aliyun configure\` to write it again.`,
      { origin: "local", cause: unquotedJsonError(err) },
    );
  }
  const list = (conf as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list) || list.length === 0) {
    throw new CredentialsError(`${path} has no profiles: run \`aliyun configure\` to add one.`, {
      origin: "local",
    });
  }
  const profiles = new Map<string, CliProfile>();
  for (const p of list as Array<Record<string, unknown>>) {
    if (typeof p?.name === "string") profiles.set(p.name, p as unknown as CliProfile);
  }
  const current = (conf as { current?: unknown }).current;
  return { path, current: typeof current === "string" ? current : undefined, profiles };
}

/** A profile of a CLI configuration by name (default: its current one), with a mode the library knows. */
export function cliProfile(config: CliConfig, profileName: string | undefined): CliProfile {
  const name = profileName ?? config.current;
  const profile = name === undefined ? undefined : config.profiles.get(name);
  if (!profile) {
    throw new CredentialsError(
      `${config.path} has no profile named ${JSON.stringify(String(name))}: run \`aliyun configure --profile <name>\`.`,
      { origin: "local" },
    );
  }
  if (typeof profile.mode !== "string" || !CLI_MODES.includes(profile.mode)) {
    throw new CredentialsError(
      `profile ${JSON.stringify(String(name))} in ${config.path} has a mode @alicloud/credentials cannot use: ` +
        `use one of ${CLI_MODES.join(", ")} (\`aliyun configure --mode AK\`).`,
      { origin: "local" },
    );
  }
  return profile;
}

/** A profile of the credentials file (INI), with the fields of the types this package maps. */
export interface FileProfile {
  /** Profile name. */
  name: string;
  /** `access_key`, `ecs_ram_role` or `ram_role_arn`. */
  type: string;
  /** The profile's keys and values. */
  values: Map<string, string>;
}

/** Types of profile in the credentials file that @alicloud/credentials can use. */
const FILE_TYPES: readonly string[] = ["access_key", "ecs_ram_role", "ram_role_arn"];

/** Reads and checks a profile of the credentials file (INI), naming any problem without quoting the file. */
export function readCredentialsFileProfile(path: string, profileName: string): FileProfile {
  const text = readCredentialFile(path);
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
        { origin: "local" },
      );
    }
  });
  const values = sections.get(profileName);
  const type = values?.get("type");
  if (!values || !type) {
    throw new CredentialsError(
      `${path} has no profile [${profileName}] with a \`type\` (${FILE_TYPES.join(", ")}).`,
      { origin: "local" },
    );
  }
  if (!FILE_TYPES.includes(type)) {
    throw new CredentialsError(
      `profile [${profileName}] in ${path} has a \`type\` this package cannot use: use ${FILE_TYPES.join(", ")}.`,
      { origin: "local" },
    );
  }
  const needed =
    type === "ecs_ram_role"
      ? ["role_name"]
      : type === "ram_role_arn"
        ? ["access_key_id", "access_key_secret", "role_arn"]
        : ["access_key_id", "access_key_secret"];
  const missing = needed.filter((key) => !values.get(key));
  if (missing.length > 0) {
    throw new CredentialsError(`profile [${profileName}] in ${path} lacks ${missing.join(" and ")}.`, {
      origin: "local",
    });
  }
  return { name: profileName, type, values };
}
