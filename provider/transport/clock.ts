// Time, and waiting: one clock, chosen by the owner of the calls and passed down to every wait
// (retries, the activation's reads, the account's lock), so that each timing rule can be tested
// with a virtual clock and no real wait.
import { setTimeout as sleep } from "node:timers/promises";

/** Time, and waiting; injectable so that tests of the timing need not wait. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: Readonly<Clock> = {
  now: Date.now,
  sleep: (ms) => sleep(ms).then(() => undefined),
};
