import { type Clock } from "../transport/clock";
import type { CallFailure } from "../transport/classifyError";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { LockWaitExceeded, type OpenLocks } from "./openLock";
import { seconds } from "../diagnostics/diagnosticContext";
import { OPERATIONS } from "../transport/operations";
import type { PoolServiceApi } from "./poolServiceApi";
import { carriedError, diagnosticError } from "../diagnostics/diagnostic";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";

/** The state of a region after activation. */
export interface ActivationResult {
  /** Region ID. */
  regionId: string;
  /** Always true: activation ends with the status reporting enabled. */
  enabled: true;
  /** True when the region was already active and no Open call was sent. */
  adopted: boolean;
  /** Request ID of the Open call, when one was sent and answered. */
  requestId?: string;
  /** The account the feature was activated (or found active) in. */
  accountId: string;
}

/** How activation waits. */
export interface ActivationOptions {
  /** Longest wait for the status to report enabled after an Open, in milliseconds. */
  activationTimeoutMs: number;
  /** The per-account locks every Open of this provider takes. */
  locks: OpenLocks;
  /** Progress lines for the user. */
  progress?: (line: string) => void;
  /** The clock (default: the API client's, the one its retries keep). */
  clock?: Clock;
}

/**
 * The longest the status is read after an Open that got no answer (a timeout, a dropped
 * connection), in milliseconds, before the Open is sent again with the same idempotency token
 * (which makes a second activation impossible). Such an Open may still be in flight, for about as
 * long again as it took to fail: the window is that long, at least {@link MIN_SETTLE_MS} and at
 * most this. The account's other Opens wait meanwhile, so it is short, and its reads are retried
 * only within it. An Open that got a 5xx answer is no longer in flight: the status is read once
 * (one attempt), and the Open is sent again after the usual backoff.
 */
export const OUTCOME_SETTLE_MS = 5_000;

/** The shortest settle window after an Open that got no answer, in milliseconds. */
const MIN_SETTLE_MS = 1_000;

/**
 * The settle window after an Open whose outcome is unknown, in milliseconds: 0 (one status read)
 * when it got an answer (a 5xx); else as long as the Open took to fail, within
 * [{@link MIN_SETTLE_MS}, {@link OUTCOME_SETTLE_MS}] ({@link OUTCOME_SETTLE_MS} when that is not
 * known), and never past the activation wait.
 */
export function settleWindowMs(
  failure: Pick<CallFailure, "statusCode" | "attemptMs">,
  activationTimeoutMs: number,
): number {
  if (failure.statusCode !== undefined) return 0;
  const inFlightMs = Math.min(
    OUTCOME_SETTLE_MS,
    Math.max(MIN_SETTLE_MS, failure.attemptMs ?? OUTCOME_SETTLE_MS),
  );
  return Math.min(inFlightMs, activationTimeoutMs);
}

/** First wait between status polls, in milliseconds; it doubles up to {@link MAX_POLL_MS}. */
const FIRST_POLL_MS = 1_000;
/** Longest wait between status polls, in milliseconds. */
const MAX_POLL_MS = 10_000;

/** How a wait for the status ended. */
interface Poll {
  /** Whether the status reported the feature enabled. */
  enabled: boolean;
  /** Status reads made. */
  checks: number;
  /** Time from the first read to the last, in milliseconds. */
  waitedMs: number;
}

/**
 * Reads the status until it reports enabled or the wait has passed: the last read is made when
 * the wait ends (within one read), not before it. While `settling`, each read retries only within
 * what is left of the window, and a read that fails counts as "not yet enabled": the Open it asks
 * about is sent again with its idempotency token anyway.
 */
async function pollUntilEnabled(
  api: PoolServiceApi,
  regionId: string,
  options: ActivationOptions & { clock: Clock },
  waitingFor: string,
  windowMs: number,
  settling = false,
): Promise<Poll> {
  const { clock } = options;
  const started = clock.now();
  const read = settling
    ? () => api.status(regionId, Math.max(0, windowMs - (clock.now() - started))).catch(() => false)
    : () => api.status(regionId);
  let delay = FIRST_POLL_MS;
  for (let checks = 1; ; checks++) {
    const enabled = await read();
    const waitedMs = clock.now() - started;
    if (enabled) return { enabled, checks, waitedMs };
    const left = windowMs - waitedMs;
    if (left <= 0) return { enabled, checks, waitedMs };
    options.progress?.(`${regionId}: ${waitingFor} (${Math.round(waitedMs / 1000)}s so far)`);
    await clock.sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, MAX_POLL_MS);
  }
}

