import assert from "node:assert/strict";
import type { LogEntry } from "../../emulator";

const OPEN = "OpenPublicIpAddressPoolService";

/** Whether two requests were being served at the same time. */
function overlap(x: LogEntry, y: LogEntry): boolean {
  return x.startMs < y.endMs! && y.startMs < x.endMs!;
}

/**
 * The one check that no two Opens of an account overlapped: none was flagged by the emulator, and
 * within each account none was served while another was. Returns the Opens.
 */
export function assertOpensApart(
  log: readonly LogEntry[],
  what = "two Opens of an account overlapped",
): LogEntry[] {
  const opens = log.filter((e) => e.action === OPEN);
  assert.deepEqual(
    opens.filter((e) => e.overlapped).map((e) => `${e.accountUid}/${e.regionId}`),
    [],
    what,
  );
  for (const account of new Set(opens.map((e) => e.accountUid))) {
    const own = opens.filter((e) => e.accountUid === account);
    assert.ok(
      own.every((x) => own.every((y) => x === y || !overlap(x, y))),
      `${what}: account ${account}`,
    );
  }
  return opens;
}

/** Whether Opens of different accounts ran at the same time. */
export function opensOverlapAcrossAccounts(log: readonly LogEntry[]): boolean {
  const opens = log.filter((e) => e.action === OPEN);
  return opens.some((x) => opens.some((y) => x.accountUid !== y.accountUid && overlap(x, y)));
}
