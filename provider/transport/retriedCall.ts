import { classifyError, type CallFailure } from "./classifyError";
import { newExchange, observeExchange, type HttpExchange } from "./httpExchange";
import type { Clock } from "./clock";
import { withRetries, type RetryNotice, type RetryPolicy } from "./retry";

/** What {@link retriedCall} can add to the retries. */
export interface RetriedCallHooks {
  /** Called before each retry, for progress output. */
  onRetry?: (notice: RetryNotice) => void;
  /**
   * After a retryable failure whose outcome is unknown, finds out what became of the attempt
   * before anything else is sent: true ends the call with no body, false sends it again.
   */
  settle?: (failure: CallFailure) => Promise<boolean>;
  /** The clock the attempts and waits keep (default: the system's). */
  clock?: Clock;
}

/**
 * One call of an official client, each attempt observed on the wire ({@link observeExchange}) and
 * classified with what it received, retried by `policy`. Resolves to the reply's body and the last
 * attempt's exchange; throws `RetriesFailed`.
 */
export async function retriedCall<B>(
  send: () => Promise<{ body?: B }>,
  policy: RetryPolicy,
  hooks: RetriedCallHooks = {},
): Promise<{ body?: B; exchange: HttpExchange }> {
  let exchange = newExchange();
  const settle = hooks.settle;
  const res = await withRetries<{ body?: B }>(
    () => {
      exchange = newExchange();
      return observeExchange(exchange, send);
    },
    policy,
    {
      classify: (err) => classifyError(err, exchange),
      onRetry: hooks.onRetry,
      clock: hooks.clock,
      settle: settle && (async (failure) => ((await settle(failure)) ? { value: {} } : undefined)),
    },
  );
  return { body: res.body, exchange };
}
