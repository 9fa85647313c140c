import { setTimeout as sleep } from "node:timers/promises";
import { accountKey } from "./credentials";
import { LOCAL_CODES } from "./errorCodes";
import type { OpenLocks } from "./openLock";
import { OPERATIONS } from "./operations";
import type { PoolServiceApi } from "./poolServiceApi";
import { PoolServiceError } from "./poolServiceError";
import { CONFIG_KEYS } from "./settings";

/** The state of a region after activation. */
export interface ActivationResult {
  /** Region ID. */
  regionId: string;
  /** Always true: activation ends with the status reporting enabled. */
  enabled: true;
  /** True when the region was already active and no Open call was sent. */
  adopted: boolean;
  /** Request ID of the Open call, when one was sent. */
  requestId?: string;
}

/** How activation waits. */
export interface ActivationOptions {
  /** Longest wait for the status to report enabled after an Open, in milliseconds. */
  activationTimeoutMs: number;
  /** The per-account locks every Open of this provider takes. */
  locks: OpenLocks;
  /** Progress lines for the user. */
  progress?: (line: string) => void;
}

/** First wait between status polls, in milliseconds; it doubles up to {@link MAX_POLL_MS}. */
const FIRST_POLL_MS = 1_000;
/** Longest wait between status polls, in milliseconds. */
const MAX_POLL_MS = 10_000;

/** Polls the status until it reports enabled, or throws an `ActivationTimeout` error. */
async function waitUntilEnabled(
  api: PoolServiceApi,
  regionId: string,
  requestId: string | undefined,
  options: ActivationOptions,
): Promise<void> {
  const started = Date.now();
  let delay = FIRST_POLL_MS;
  for (let poll = 1; ; poll++) {
    if (await api.status(regionId)) return;
    const elapsed = Date.now() - started;
    if (elapsed + delay > options.activationTimeoutMs) {
      const seconds = Math.round(options.activationTimeoutMs / 1000);
      throw new PoolServiceError(
        {
          code: LOCAL_CODES.activationTimeout,
          operation: OPERATIONS.open,
          regionId,
          requestId,
          kind: "transient",
          attempts: poll,
        },
        [
          `${OPERATIONS.open} succeeded in region ${regionId} (request ID ${requestId ?? "unknown"}), but ` +
            `${OPERATIONS.status} still reported the feature disabled after ${seconds}s (${poll} checks).`,
          "Meaning: activation is taking longer than this package waits; it may still complete.",
          "Fix: run `pulumi up` again later (a region that became active is adopted, with no second Open), " +
            `or wait longer with ${CONFIG_KEYS.activationTimeout}.`,
        ].join("\n"),
      );
    }
    options.progress?.(`${regionId}: waiting for activation to show (${Math.round(elapsed / 1000)}s so far)`);
    await sleep(delay);
    delay = Math.min(delay * 2, MAX_POLL_MS);
  }
}

/**
 * Activates the feature in a region: adopts it when already active (no Open); otherwise sends
 * Open with the resource's token, one Open per account at a time, then waits for the status.
 * After an Open failure the status decides: an enabled region is a success.
 */
export async function activateRegion(
  api: PoolServiceApi,
  regionId: string,
  clientToken: string,
  options: ActivationOptions,
): Promise<ActivationResult> {
  if (await api.status(regionId)) return { regionId, enabled: true, adopted: true };
  let requestId: string | undefined;
  try {
    requestId = await options.locks.run(accountKey(api.credentials), () => api.open(regionId, clientToken));
  } catch (err) {
    const enabled = await api.status(regionId).catch(() => false);
    if (!enabled) throw err;
    const failedRequestId = err instanceof PoolServiceError ? err.requestId : undefined;
    return { regionId, enabled: true, adopted: false, requestId: failedRequestId };
  }
  await waitUntilEnabled(api, regionId, requestId, options);
  return { regionId, enabled: true, adopted: false, requestId };
}
