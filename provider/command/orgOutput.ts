// What `status --org` prints: an account x region matrix and a summary line for people, or JSON
// with every cell, each account's name and folder, for programs.
import type { DirectoryMember } from "../core/directoryMembers";
import type { RegionStatus } from "../core/statusReport";

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

/** The marks of a cell of the matrix. */
const MARK = { on: "+", off: ".", unread: "?" } as const;

/** The folders of a member's path: between the root and the account ("/" for the root itself). */
function folderOf(account: OrgAccount): string {
  if (!account.member) return "(management)";
  const parts = account.member.path.split("/");
  return parts.length > 3 ? parts.slice(2, -1).join("/") : "/";
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

/** The matrix: a legend of the region columns, then one row per account: + on, . off, ? unreadable. */
export function orgMatrix(
  accounts: readonly OrgAccount[],
  regions: ReadonlyArray<{ regionId: string }>,
): string {
  const legend = regions.map((r, i) => `${i + 1}=${r.regionId}`).join(" ");
  const header = ["ACCOUNT", "NAME", "FOLDER", regions.map((_, i) => String((i + 1) % 10)).join(" "), "ON"];
  const rows = accounts.map((a) => {
    const byRegion = new Map(a.rows.map((r) => [r.regionId, r]));
    const marks = regions.map((r) => {
      const row = byRegion.get(r.regionId);
      return !row || row.error ? MARK.unread : row.enabled ? MARK.on : MARK.off;
    });
    const on = a.rows.filter((r) => r.enabled === true).length;
    return [
      a.accountId,
      a.member?.displayName ?? "",
      folderOf(a),
      marks.join(" "),
      `${on}/${regions.length}`,
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const table = all.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
  return [
    `Regions: ${legend}`,
    `Cells: ${MARK.on} on, ${MARK.off} off, ${MARK.unread} unreadable`,
    "",
    ...table,
  ].join("\n");
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
