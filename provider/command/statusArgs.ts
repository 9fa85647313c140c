// The arguments of `alicloud-ip-pool-service status`: parsed, and checked before anything is sent,
// by the same rules as the stack's settings (a bad one is a usage error, exit status 2).
import { parseArgs } from "node:util";
import { SETTINGS } from "../config/keys";
import { NO_CONFIG, SettingsError, type ConfigSource } from "../config/configSource";
import { regionIdProblem, resolveRegion } from "../config/regionId";
import { externalIdProblem, roleArnProblem, type RoleStep } from "../config/roles";
import { readSettings } from "../config/settings";
import { commandTerms } from "../config/settingTerms";
import { CREDENTIAL_SOURCES } from "../credentials/plan";

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

Credentials come from the environment, in @pulumi/alicloud's order, the first that is set:
${CREDENTIAL_SOURCES.flatMap((source) => source.help)
  .map((line) => `  ${line}`)
  .join("\n")}
${SETTINGS.assumeRole.env[0]} names a role they assume first; ${SETTINGS.endpoints.fields.sts.env[0]} is the STS host (HTTPS).

Exit status: 0 every region was read; 1 a read failed (the others are still shown) or the
credentials are missing or rejected; 2 usage error.`;

/** The help text of the command. */
export const TOP_USAGE = `Usage: alicloud-ip-pool-service <command> [options]

Commands:
  status   show where the Public IP Address Pool feature is enabled

Run \`alicloud-ip-pool-service status --help\` for its options.`;

/** Arguments that cannot be used; the message says which and why. */
export class UsageError extends Error {}

/** What `status` was asked for. */
export interface StatusOptions {
  regions: string[];
  allRegions: boolean;
  json: boolean;
  endpointFlag?: string;
  roleArns: string[];
  externalId?: string;
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
