// One Open per account at a time: the API refuses concurrent activation within one account. Opens
// of one provider process take the account's mutex; Opens of several processes (the provider
// instances of a plugin, two stacks of one user on one machine) take a lock file of the account in
// the user's own lock folder (lockFolder.ts), which proper-lockfile keeps fresh while it is held
// and treats as stale (its holder gone) after 10 seconds without that.
import { Mutex } from "async-mutex";
import { join } from "node:path";
import { SYSTEM_CLOCK, type Clock } from "../transport/clock";
import { lock } from "proper-lockfile";
import { lockFolder } from "./lockFolder";

/** How long a lock file may go without being refreshed before its holder counts as gone, in milliseconds. */
const STALE_MS = 10_000;

/** The error of a wait for an account's lock that outlasted its bound. */
export class LockWaitExceeded extends Error {
  /** Creates the error for an account and the time waited. */
  constructor(account: string, waitedMs: number) {
    super(
      `another Open of account ${account} (of another process of this user on this machine) held its lock for ${(waitedMs / 1000).toFixed(0)}s`,
    );
    this.name = "LockWaitExceeded";
  }
}

/** Takes an account's lock file, waiting at most `waitMs`; resolves to its release. */
async function lockFile(account: string, waitMs: number, clock: Clock): Promise<() => Promise<void>> {
  const folder = lockFolder();
  const started = clock.now();
  for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await lock(join(folder, `open-${account}`), {
        realpath: false,
        stale: STALE_MS,
        // A lock taken from under this process is already lost; the next Open takes it again.
        onCompromised: () => undefined,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw err;
      if (clock.now() - started + delay > waitMs) throw new LockWaitExceeded(account, clock.now() - started);
      await clock.sleep(delay);
    }
  }
}

/**
 * The per-account locks every Open takes. A provider object owns one; its mutexes serialise the
 * Opens of its process, and the lock files those of all processes on this machine.
 */
export class OpenLocks {
  private readonly mutexes = new Map<string, Mutex>();

  /** Runs `fn` while no other Open of the account runs, waiting at most `waitMs` of `clock` for another process's. */
  run<T>(account: string, fn: () => Promise<T>, waitMs: number, clock: Clock = SYSTEM_CLOCK): Promise<T> {
    let mutex = this.mutexes.get(account);
    if (!mutex) {
      mutex = new Mutex();
      this.mutexes.set(account, mutex);
    }
    return mutex.runExclusive(async () => {
      const release = await lockFile(account, waitMs, clock);
      try {
        return await fn();
      } finally {
        await release();
      }
    });
  }
}
