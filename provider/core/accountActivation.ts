// The feature across the regions of one account: every region activated as activation.ts does it
// (reads in parallel, Opens one at a time through the account's lock), or read; a region that fails
// does not stop the others, and the failures are reported together, each with its code and fix.
import { carriedError } from "../diagnostics/diagnostic";
import type { FailedOperation } from "../diagnostics/failedOperations";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { activateRegion, type ActivationOptions, type ActivationResult } from "./activation";
import type { PoolServiceApi } from "./poolServiceApi";
import { readStatuses } from "./statusReport";

/** A region to activate, with the idempotency token its Opens carry. */
export interface RegionToActivate {
  /** Region ID. */
  regionId: string;
  /** The region's idempotency token, kept across runs. */
  clientToken: string;
}

/** What became of each region of an account. */
export interface AccountActivation {
  /** The regions now on, each as {@link activateRegion} returned it. */
  activated: ActivationResult[];
  /** The regions that failed, each with its error. */
  failed: PoolServiceError[];
}

/**
 * Activates each region (adopting those already on); one region's failure does not stop the
 * others. Only a failure that is not a `PoolServiceError` (a bug) is thrown.
 */
export async function activateRegions(
  api: PoolServiceApi,
  regions: readonly RegionToActivate[],
  options: ActivationOptions,
): Promise<AccountActivation> {
  const outcomes = await Promise.all(
    regions.map(({ regionId, clientToken }) =>
      activateRegion(api, regionId, clientToken, options).catch((err: unknown) => {
        if (err instanceof PoolServiceError) return err;
        throw err;
      }),
    ),
  );
  return {
    activated: outcomes.filter((o): o is ActivationResult => !(o instanceof PoolServiceError)),
    failed: outcomes.filter((o): o is PoolServiceError => o instanceof PoolServiceError),
  };
}

/**
 * Reads the status of each region, in parallel (bounded); throws {@link regionsFailed} when any
 * read fails, since a partial reading could record a region as off that is on.
 */
export async function readRegions(
  api: PoolServiceApi,
  accountId: string,
  regionIds: readonly string[],
  operation: FailedOperation,
): Promise<Record<string, boolean>> {
  const rows = await readStatuses(
    [{ api }],
    regionIds.map((regionId) => ({ regionId })),
  );
  const failed = rows.flatMap((r) => (r.error ? [r.error] : []));
  if (failed.length > 0) throw regionsFailed(accountId, operation, failed, regionIds.length);
  const enabled: Record<string, boolean> = {};
  for (const row of rows) enabled[row.regionId] = row.enabled === true;
  return enabled;
}

/**
 * The error of an account some of whose regions failed: which ones, then each region's own
 * diagnostic (its code, meaning and fix). Its code is the first failure's.
 */
export function regionsFailed(
  accountId: string,
  operation: FailedOperation,
  failed: readonly PoolServiceError[],
  total: number,
): PoolServiceError {
  const sorted = [...failed].sort((a, b) => ((a.regionId ?? "") < (b.regionId ?? "") ? -1 : 1));
  const list = sorted.map((e) => `${e.regionId ?? "?"} (${e.code})`).join(", ");
  const details = sorted.map((e) => `[${e.regionId ?? "?"}] ${e.message}`).join("\n\n");
  const first = sorted[0]!;
  return carriedError(
    {
      code: first.code,
      operation,
      kind: first.kind,
      origin: first.origin,
      attempts: first.attempts,
      cause: first,
    },
    `Account ${accountId}: ${sorted.length} of ${total} regions failed: ${list}. ` +
      `The other regions are unaffected; run \`pulumi up\` again once each is fixed: regions already on are read, not written.\n\n${details}`,
  );
}
