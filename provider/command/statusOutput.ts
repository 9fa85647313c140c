// What `status` prints: a table for people, or JSON for programs.
import type { RegionStatus } from "../core/statusReport";

/** The report as a table: one row per region, in the order given (by account, then region). */
export function formatTable(rows: readonly RegionStatus[]): string {
  const withNames = rows.some((r) => r.localName);
  const withAccounts = rows.some((r) => r.accountId !== undefined);
  const header = [...(withAccounts ? ["ACCOUNT"] : []), "REGION", ...(withNames ? ["NAME"] : []), "ENABLED"];
  const cells = rows.map((r) => {
    const enabled = r.error ? `error: ${r.error.code}` : r.enabled ? "yes" : "no";
    return [
      ...(withAccounts ? [r.accountId ?? ""] : []),
      r.regionId,
      ...(withNames ? [r.localName ?? ""] : []),
      enabled,
    ];
  });
  const all = [header, ...cells];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The report as JSON objects: `{regionId, enabled}` (plus `accountId` for named accounts,
 * `localName`, and `error` for failed reads).
 */
export function toJson(rows: readonly RegionStatus[]): Array<Record<string, unknown>> {
  return rows.map((r) => {
    const item: Record<string, unknown> = r.accountId === undefined ? {} : { accountId: r.accountId };
    item.regionId = r.regionId;
    item.enabled = r.error ? null : r.enabled;
    if (r.localName) item.localName = r.localName;
    if (r.error)
      item.error = { code: r.error.code, requestId: r.error.requestId ?? null, message: r.error.message };
    return item;
  });
}
