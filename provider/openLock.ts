import { Mutex } from "async-mutex";

const locks = new Map<string, Mutex>();

/**
 * Runs `fn` while no other Open of the same account runs in this process: the API refuses
 * concurrent activation within one account. Status reads never take this lock.
 */
export function withOpenLock<T>(account: string, fn: () => Promise<T>): Promise<T> {
  let lock = locks.get(account);
  if (!lock) {
    lock = new Mutex();
    locks.set(account, lock);
  }
  return lock.runExclusive(fn);
}