/** The error of an Open never sent: another process held the account for the whole activation wait. */
function accountBusy(
  regionId: string,
  accountId: string,
  err: LockWaitExceeded,
  terms: SettingTerms,
): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.accountBusy,
    operation: OPERATIONS.open,
    regionId,
    kind: "transient",
    cause: err,
    what: `${OPERATIONS.open} was not sent in region ${regionId}: ${LOCAL_CODES.accountBusy}.`,
    meaning: `${err.message}, as long as this package waits for an activation; Opens of one account are never sent at once.`,
    fix: `run \`pulumi up\` again once the other operation on account ${accountId} has finished, or wait longer with ${terms.name(SETTINGS.activationTimeoutSeconds.key)}.`,
  });
}

/**
 * Activates the feature in a region: adopts it when already active (no Open); otherwise sends
 * Open with the resource's token, one Open per account at a time, then waits for the status (the
 * activation wait, outside the account's lock). After an Open whose outcome is unknown (no answer,
 * a lost reply, a 5xx) the account's lock is kept while the status is read (for
 * {@link OUTCOME_SETTLE_MS} when no answer came, once after a 5xx); then the Open is sent again with
 * the same token, within the retry budget. After any Open failure the status decides: an enabled region is a success.
 */
export async function activateRegion(
  api: PoolServiceApi,
  regionId: string,
  clientToken: string,
  activation: ActivationOptions,
): Promise<ActivationResult> {
  const options = { ...activation, clock: activation.clock ?? api.context.clock };
  // The account decides the lock. It is found after the first read, so that a failure of the
  // credentials is always the VPC API's diagnostic; it is asked of STS at most once per provider.
  const active = await api.status(regionId);
  const accountId = await api.accountId();
  if (active) return { regionId, enabled: true, adopted: true, accountId };
  // The status reads of each settle window the Open's retries opened, in order: the last one
  // decides below, after the Open has returned or failed.
  const settlements: Poll[] = [];
  const settle = async (failure: CallFailure): Promise<boolean> => {
    const windowMs = settleWindowMs(failure, options.activationTimeoutMs);
    options.progress?.(
      failure.statusCode !== undefined
        ? `${regionId}: ${OPERATIONS.open} got ${failure.code} (HTTP ${failure.statusCode}); reading the status once ` +
            "before sending it again with the same idempotency token"
        : `${regionId}: ${OPERATIONS.open} got no answer (${failure.code}); reading the status for up to ` +
            `${seconds(windowMs)} before sending it again with the same idempotency token`,
    );
    const reads = await pollUntilEnabled(
      api,
      regionId,
      options,
      "waiting for the status to show whether the Open took effect",
      windowMs,
      true,
    );
    settlements.push(reads);
    return reads.enabled;
  };
  let requestId: string | undefined;
  const lastSettlement = () => settlements.at(-1);
  try {
    requestId = await options.locks.run(
      accountId,
      () => api.open(regionId, clientToken, settle),
      options.activationTimeoutMs,
      options.clock,
    );
  } catch (err) {
    if (err instanceof LockWaitExceeded) throw accountBusy(regionId, accountId, err, api.context.terms);
    const enabled = await api.status(regionId).catch(() => false);
    if (enabled) {
      const failedRequestId = err instanceof PoolServiceError ? err.requestId : undefined;
      return { regionId, enabled: true, adopted: false, requestId: failedRequestId, accountId };
    }
    const settled = lastSettlement();
    if (settled && err instanceof PoolServiceError) {
      throw carriedError(
        err,
        `${err.message}\nAfter it, ${OPERATIONS.status} still reported the feature disabled for ${seconds(settled.waitedMs)} ` +
          `(${settled.checks} checks). Run \`pulumi up\` again: it retries with the same idempotency token, so the region is never activated twice.`,
      );
    }
    throw err;
  }
  if (lastSettlement()?.enabled) return { regionId, enabled: true, adopted: false, accountId };
  const poll = await pollUntilEnabled(
    api,
    regionId,
    options,
    "waiting for activation to show",
    options.activationTimeoutMs,
  );
  if (!poll.enabled) {
    throw diagnosticError({
      code: LOCAL_CODES.activationTimeout,
      operation: OPERATIONS.open,
      regionId,
      requestId,
      kind: "transient",
      origin: "service",
      attempts: poll.checks,
      what:
        `${OPERATIONS.open} succeeded in region ${regionId} (request ID ${requestId ?? "unknown"}), but ` +
        `${OPERATIONS.status} still reported the feature disabled after ${seconds(poll.waitedMs)} (${poll.checks} checks).`,
      meaning: "activation is taking longer than this package waits; it may still complete.",
      fix:
        "run `pulumi up` again later (a region that became active is adopted, with no second Open), " +
        `or wait longer with ${api.context.terms.name(SETTINGS.activationTimeoutSeconds.key)}.`,
    });
  }
  return { regionId, enabled: true, adopted: false, requestId, accountId };
}
