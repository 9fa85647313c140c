// The organisation read: the members from the directory of the management account's credentials,
// each joined member the filters choose read through its role, a bounded number of accounts at
// once; an account that cannot be read keeps its reason in its rows, and the others go on.
import { Semaphore } from "async-mutex";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { listMembers, selectMembers, type DirectoryMember, type MemberFilter } from "./directoryMembers";
import type { OrgAccount } from "./organizationReport";
import type { PoolServiceApi } from "./poolServiceApi";
import { readStatuses, type RegionStatus } from "./statusReport";

/** Accounts read at once unless told. */
export const ORG_CONCURRENCY = 4;

/** What to read of the organisation. */
export interface OrganizationRead {
  /** Which members. */
  filter: MemberFilter;
  /** Whether the management account (the credentials' own) is read too. */
  includeManagement: boolean;
  /** The regions to read: named, or every region the management account's DescribeRegions lists. */
  regionIds?: readonly string[];
  /** Regions left out. */
  excludeRegionIds?: readonly string[];
  /** Accounts read at once. */
  concurrency: number;
  /** The API acting in a member, through its role. */
  memberApi(accountId: string): PoolServiceApi;
  /** Called as each account is read. */
  onAccount?(account: OrgAccount, done: number, total: number): void;
}

/** The organisation as read: every account (sorted), the members left out, and the regions read. */
export interface Organization {
  accounts: OrgAccount[];
  notJoined: DirectoryMember[];
  regions: Array<{ regionId: string; localName?: string }>;
}

/** Reads the organisation of `management`'s directory; throws only when the directory cannot be read. */
export async function readOrganization(
  management: PoolServiceApi,
  read: OrganizationRead,
): Promise<Organization> {
  // The directory first: without it there is nothing to read.
  const all = await listMembers(management);
  const managementId = await management.accountId();
  const { joined, notJoined } = selectMembers(
    all.filter((m) => m.accountId !== managementId),
    read.filter,
  );
  const left = new Set(read.excludeRegionIds);
  const regions = (
    read.regionIds === undefined
      ? await management.regions()
      : read.regionIds.map((regionId) => ({ regionId }))
  ).filter((r) => !left.has(r.regionId));
  const targets: Array<{ member?: DirectoryMember; accountId: string; api: PoolServiceApi }> = [
    ...(read.includeManagement ? [{ accountId: managementId, api: management }] : []),
    ...joined.map((member) => ({
      member,
      accountId: member.accountId,
      api: read.memberApi(member.accountId),
    })),
  ];
  const semaphore = new Semaphore(read.concurrency);
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
        read.onAccount?.(account, ++done, targets.length);
        return account;
      }),
    ),
  );
  accounts.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  return { accounts, notJoined, regions };
}
