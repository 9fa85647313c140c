import { Semaphore } from "async-mutex";
import { PoolServiceError } from "./poolServiceError";
import type { PoolServiceApi } from "./poolServiceApi";

/** Status reads the `status` command runs at once: every public region (29) in two round trips. */
export const STATUS_CONCURRENCY = 16;

/** One region of a status report. */
export interface RegionStatus {
  /** Region ID. */
  regionId: string;
  /** Localized name, when known (from DescribeRegions). */
  localName?: string;
  /** Whether the feature is active; undefined when the read failed. */
  enabled?: boolean;
  /** Why the read failed. */
  error?: PoolServiceError;
}

/** Reads the status of many regions in parallel (bounded), each with the API's retries. */
export async function readStatuses(
  api: PoolServiceApi,
  regions: ReadonlyArray<{ regionId: string; localName?: string }>,
  onProgress?: (done: number, total: number) => void,
): Promise<RegionStatus[]> {
  const semaphore = new Semaphore(STATUS_CONCURRENCY);
  let done = 0;
  const rows = await Promise.all(
    regions.map((region) =>
      semaphore.runExclusive(async (): Promise<RegionStatus> => {
        try {
          return { ...region, enabled: await api.status(region.regionId) };
        } catch (err) {
          if (!(err instanceof PoolServiceError)) throw err;
          return { ...region, error: err };
        } finally {
          onProgress?.(++done, regions.length);
        }
      }),
    ),
  );
  return rows.sort((a, b) => (a.regionId < b.regionId ? -1 : a.regionId > b.regionId ? 1 : 0));
}

/** The report as a table: one row per region, sorted by region ID. */
export function formatTable(rows: readonly RegionStatus[]): string {
  const withNames = rows.some((r) => r.localName);
  const header = withNames ? ["REGION", "NAME", "ENABLED"] : ["REGION", "ENABLED"];
  const cells = rows.map((r) => {
    const enabled = r.error ? `error: ${r.error.code}` : r.enabled ? "yes" : "no";
    return withNames ? [r.regionId, r.localName ?? "", enabled] : [r.regionId, enabled];
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

/** The report as JSON objects: `{regionId, enabled}` (plus `localName`, and `error` for failed reads). */
export function toJson(rows: readonly RegionStatus[]): Array<Record<string, unknown>> {
  return rows.map((r) => {
    const item: Record<string, unknown> = { regionId: r.regionId, enabled: r.error ? null : r.enabled };
    if (r.localName) item.localName = r.localName;
    if (r.error)
      item.error = { code: r.error.code, requestId: r.error.requestId ?? null, message: r.error.message };
    return item;
  });
}
