import { setTimeout as sleep } from "node:timers/promises";
import { classifyError, isRetryable, type CallFailure } from "./classifyError";

/** How calls are retried. All times in milliseconds. */
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
  /** Waits; injectable so tests do not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Uniform random number in [0, 1); injectable for tests. */
  random: () => number;
  /** Clock, epoch milliseconds; injectable for tests. */
  now: () => number;
}

/** The default policy: up to 10 attempts within 2 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  budgetMs: 120_000,
  maxAttempts: 10,
  transientBaseMs: 250,
  throttlingBaseMs: 1_000,
  maxDelayMs: 20_000,
  sleep: (ms) => sleep(ms).then(() => undefined),
  random: Math.random,
  now: Date.now,
};

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
    /** True when the failure was retryable and attempts or time ran out. */
    readonly exhausted: boolean,
  ) {
    super(`${failure.code}: ${failure.serviceMessage}`);
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

/**
 * Runs a call, retrying throttling and transient failures with backoff within the policy's
 * budget. Authentication and client failures end at once. Throws {@link RetriesFailed}.
 */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  const started = policy.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      const failure = classifyError(err);
      const elapsed = policy.now() - started;
      if (!isRetryable(failure.kind)) throw new RetriesFailed(failure, attempt, elapsed, false);
      const delayMs = backoffDelay(attempt, failure, policy);
      if (attempt >= policy.maxAttempts || elapsed + delayMs > policy.budgetMs) {
        throw new RetriesFailed(failure, attempt, elapsed, true);
      }
      onRetry?.({ failure, attempt, delayMs });
      await policy.sleep(delayMs);
    }
  }
}
