// The organisation as read: each account's regions, the figures and the summary line, and the
// same as plain data (every cell, each account's name and folder) for programs and `--json`.
import type { DirectoryMember } from "./directoryMembers";
import type { RegionStatus } from "./statusReport";

/** One account of the organisation as read: the member (none for the management account) and its rows. */
export interface OrgAccount {
  /** The account ID. */
  accountId: string;
  /** The member, as the directory describes it; undefined for the management account. */
  member?: DirectoryMember;
  /** Whether it is the management account (the credentials' own). */
  management: boolean;
  /** One row per region, in the order of the regions read. */
  rows: RegionStatus[];
}

/** The organisation in figures. */
export interface OrgSummary {
  /** Accounts read. */
  accounts: number;
  /** Accounts every region of which is on. */
  accountsFullyOn: number;
  /** Accounts that could not be read in full. */
  unreadableAccounts: number;
  /** Cells (account x region) read. */
  regions: number;
  /** Cells on. */
  regionsOn: number;
  /** Members left out because they have not joined, with their status. */
  notJoined: number;
  /** The summary line. */
  line: string;
}

/** Counts the organisation, and says it in one line. */
export function orgSummary(
  accounts: readonly OrgAccount[],
  notJoined: readonly DirectoryMember[],
): OrgSummary {
  const cells = accounts.flatMap((a) => a.rows);
  const unreadableAccounts = accounts.filter((a) => a.rows.some((r) => r.error)).length;
  const accountsFullyOn = accounts.filter((a) => a.rows.every((r) => r.enabled === true)).length;
  const regionsOn = cells.filter((r) => r.enabled === true).length;
  const n = (value: number) => value.toLocaleString("en-US");
  const line =
    `${n(accountsFullyOn)} of ${n(accounts.length)} accounts fully on; ${n(regionsOn)} of ${n(cells.length)} regions on; ` +
    `${n(unreadableAccounts)} account${unreadableAccounts === 1 ? "" : "s"} unreadable` +
    (notJoined.length > 0
      ? `; ${n(notJoined.length)} not joined, left out: ${notJoined.map((m) => `${m.accountId} (${m.status})`).join(", ")}`
      : "");
  return {
    accounts: accounts.length,
    accountsFullyOn,
    unreadableAccounts,
    regions: cells.length,
    regionsOn,
    notJoined: notJoined.length,
    line,
  };
}

/** The organisation as JSON: the summary, every account with its name, folder and cells, and the members left out. */
export function orgJson(
  accounts: readonly OrgAccount[],
  notJoined: readonly DirectoryMember[],
  summary: OrgSummary,
): Record<string, unknown> {
  const { line: _line, ...figures } = summary;
  return {
    summary: figures,
    accounts: accounts.map((a) => ({
      accountId: a.accountId,
      displayName: a.member?.displayName ?? null,
      folderId: a.member?.folderId ?? null,
      path: a.member?.path ?? null,
      management: a.management,
      regions: Object.fromEntries(a.rows.map((r) => [r.regionId, r.error ? null : (r.enabled ?? null)])),
      errors: a.rows
        .filter((r) => r.error)
        .map((r) => ({ regionId: r.regionId, code: r.error!.code, message: r.error!.message })),
    })),
    notJoined: notJoined.map((m) => ({
      accountId: m.accountId,
      displayName: m.displayName,
      status: m.status,
    })),
  };
}
