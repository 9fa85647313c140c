// What a face gives every call it makes: how it names settings, the scrubber, where progress goes,
// the clock and the retry policy's tuning. Each face makes one in its entry; the layers below take
// it, or the part of it they need, and never rebuild it.
import { SYSTEM_CLOCK, type Clock } from "../transport/clock";
import type { Operation } from "../transport/operations";
import type { RetryNotice, RetryPolicy } from "../transport/retry";
import type { SettingTerms } from "../config/settingTerms";
import { SecretScrubber } from "./secretScrubber";

/** The context of every call of a face, made once in the face's entry. */
export interface FaceContext {
  /** How the face names its settings: every message that names one is built in these terms. */
  readonly terms: SettingTerms;
  /** Removes every known secret from what is shown, and learns secrets the moment they are obtained. */
  readonly scrubber: SecretScrubber;
  /** Where progress lines go, each scrubbed first (the engine's log, or nowhere). */
  readonly progress: (line: string) => void;
  /** The clock every wait keeps. */
  readonly clock: Clock;
  /** Overrides of the retry policy's tuning values (tests make waits short). */
  readonly retry: Partial<RetryPolicy>;
}

/** Makes a face's context: its terms, and what it does not leave to the defaults. */
export function faceContext(
  terms: SettingTerms,
  parts: {
    /** The scrubber (default: a new one). */
    scrubber?: SecretScrubber;
    /** Writes a line the user sees (default: nowhere); lines are scrubbed before it gets them. */
    log?: (line: string) => void;
    /** The clock (default: the system's). */
    clock?: Clock;
    /** Overrides of the retry policy's tuning. */
    retry?: Partial<RetryPolicy>;
  } = {},
): FaceContext {
  const scrubber = parts.scrubber ?? new SecretScrubber();
  const log = parts.log;
  return {
    terms,
    scrubber,
    progress: log ? (line) => log(scrubber.scrub(line)) : () => undefined,
    clock: parts.clock ?? SYSTEM_CLOCK,
    retry: parts.retry ?? {},
  };
}

/** The same context with this call's progress going elsewhere (e.g. against its resource); scrubbed too. */
export function withProgress(context: FaceContext, log: (line: string) => void): FaceContext {
  return { ...context, progress: (line) => log(context.scrubber.scrub(line)) };
}

/** A retry as progress output: only a wait of a second or more is worth a line. */
export function retryProgress(
  context: Pick<FaceContext, "progress">,
  { failure, attempt, delayMs, operation, subject }: RetryNotice & { operation: Operation; subject?: string },
): void {
  if (delayMs < 1000) return;
  const about = subject === undefined ? "" : `${subject}: `;
  context.progress(
    `${about}${operation} got ${failure.code} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)}s`,
  );
}
