// What `status --org` prints for people: an account x region matrix (the figures and the JSON
// are the core's organisation report).
import type { OrgAccount } from "../core/organizationReport";

/** The marks of a cell of the matrix. */
const MARK = { on: "+", off: ".", unread: "?" } as const;

/** The folders of a member's path: between the root and the account ("/" for the root itself). */
function folderOf(account: OrgAccount): string {
  if (!account.member) return "(management)";
  const parts = account.member.path.split("/");
  return parts.length > 3 ? parts.slice(2, -1).join("/") : "/";
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
