// `alicloud-ip-pool-service status --org`: where the feature is on across the organisation. The
// members come from the resource directory of the credentials' account; each joined member the
// filters choose is read through its role, a bounded number of accounts at once; an account that
// cannot be read is listed with its reason, and the others go on.
import { Semaphore } from "async-mutex";
import type { FaceContext } from "../diagnostics/faceContext";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { listMembers, selectMembers, type DirectoryMember } from "../core/directoryMembers";
import type { PoolServiceApi } from "../core/poolServiceApi";
import { readStatuses, type RegionStatus } from "../core/statusReport";
import { orgJson, orgMatrix, orgSummary, type OrgAccount } from "./orgOutput";
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
  const management = apiFor();
  // The directory first: without it there is nothing to read (exit 1, from the caller).
  const all = await listMembers(management);
  const managementId = await management.accountId();
  const { joined, notJoined } = selectMembers(
    all.filter((m) => m.accountId !== managementId),
    org,
  );
  const regions = options.allRegions
    ? await management.regions()
    : options.regions.map((regionId) => ({ regionId }));
  const targets: Array<{ member?: DirectoryMember; accountId: string; api: PoolServiceApi }> = [
    ...(org.includeManagement ? [{ accountId: managementId, api: management }] : []),
    ...joined.map((member) => ({
      member,
      accountId: member.accountId,
      api: apiFor(memberRole(member.accountId, org.roleName)),
    })),
  ];
  const semaphore = new Semaphore(org.concurrency);
  let done = 0;
  const accounts: OrgAccount[] = await Promise.all(
    targets.map(({ member, accountId, api }) =>
      semaphore.runExclusive(async (): Promise<OrgAccount> => {
        let rows: RegionStatus[];
        try {
          // The account STS reports for the role's session must be the member's: checked, never assumed.
          await api.accountId();
          rows = await readStatuses([{ api, accountId }], regions);
        } catch (err) {
          if (!(err instanceof PoolServiceError)) throw err;
          rows = regions.map((r) => ({ accountId, ...r, error: err }));
        }
        const account = { accountId, member, management: member === undefined, rows };
        const on = rows.filter((r) => r.enabled).length;
        io.err(
          `status: ${++done}/${targets.length} accounts read; ${accountId}${member ? ` (${member.displayName})` : " (management)"}: ` +
            `${on} of ${rows.length} regions on${rows.some((r) => r.error) ? ", some unreadable" : ""}`,
        );
        return account;
      }),
    ),
  );
  accounts.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
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
