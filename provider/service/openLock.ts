import { Mutex } from "async-mutex";

/**
 * One lock per account for Open calls: the API refuses concurrent activation within one account.
 * A provider object owns one, and the engine starts one provider object per provider process, so
 * every Open of a `pulumi up` goes through it. Status reads never take it.
 */
export class OpenLocks {
  private readonly locks = new Map<string, Mutex>();

  /** Runs `fn` while no other Open of the same account runs through these locks. */
  run<T>(account: string, fn: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(account);
    if (!lock) {
      lock = new Mutex();
      this.locks.set(account, lock);
    }
    return lock.runExclusive(fn);
  }
}
