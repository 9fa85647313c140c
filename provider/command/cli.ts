#!/usr/bin/env node
// `alicloud-ip-pool-service status`: where is the Public IP Address Pool feature on, and where not?
import { shownError } from "../diagnostics/diagnostic";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { faceContext, type FaceContext } from "../diagnostics/faceContext";
import { scrubberFor } from "../diagnostics/secretScrubber";
import { NO_CONFIG } from "../config/configSource";
import { roleAccount } from "../config/roles";
import { readStatuses, type StatusAccount } from "../core/statusReport";
import {
  COMMAND_CONFIG,
  parseStatusArgs,
  roleStep,
  TOP_USAGE,
  USAGE,
  UsageError,
  type StatusOptions,
} from "./statusArgs";
import { formatTable, toJson } from "./statusOutput";
import { orgStatus } from "./orgStatus";
import { commandCalls, type Output } from "./commandCalls";

async function status(options: StatusOptions, context: FaceContext, io: Output): Promise<number> {
  const calls = commandCalls(options, context);
  const apiFor = (roleArn?: string) =>
    calls(roleArn === undefined ? undefined : roleStep(roleArn, options.externalId));
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
  // The command's face: its terms, and one scrubber for all it prints. Progress lines of retries are not shown.
  const context = faceContext(COMMAND_CONFIG.terms, { scrubber: scrubberFor(NO_CONFIG, process.env) });
  const { scrubber } = context;
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
    if (options.org) return await orgStatus({ ...options, org: options.org }, context, io);
    return await status(options, context, io);
  } catch (err) {
    io.err(shownError(err, (text) => scrubber.scrub(text), LOCAL_OPERATIONS.statusCommand).message);
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
