#!/usr/bin/env node
// `alicloud-ip-pool-service status`: where is the Public IP Address Pool feature on, and where not?
import { parseArgs } from "node:util";
import { AlibabaCloudError } from "./alibabaCloudError";
import { parseEndpoint } from "./endpoint";
import { regionIdProblem } from "./regionId";
import { CONFIG_KEYS, defaultRegion, NO_CONFIG, type ConfigSource } from "./settings";
import { formatTable, readStatuses, toJson } from "./statusReport";

const USAGE = `Usage: alicloud-ip-pool-service status [options]

Shows, without changing anything, whether Alibaba Cloud's Public IP Address Pool feature is
enabled in each region: one row per region, sorted by region ID.

Options:
  --region <id>      a region to read; repeat it, or separate IDs with commas
                     (default: ALIBABA_CLOUD_REGION or ALICLOUD_REGION)
  --all-regions      every region the VPC API lists (DescribeRegions)
  --json             print a JSON array of {"regionId", "enabled", ...} on stdout, nothing else
  --endpoint <url>   call this endpoint instead of the regional one (https://host[:port],
                     or http:// for a loopback address only); also ALICLOUD_VPC_ENDPOINT
  -h, --help         show this text

Credentials come from the environment: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN,
ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY / ALICLOUD_SECURITY_TOKEN, then the default chain of
@alicloud/credentials (CLI profile, credentials file, OIDC, ECS RAM role).

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
  endpoint?: string;
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
    const problem = regionIdProblem(r);
    if (problem) throw new UsageError(`--region: ${problem.replace(/^regionId/, "the region")}`);
  }
  if (v.endpoint !== undefined) {
    const endpoint = parseEndpoint(v.endpoint, "--endpoint");
    if (typeof endpoint === "string") throw new UsageError(endpoint);
  }
  if (!v["all-regions"] && regions.length === 0) {
    const fallback = defaultRegion(NO_CONFIG, process.env);
    if (!fallback) throw new UsageError("give --region <id> (or --all-regions), or set ALIBABA_CLOUD_REGION");
    regions.push(fallback);
  }
  return {
    regions: [...new Set(regions)],
    allRegions: v["all-regions"] === true,
    json: v.json === true,
    endpoint: v.endpoint,
  };
}

async function status(options: StatusOptions): Promise<number> {
  // Loaded here, not at start: `--help` and usage errors need no SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed below
  const { PoolServiceApi } = require("./poolServiceApi") as typeof import("./poolServiceApi");
  const config: ConfigSource = {
    get: (key) => (key === CONFIG_KEYS.endpoint ? options.endpoint : undefined),
  };
  const api = new PoolServiceApi({ config, env: process.env });
  const regions = options.allRegions
    ? await api.regions()
    : options.regions.map((regionId) => ({ regionId }));
  const showProgress = process.stderr.isTTY && regions.length > 3;
  const rows = await readStatuses(api, regions, (done, total) => {
    if (showProgress) process.stderr.write(`\rreading ${done}/${total} regions...`);
  });
  if (showProgress) process.stderr.write("\r\x1b[K");

  // Missing or rejected credentials fail every region alike: say it once.
  const auth = rows.find((r) => r.error?.kind === "auth");
  if (auth?.error) {
    console.error(auth.error.message);
    return 1;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(toJson(rows), null, 2)}\n`);
  } else {
    process.stdout.write(`${formatTable(rows)}\n`);
  }
  const failed = rows.filter((r) => r.error);
  for (const r of failed) console.error(`\n${r.error!.message}`);
  return failed.length > 0 ? 1 : 0;
}

/** Runs the command line; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? console.error : console.log)(TOP_USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== "status") {
    console.error(`alicloud-ip-pool-service: unknown command '${command}'\n\n${TOP_USAGE}`);
    return 2;
  }
  let options;
  try {
    options = parseStatusArgs(rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`alicloud-ip-pool-service status: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  try {
    return await status(options);
  } catch (err) {
    if (err instanceof AlibabaCloudError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
