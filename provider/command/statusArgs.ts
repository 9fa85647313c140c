// The arguments of `alicloud-ip-pool-service status`: parsed, and checked before anything is sent,
// by the same rules as the stack's settings (a bad one is a usage error, exit status 2).
import { parseArgs } from "node:util";
import { SETTINGS } from "../config/keys";
import { NO_CONFIG, SettingsError, type ConfigSource } from "../config/configSource";
import { regionIdProblem, resolveRegion } from "../config/regionId";
import {
  accountIdProblem,
  DIRECTORY_ROLE,
  externalIdProblem,
  roleArnIn,
  roleArnProblem,
  roleNameProblem,
  type RoleStep,
} from "../config/roles";
import { readSettings } from "../config/settings";
import { commandTerms } from "../config/settingTerms";
import { CREDENTIAL_SOURCES } from "../credentials/plan";
import { ORG_CONCURRENCY } from "../core/organizationReading";

/**
 * The command's configuration: none is read (its settings are its flags and the environment), and
 * its messages name a setting by its flag where it has one.
 */
export const COMMAND_CONFIG: Readonly<ConfigSource> = {
  ...NO_CONFIG,
  terms: commandTerms({ [SETTINGS.vpcEndpoint.key]: "--endpoint" }),
};

/** The help text of `status`. */
export const USAGE = `Usage: alicloud-ip-pool-service status [options]

Shows, without changing anything, whether Alibaba Cloud's Public IP Address Pool feature is
enabled in each region: one row per region, sorted by region ID.

Options:
  --region <id>      a region to read; repeat it, or separate IDs with commas
                     (default: ${SETTINGS.region.env.join(" or ")})
  --all-regions      every region the VPC API lists (DescribeRegions)
  --assume-role <arn>
                     read the account of this RAM role, assumed with the credentials below
                     (acs:ram::<account ID>:role/<name>); repeat it for several accounts: the
                     table gets an ACCOUNT column (the account STS reports for the role's
                     session), the JSON an "accountId"
  --external-id <id> the external ID the roles' trust policies require
  --json             print a JSON array of {"regionId", "enabled", ...} on stdout, nothing else
  --endpoint <url>   call this endpoint instead of the regional one (https://host[:port],
                     or http:// for a loopback address only); also ${SETTINGS.vpcEndpoint.env[0]}
  -h, --help         show this text

The organisation (the members of the resource directory the credentials' account manages):
  --org              read every joined member of the directory (Resource Manager's ListAccounts),
                     each through its role acs:ram::<member>:role/<name>: an account x region
                     matrix and a summary line (--json: every cell, with name and folder)
  --role-name <name> the role of each member (default: ${DIRECTORY_ROLE})
  --folder <id>      only the members of this folder and its sub-folders (fd-...)
  --tag <key=value>  only the members with this tag; repeat it for several
  --exclude-account <id>
                     leave this member out; repeat it, or separate IDs with commas
  --include-management
                     read the management account (the credentials' own) too
  --concurrency <n>  accounts read at once (default ${ORG_CONCURRENCY}, at most 64)
  ${SETTINGS.endpoints.fields.resourcemanager.env[0]} is the Resource Manager host (HTTPS).

Credentials come from the environment, in @pulumi/alicloud's order, the first that is set:
${CREDENTIAL_SOURCES.flatMap((source) => source.help)
  .map((line) => `  ${line}`)
  .join("\n")}
${SETTINGS.assumeRole.env[0]} names a role they assume first; ${SETTINGS.endpoints.fields.sts.env[0]} is the STS host (HTTPS).

Exit status: 0 every region was read; 1 a read failed (the others are still shown) or the
credentials are missing or rejected; 2 usage error. With --org: 0 every region of every account
read is on; 3 some are off, and every one was read; 4 an account or a region could not be read
(the others are still shown); 1 the directory could not be read; 2 usage error.`;

/** The help text of the command. */
export const TOP_USAGE = `Usage: alicloud-ip-pool-service <command> [options]

Commands:
  status   show where the Public IP Address Pool feature is enabled

Run \`alicloud-ip-pool-service status --help\` for its options.`;

/** Arguments that cannot be used; the message says which and why. */
export class UsageError extends Error {}

/** What `status --org` reads: the directory's members a filter chooses, each through a role of one name. */
export interface OrgOptions {
  /** A folder ID: members whose path runs through it. */
  folderId?: string;
  /** Tags every member read must carry. */
  tags: Record<string, string>;
  /** Account IDs left out. */
  exclude: string[];
  /** Whether the management account (the credentials' own) is read too. */
  includeManagement: boolean;
  /** The role each member is reached through: `acs:ram::<member>:role/<roleName>`. */
  roleName: string;
  /** Accounts read at once. */
  concurrency: number;
}

/** What `status` was asked for. */
export interface StatusOptions {
  regions: string[];
  allRegions: boolean;
  json: boolean;
  endpointFlag?: string;
  roleArns: string[];
  externalId?: string;
  /** The organisation's status, when `--org` was given. */
  org?: OrgOptions;
}

