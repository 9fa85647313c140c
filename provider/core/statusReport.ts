import { Semaphore } from "async-mutex";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import type { PoolServiceApi } from "./poolServiceApi";

/** Status reads the `status` command runs at once: every public region (29) in two round trips. */
export const STATUS_CONCURRENCY = 16;

/** One region of a status report. */
export interface RegionStatus {
  /** The account read, when the report covers named accounts (`--assume-role`). */
  accountId?: string;
  /** Region ID. */
  regionId: string;
  /** Localized name, when known (from DescribeRegions). */
  localName?: string;
  /** Whether the feature is active; undefined when the read failed. */
  enabled?: boolean;
  /** Why the read failed. */
  error?: PoolServiceError;
}

/** An account to read: the API acting in it, and its ID when the report names accounts. */
export interface StatusAccount {
  /** The API, acting in the account. */
  api: PoolServiceApi;
  /** The account ID, shown in the report. */
  accountId?: string;
  /** Why the account cannot be read at all (its role could not be assumed): each of its rows says so. */
  failure?: PoolServiceError;
}

/**
 * Reads the status of many regions in each account, in parallel (bounded across all accounts),
 * each with the API's retries. Rows are sorted by account, then region.
 */
export async function readStatuses(
  accounts: readonly StatusAccount[],
  regions: ReadonlyArray<{ regionId: string; localName?: string }>,
  onProgress?: (done: number, total: number) => void,
): Promise<RegionStatus[]> {
  const semaphore = new Semaphore(STATUS_CONCURRENCY);
  const total = accounts.length * regions.length;
  let done = 0;
  const rows = await Promise.all(
    accounts.flatMap(({ api, accountId, failure }) =>
      regions.map((region) =>
        semaphore.runExclusive(async (): Promise<RegionStatus> => {
          const row = accountId === undefined ? { ...region } : { accountId, ...region };
          if (failure) {
            onProgress?.(++done, total);
            return { ...row, error: failure };
          }
          try {
            return { ...row, enabled: await api.status(region.regionId) };
          } catch (err) {
            if (!(err instanceof PoolServiceError)) throw err;
            return { ...row, error: err };
          } finally {
            onProgress?.(++done, total);
          }
        }),
      ),
    ),
  );
  const order = (r: RegionStatus) => `${r.accountId ?? ""}\u0000${r.regionId}`;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
