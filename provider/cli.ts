#!/usr/bin/env node
// `alicloud-ip-pool-service status`: where is the Public IP Address Pool feature on, and where not?
import { parseArgs } from "node:util";
import { roleAccount, roleArnProblem, type RoleStep } from "./alicloudConfig";
import { PoolServiceError, shownError } from "./poolServiceError";
import { parseEndpoint, type EndpointOverride } from "./endpoint";
import { regionIdProblem, resolveRegion } from "./regionId";
import { scrubberFor, type SecretScrubber } from "./secretScrubber";
import { CREDENTIAL_ENV, ENV_KEYS, NO_CONFIG } from "./settings";
import { formatTable, readStatuses, toJson, type StatusAccount } from "./statusReport";

const USAGE = `Usage: alicloud-ip-pool-service status [options]

Shows, without changing anything, whether Alibaba Cloud's Public IP Address Pool feature is
enabled in each region: one row per region, sorted by region ID.

Options:
  --region <id>      a region to read; repeat it, or separate IDs with commas
                     (default: ${ENV_KEYS.regions.join(" or ")})
  --all-regions      every region the VPC API lists (DescribeRegions)
  --assume-role <arn>
                     read the account of this RAM role, assumed with the credentials below
                     (acs:ram::<account ID>:role/<name>); repeat it for several accounts: the
                     table gets an ACCOUNT column (the account STS reports for the role's
                     session), the JSON an "accountId"
  --external-id <id> the external ID the roles' trust policies require
  --json             print a JSON array of {"regionId", "enabled", ...} on stdout, nothing else
  --endpoint <url>   call this endpoint instead of the regional one (https://host[:port],
                     or http:// for a loopback address only); also ${ENV_KEYS.endpoint}
  -h, --help         show this text

Credentials come from the environment, in @pulumi/alicloud's order:
  ${Object.values(CREDENTIAL_ENV.alicloud).join(" / ")},
  ${Object.values(CREDENTIAL_ENV.alibabaCloud).join(" / ")},
  ALICLOUD_ECS_ROLE_NAME, ALICLOUD_PROFILE (with ALICLOUD_SHARED_CREDENTIALS_FILE),
  ALICLOUD_CREDENTIALS_URI, then the rest of the default chain of @alicloud/credentials
  (OIDC, CLI profile, credentials file). ALICLOUD_ASSUME_ROLE_ARN names a role they assume
  first; ALICLOUD_STS_ENDPOINT is the STS host (HTTPS).

Exit status: 0 every region was read; 1 a read failed (the others are still shown) or the
credentials are missing or rejected; 2 usage error.`;

const TOP_USAGE = `Usage: alicloud-ip-pool-service <command> [options]

Commands:
  status   show where the Public IP Address Pool feature is enabled

Run \`alicloud-ip-pool-service status --help\` for its options.`;

class UsageError extends Error {}

interface StatusOptions {
  regions: string[];
  allRegions: boolean;
  json: boolean;
  endpoint?: EndpointOverride;
  roleArns: string[];
  externalId?: string;
}

/** The endpoint from `--endpoint`, else `ALICLOUD_VPC_ENDPOINT`: a bad one is a usage error either way. */
function endpointOption(flag: string | undefined): EndpointOverride | undefined {
  const [raw, source] =
    flag !== undefined ? [flag, "--endpoint"] : [process.env[ENV_KEYS.endpoint], ENV_KEYS.endpoint];
  if (raw === undefined || (flag === undefined && raw === "")) return undefined;
  const endpoint = parseEndpoint(raw, source);
  if (typeof endpoint === "string") throw new UsageError(endpoint);
  return endpoint;
}

function parseStatusArgs(argv: string[]): StatusOptions | "help" {
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
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw new UsageError("--external-id must be 2 to 1224 letters, digits and = , . @ : / - _");
  }
  const endpoint = endpointOption(v.endpoint);
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
    endpoint,
    roleArns,
    externalId,
  };
}

