// `alicloud-ip-pool-service status --org`: where the feature is on across the organisation. The
// members come from the resource directory of the credentials' account; each joined member the
// filters choose is read through its role, a bounded number of accounts at once; an account that
// cannot be read is listed with its reason, and the others go on.
import type { FaceContext } from "../diagnostics/faceContext";
import { readOrganization } from "../core/organizationReading";
import { orgJson, orgSummary } from "../core/organizationReport";
import { orgMatrix } from "./orgOutput";
import { commandCalls, type Output } from "./commandCalls";
import { memberRole, type OrgOptions, type StatusOptions } from "./statusArgs";

/** The exit status of `status --org`: all on, some off, some unreadable. */
export const ORG_EXIT = { allOn: 0, someOff: 3, someUnreadable: 4 } as const;

/** Reads the organisation and prints its matrix (or JSON) and summary; returns the exit status. */
export async function orgStatus(
  options: StatusOptions & { org: OrgOptions },
  context: FaceContext,
  io: Output,
): Promise<number> {
  const apiFor = commandCalls(options, context);
  const { org } = options;
  const { accounts, notJoined, regions } = await readOrganization(apiFor(), {
    filter: org,
    includeManagement: org.includeManagement,
    regionIds: options.allRegions ? undefined : options.regions,
    concurrency: org.concurrency,
    memberApi: (accountId) => apiFor(memberRole(accountId, org.roleName)),
    onAccount: (account, done, total) => {
      const on = account.rows.filter((r) => r.enabled).length;
      io.err(
        `status: ${done}/${total} accounts read; ${account.accountId}${account.member ? ` (${account.member.displayName})` : " (management)"}: ` +
          `${on} of ${account.rows.length} regions on${account.rows.some((r) => r.error) ? ", some unreadable" : ""}`,
      );
    },
  });
  const summary = orgSummary(accounts, notJoined);
  io.out(
    options.json
      ? `${JSON.stringify(orgJson(accounts, notJoined, summary), null, 2)}\n`
      : `${orgMatrix(accounts, regions)}\n\n${summary.line}\n`,
  );
  // Each unreadable account's reason, once: the first failed read of it says why.
  for (const account of accounts) {
    const failed = account.rows.find((r) => r.error);
    if (failed) io.err(`\n${account.accountId}: ${failed.error!.message}`);
  }
  if (summary.unreadableAccounts > 0) return ORG_EXIT.someUnreadable;
  return summary.regionsOn === summary.regions ? ORG_EXIT.allOn : ORG_EXIT.someOff;
}
