import { SYSTEM_CLOCK, type Clock } from "./clock";
import { classifyError, isRetryable, type CallFailure } from "./classifyError";

/** How calls are retried: tuning values only (the clock is the caller's). All times in milliseconds. */
export interface RetryPolicy {
  /** Total time for all attempts and waits; no retry starts that would end after it. */
  budgetMs: number;
  /** Most attempts of one call, the first included. */
  maxAttempts: number;
  /** Backoff base for transient failures (5xx, conflicts, network). */
  transientBaseMs: number;
  /** Backoff base for throttling: larger, so a throttled account calms down. */
  throttlingBaseMs: number;
  /** Longest single computed wait (a server's retry-after may ask for more). */
  maxDelayMs: number;
  /** Uniform random number in [0, 1); injectable for tests. */
  random: () => number;
}

/** The default policy: up to 10 attempts within two minutes (the default of the `retryTimeoutSeconds` setting). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  budgetMs: 120_000,
  maxAttempts: 10,
  transientBaseMs: 250,
  throttlingBaseMs: 1_000,
  maxDelayMs: 20_000,
  random: Math.random,
};

/** Why retrying stopped. */
export type RetryStop =
  /** The failure is not retried. */
  | "notRetryable"
  /** The attempt limit was reached. */
  | "attempts"
  /** The next wait would end after the time budget. */
  | "budget"
  /** The server asked to wait (x-acs-retry-after) longer than the budget had left. */
  | "retryAfter";

/** The call failed for good: not retryable, or out of attempts or time. */
export class RetriesFailed extends Error {
  /** Creates the error for the last failure. */
  constructor(
    /** The last failure. */
    readonly failure: CallFailure,
    /** Attempts made, the first included. */
    readonly attempts: number,
    /** Time from the first attempt to giving up, in milliseconds. */
    readonly elapsedMs: number,
    /** Why retrying stopped. */
    readonly stoppedBy: RetryStop,
    /** Time the budget had left when retrying stopped, in milliseconds. */
    readonly budgetLeftMs: number,
  ) {
    super(`${failure.code}: ${failure.serviceMessage}`, { cause: failure.cause });
    this.name = "RetriesFailed";
  }
}

/**
 * The wait before retry number `retry` (1 for the first retry): full jitter over a capped
 * exponential, at least the server's retry-after.
 */
export function backoffDelay(retry: number, failure: CallFailure, policy: RetryPolicy): number {
  const base = failure.kind === "throttling" ? policy.throttlingBaseMs : policy.transientBaseMs;
  const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (retry - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  return Math.max(jittered, failure.retryAfterMs ?? 0);
}

/** Facts about a retry about to happen, for progress output. */
export interface RetryNotice {
  /** The failure being retried. */
  failure: CallFailure;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The wait before the next attempt, in milliseconds. */
  delayMs: number;
}

/** What a caller of {@link withRetries} can add. */
export interface RetryHooks<T> {
  /** Called before each retry, for progress output. */
  onRetry?: (notice: RetryNotice) => void;
  /** Classifies a failed attempt (default {@link classifyError}). */
  classify?: (err: unknown) => CallFailure;
  /**
   * Called after a retryable failure whose outcome is unknown, before anything else is sent: it
   * finds out what became of the attempt. `{ value }` ends the call with that value; undefined
   * retries after what is left of the backoff once the settling took its time, within the attempt
   * limit and the budget.
   */
  settle?: (failure: CallFailure) => Promise<{ value: T } | undefined>;
  /** The clock the attempts and waits keep (default: the system's). */
  clock?: Clock;
}

/**
 * Runs a call, retrying throttling and transient failures with backoff within the policy's
 * budget. Authentication and client failures end at once. Throws {@link RetriesFailed}.
 */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks<T> = {},
): Promise<T> {
  const classify = hooks.classify ?? classifyError;
  const clock = hooks.clock ?? SYSTEM_CLOCK;
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    const attemptStarted = clock.now();
    try {
      return await call(attempt);
    } catch (err) {
      const failure = { ...classify(err), attemptMs: clock.now() - attemptStarted };
      const left = () => policy.budgetMs - (clock.now() - started);
      const stop = (why: RetryStop) =>
        new RetriesFailed(failure, attempt, clock.now() - started, why, Math.max(0, left()));
      if (!isRetryable(failure.kind)) throw stop("notRetryable");
      let delayMs = backoffDelay(attempt, failure, policy);
      if (failure.outcomeUnknown && hooks.settle) {
        const settling = clock.now();
        const settled = await hooks.settle(failure);
        if (settled) return settled.value;
        // The time spent finding out counts towards the backoff.
        delayMs = Math.max(0, delayMs - (clock.now() - settling));
      }
      if (attempt >= policy.maxAttempts) throw stop("attempts");
      if (delayMs > left()) {
        throw stop(
          failure.retryAfterMs !== undefined && failure.retryAfterMs >= delayMs ? "retryAfter" : "budget",
        );
      }
      if (hooks.settle === undefined || !failure.outcomeUnknown)
        hooks.onRetry?.({ failure, attempt, delayMs });
      await clock.sleep(delayMs);
    }
  }
}
