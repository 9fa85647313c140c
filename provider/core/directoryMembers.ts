// The members of a resource directory: read from Resource Manager's ListAccounts a page at a time
// (bounded), each checked before anything is built from it, then chosen by the user's filters.
// Only joined members are read; the others are listed with their status.
import { accountIdProblem } from "../config/roles";
import { carriedError } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { DIRECTORY_OPERATIONS } from "../transport/operations";
import type { PoolServiceApi } from "./poolServiceApi";

/** The statuses of a member that has joined the directory. */
export const JOINED_STATUSES: readonly string[] = ["CreateSuccess", "InviteSuccess", "PromoteSuccess"];

/** The most members a page of ListAccounts holds. */
const PAGE_SIZE = 100;

/** The most members read: a TotalCount above it is not believed (every page is a call, so the pages are bounded). */
const MAX_MEMBERS = 100_000;

/** A member of the directory, as ListAccounts describes it. */
export interface DirectoryMember {
  /** Its account ID. */
  accountId: string;
  /** Its display name. */
  displayName: string;
  /** The folder it is in. */
  folderId: string;
  /** Its path in the directory: the directory, the root, its folders, the account. */
  path: string;
  /** Its status (`CreateSuccess`, `PromoteVerifying`, …). */
  status: string;
  /** `ResourceAccount` or `CloudAccount`. */
  type: string;
  /** `created` or `invited`. */
  joinMethod: string;
  /** Its tags. */
  tags: Record<string, string>;
}

/** Which members to read: a folder (its sub-folders count), tags they all carry, accounts left out. */
export interface MemberFilter {
  /** A folder ID: members whose path runs through it. */
  folderId?: string;
  /** Tags a member must carry, each with this value. */
  tags?: Readonly<Record<string, string>>;
  /** Account IDs to leave out. */
  exclude?: readonly string[];
}

/** A member as ListAccounts gave it, or the problem that makes it unusable. */
function memberOf(raw: unknown): DirectoryMember | string {
  const a = (raw ?? {}) as Record<string, unknown>;
  const problem = accountIdProblem(a.accountId, "a member's AccountId");
  if (problem) return problem;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const tags: Record<string, string> = {};
  const list = (a.tags as { tag?: unknown } | undefined)?.tag;
  for (const tag of Array.isArray(list) ? list : []) {
    const { key, value } = (tag ?? {}) as Record<string, unknown>;
    if (typeof key === "string") tags[key] = text(value);
  }
  return {
    accountId: a.accountId as string,
    displayName: text(a.displayName),
    folderId: text(a.folderId),
    path: text(a.resourceDirectoryPath),
    status: text(a.status),
    type: text(a.type),
    joinMethod: text(a.joinMethod),
    tags,
  };
}

/** The error of a ListAccounts reply nothing is read from. */
function unusable(what: string) {
  return carriedError(
    {
      code: LOCAL_CODES.unexpectedResponse,
      operation: DIRECTORY_OPERATIONS.listAccounts,
      origin: "transport",
    },
    `${DIRECTORY_OPERATIONS.listAccounts} answered with ${what}. Nothing was read.`,
  );
}

/**
 * Every member of the directory of the API's credentials, in the order ListAccounts gives them:
 * pages of 100, no more pages than the first page's TotalCount calls for. A member whose account
 * ID is not one is refused, naming it: nothing is read from a directory that cannot be trusted.
 */
export async function listMembers(api: Pick<PoolServiceApi, "membersPage">): Promise<DirectoryMember[]> {
  const members: DirectoryMember[] = [];
  const seen = new Set<string>();
  let pages = 1;
  for (let page = 1; page <= pages; page++) {
    const { accounts, totalCount } = await api.membersPage(page, PAGE_SIZE);
    if (page === 1) {
      if (totalCount > MAX_MEMBERS)
        throw unusable(`a TotalCount of ${totalCount}, more members than ${MAX_MEMBERS}`);
      pages = Math.ceil(totalCount / PAGE_SIZE);
    }
    for (const raw of accounts) {
      const member = memberOf(raw);
      if (typeof member === "string") throw unusable(`a member that cannot be used: ${member}`);
      // A member a later page gives again is read once.
      if (!seen.has(member.accountId)) members.push(member);
      seen.add(member.accountId);
    }
    if (accounts.length === 0) break;
  }
  return members;
}

/** The members a filter chooses, split into the joined ones (to read) and the others (listed with their status). */
export function selectMembers(
  all: readonly DirectoryMember[],
  filter: MemberFilter,
): { joined: DirectoryMember[]; notJoined: DirectoryMember[] } {
  const chosen = all.filter(
    (m) =>
      (filter.folderId === undefined || m.path.split("/").includes(filter.folderId)) &&
      Object.entries(filter.tags ?? {}).every(([key, value]) => m.tags[key] === value) &&
      !(filter.exclude ?? []).includes(m.accountId),
  );
  return {
    joined: chosen.filter((m) => JOINED_STATUSES.includes(m.status)),
    notJoined: chosen.filter((m) => !JOINED_STATUSES.includes(m.status)),
  };
}