/** The role of `--assume-role`, named by its flags in messages. */
function roleStep(roleArn: string, externalId: string | undefined): RoleStep {
  return {
    value: externalId === undefined ? { roleArn } : { roleArn, externalId },
    source: "--assume-role",
    field: (name) => (name === "externalId" ? "--external-id" : `--assume-role (${name})`),
  };
}

/** Where the command writes, every line scrubbed of the secrets it knows. */
interface Output {
  /** Writes text to stdout. */
  out(text: string): void;
  /** Writes a line to stderr. */
  err(text: string): void;
}

async function status(options: StatusOptions, scrubber: SecretScrubber, io: Output): Promise<number> {
  // Loaded here, not at start: `--help` and usage errors need no SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed below
  const { PoolServiceApi } = require("./poolServiceApi") as typeof import("./poolServiceApi");
  const apiFor = (roleArn?: string) =>
    new PoolServiceApi({
      config: NO_CONFIG,
      env: process.env,
      endpoint: options.endpoint,
      scrubber,
      assumeRole: roleArn === undefined ? undefined : roleStep(roleArn, options.externalId),
      command: true,
    });
  // A named account is labelled with the account STS reports for the role's session, never the
  // ARN's alone; a role that cannot be assumed fails that account's rows, labelled as asked.
  const accounts: StatusAccount[] = await Promise.all(
    options.roleArns.length === 0
      ? [{ api: apiFor() }]
      : options.roleArns.map(async (roleArn) => {
          const api = apiFor(roleArn);
          try {
            return { api, accountId: await api.accountId() };
          } catch (err) {
            if (!(err instanceof PoolServiceError)) throw err;
            return { api, accountId: roleAccount(roleArn), failure: err };
          }
        }),
  );
  const regions = options.allRegions
    ? await accounts[0].api.regions()
    : options.regions.map((regionId) => ({ regionId }));
  const showProgress = process.stderr.isTTY && regions.length * accounts.length > 3;
  const rows = await readStatuses(accounts, regions, (done, total) => {
    if (showProgress) process.stderr.write(`\rreading ${done}/${total} regions...`);
  });
  if (showProgress) process.stderr.write("\r\x1b[K");

  // Missing or rejected credentials (or a role that cannot be assumed) fail every region of an
  // account alike: each is said once. When nothing could be read, there is no table to show.
  const failed = rows.filter((r) => r.error);
  const authSaid = new Set<string | undefined>();
  const messages = failed.flatMap((r) => {
    if (r.error!.kind !== "auth") return [r.error!.message];
    if (authSaid.has(r.accountId)) return [];
    authSaid.add(r.accountId);
    return [r.error!.message];
  });
  if (failed.length === rows.length && failed.every((r) => r.error!.kind === "auth")) {
    for (const message of messages) io.err(message);
    return 1;
  }
  io.out(options.json ? `${JSON.stringify(toJson(rows), null, 2)}\n` : `${formatTable(rows)}\n`);
  for (const message of messages) io.err(`\n${message}`);
  return failed.length > 0 ? 1 : 0;
}

/** Runs the command line; returns the exit status. Nothing it prints holds a secret it knows. */
export async function main(argv: string[]): Promise<number> {
  const scrubber = scrubberFor(NO_CONFIG, process.env);
  const io: Output = {
    out: (text) => process.stdout.write(scrubber.scrub(text)),
    err: (text) => console.error(scrubber.scrub(text)),
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? console.error : console.log)(TOP_USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== "status") {
    io.err(`alicloud-ip-pool-service: unknown command '${command}'\n\n${TOP_USAGE}`);
    return 2;
  }
  let options;
  try {
    options = parseStatusArgs(rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`alicloud-ip-pool-service status: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  try {
    return await status(options, scrubber, io);
  } catch (err) {
    io.err(shownError(err, (text) => scrubber.scrub(text), "alicloud-ip-pool-service status").message);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(shownError(err, (text) => scrubberFor(NO_CONFIG, process.env).scrub(text)).message);
      process.exitCode = 1;
    },
  );
}