/** The options of `status`, or "help"; throws {@link UsageError}. */
export function parseStatusArgs(argv: string[]): StatusOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        region: { type: "string", multiple: true },
        "all-regions": { type: "boolean" },
        json: { type: "boolean" },
        endpoint: { type: "string" },
        "assume-role": { type: "string", multiple: true },
        "external-id": { type: "string" },
        org: { type: "boolean" },
        folder: { type: "string" },
        tag: { type: "string", multiple: true },
        "exclude-account": { type: "string", multiple: true },
        "include-management": { type: "boolean" },
        "role-name": { type: "string" },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return "help";
  const regions = (v.region ?? []).flatMap((r) => r.split(",")).map((r) => r.trim());
  if (v["all-regions"] && regions.length > 0)
    throw new UsageError("use either --region or --all-regions, not both");
  for (const r of regions) {
    const problem = regionIdProblem(r, "the region");
    if (problem) throw new UsageError(`--region: ${problem}`);
  }
  const roleArns = [...new Set(v["assume-role"] ?? [])];
  for (const roleArn of roleArns) {
    const problem = roleArnProblem(roleArn, "it");
    if (problem) throw new UsageError(`--assume-role: ${problem}`);
  }
  const externalId = v["external-id"];
  if (externalId !== undefined && roleArns.length === 0)
    throw new UsageError("--external-id goes with --assume-role");
  const externalIdIssue =
    externalId === undefined ? undefined : externalIdProblem(externalId, "--external-id");
  if (externalIdIssue) throw new UsageError(externalIdIssue);
  // The settings' own rule parses the endpoint (`--endpoint`, else ALICLOUD_VPC_ENDPOINT): a bad one is a usage error.
  try {
    readSettings(NO_CONFIG, process.env, {
      endpointFlag: v.endpoint === undefined ? undefined : { value: v.endpoint, source: "--endpoint" },
    });
  } catch (err) {
    if (err instanceof SettingsError) throw new UsageError(err.message);
    throw err;
  }
  if (!v["all-regions"] && regions.length === 0) {
    const fallback = resolveRegion({
      explicit: undefined,
      subject: "the region",
      howToSet: "give --region <id> (or --all-regions)",
      env: process.env,
    });
    if (fallback.problem !== undefined) throw new UsageError(fallback.problem);
    regions.push(fallback.regionId);
  }
  return {
    regions: [...new Set(regions)],
    allRegions: v["all-regions"] === true,
    json: v.json === true,
    endpointFlag: v.endpoint,
    roleArns,
    externalId,
    org: orgOptions(v, roleArns.length > 0),
  };
}

/** The options of `--org`, checked; undefined without it. Throws {@link UsageError}. */
function orgOptions(
  v: {
    org?: boolean;
    folder?: string;
    tag?: string[];
    "exclude-account"?: string[];
    "include-management"?: boolean;
    "role-name"?: string;
    concurrency?: string;
  },
  withRoles: boolean,
): OrgOptions | undefined {
  const orgOnly = (
    ["folder", "tag", "exclude-account", "include-management", "role-name", "concurrency"] as const
  ).filter((name) => v[name] !== undefined);
  if (!v.org) {
    if (orgOnly.length > 0) throw new UsageError(`--${orgOnly[0]} goes with --org`);
    return undefined;
  }
  if (withRoles) throw new UsageError("use either --org or --assume-role, not both");
  if (v.folder !== undefined && !/^(fd|r)-[A-Za-z0-9]{1,64}$/.test(v.folder))
    throw new UsageError(
      `--folder: "${v.folder}" is not a folder ID (fd-…, as the Resource Manager console shows it)`,
    );
  const tags: Record<string, string> = {};
  for (const tag of v.tag ?? []) {
    const at = tag.indexOf("=");
    if (at <= 0) throw new UsageError(`--tag: "${tag}" is not key=value`);
    tags[tag.slice(0, at)] = tag.slice(at + 1);
  }
  const exclude = (v["exclude-account"] ?? []).flatMap((a) => a.split(",")).map((a) => a.trim());
  for (const id of exclude) {
    const problem = accountIdProblem(id, "--exclude-account");
    if (problem) throw new UsageError(problem);
  }
  const roleName = v["role-name"] ?? DIRECTORY_ROLE;
  const roleProblem = roleNameProblem(roleName, "--role-name");
  if (roleProblem) throw new UsageError(roleProblem);
  const concurrency = v.concurrency === undefined ? ORG_CONCURRENCY : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError(`--concurrency: "${v.concurrency}" is not a whole number from 1 to 64`);
  return {
    folderId: v.folder,
    tags,
    exclude: [...new Set(exclude)],
    includeManagement: v["include-management"] === true,
    roleName,
    concurrency,
  };
}

/** The role `status --org` reaches a member through (`--role-name`), named by its flag in messages. */
export function memberRole(accountId: string, roleName: string): RoleStep {
  return {
    value: { roleArn: roleArnIn(accountId, roleName) },
    source: "--role-name",
    field: (name) => `--role-name (${name})`,
  };
}

/** The role of `--assume-role`, named by its flags in messages. */
export function roleStep(roleArn: string, externalId: string | undefined): RoleStep {
  return {
    value: externalId === undefined ? { roleArn } : { roleArn, externalId },
    source: "--assume-role",
    field: (name) => (name === "externalId" ? "--external-id" : `--assume-role (${name})`),
  };
}
