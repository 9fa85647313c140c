// The activation wait lasts what is configured, within one status read, and reports the time
// waited. A virtual clock stands in for time (the calls still go to the emulator).
import assert from "node:assert/strict";
import { join } from "node:path";
import { lock } from "proper-lockfile";
import type { Clock } from "../../provider/transport/clock";
import { configSource } from "../../provider/config/configSource";
import { STACK_TERMS } from "../../provider/config/settingTerms";
import { faceContext } from "../../provider/diagnostics/faceContext";
import { activateRegion } from "../../provider/core/activation";
import { lockFolder } from "../../provider/core/lockFolder";
import { OpenLocks } from "../../provider/core/openLock";
import { PoolServiceApi } from "../../provider/core/poolServiceApi";
import type { Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { stackConfigFor } from "../../scripts/harness/stackConfig";
import { emulatorSuite } from "../support/suite";

describe("the activation wait", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  function api(clock?: Clock): PoolServiceApi {
    const config = stackConfigFor(emulator.defaultAccount.keys[0]);
    return new PoolServiceApi({
      config: configSource({ get: (k) => config[k] }),
      env: emulator.endpointEnv,
      context: faceContext(STACK_TERMS, { clock }),
    });
  }

  /** Virtual time: only the waits move it. */
  function virtualClock(): Clock & { slept: number[] } {
    let now = 0;
    const slept: number[] = [];
    return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
  }

  it("waits the configured 12 s to the last read and reports the time it waited", async () => {
    emulator.configure({ activationDelayMs: 3_600_000 }); // the Open succeeds, the status stays disabled
    const clock = virtualClock();
    const err = await rejectionOf(
      activateRegion(api(), "cn-hangzhou", "token-12s", {
        activationTimeoutMs: 12_000,
        locks: new OpenLocks(),
        clock,
      }),
    );
    assert.deepEqual(clock.slept, [1_000, 2_000, 4_000, 5_000], "the waits between reads");
    const open = emulator.log().find((e) => e.action === "OpenPublicIpAddressPoolService")!;
    assert.equal(
      err.message.split("\n")[0],
      `OpenPublicIpAddressPoolService succeeded in region cn-hangzhou (request ID ${open.requestId}), but ` +
        "GetPublicIpAddressPoolServiceStatus still reported the feature disabled after 12.0s (5 checks).",
    );
    assert.equal(err.code, "ActivationTimeout");
  });

  it("stops at the read that sees the region enabled", async () => {
    emulator.configure({ activationDelayMs: 3_600_000 });
    const clock = virtualClock();
    const uid = emulator.defaultAccount.uid;
    const sleep = clock.sleep;
    clock.sleep = async (ms) => {
      await sleep(ms);
      if (clock.now() >= 3_000) emulator.setRegion(uid, "cn-hangzhou", { enabled: true });
    };
    const result = await activateRegion(api(), "cn-hangzhou", "token-3s", {
      activationTimeoutMs: 12_000,
      locks: new OpenLocks(),
      clock,
    });
    assert.equal(result.adopted, false);
    assert.deepEqual(clock.slept, [1_000, 2_000]);
  });

  describe("while an Open's outcome is settled, the account's other Opens wait, so its status reads are not retried past the window", () => {
    const OPEN = "OpenPublicIpAddressPoolService";
    const STATUS = "GetPublicIpAddressPoolServiceStatus";

    /** Activates cn-hangzhou; `whenSettling` runs as the settle window opens. Returns the retries' waits. */
    async function activateWhile(whenSettling: () => void) {
      const retryWaits: number[] = [];
      const result = await activateRegion(
        api({ now: Date.now, sleep: async (ms) => void retryWaits.push(ms) }),
        "cn-hangzhou",
        "token-s",
        {
          activationTimeoutMs: 12_000,
          locks: new OpenLocks(),
          clock: virtualClock(),
          progress: (line) => {
            if (line.includes("before sending it again")) whenSettling();
          },
        },
      );
      const log = emulator.log();
      const opens = log.filter((e) => e.action === OPEN);
      assert.equal(opens.length, 2, "the Open was sent again");
      assert.equal(opens[0].clientToken, opens[1].clientToken, "with the same idempotency token");
      const between = log.filter((e) => e.action === STATUS && e.seq > opens[0].seq && e.seq < opens[1].seq);
      return { result, retryWaits, between };
    }

    it("after a 5xx, the one status read that fails counts as not yet enabled, and the Open is sent again", async () => {
      emulator.addFault({ kind: "internal", action: OPEN, count: 1 });
      const { result, between } = await activateWhile(() =>
        emulator.addFault({ kind: "throttling", action: STATUS, count: 3 }),
      );
      assert.equal(result.enabled, true);
      assert.deepEqual(
        between.map((e) => e.outcome),
        ["Throttling.User"],
        "one read between the Opens, not retried",
      );
    });

    it("after no answer, a read asked to wait past the window is given up, and the window ends on time", async () => {
      emulator.addFault({ kind: "reset", action: OPEN, count: 1 });
      const { result, retryWaits, between } = await activateWhile(() =>
        emulator.addFault({ kind: "throttling", action: STATUS, count: 1, retryAfterMs: 60_000 }),
      );
      assert.equal(result.enabled, true);
      assert.deepEqual(
        retryWaits.filter((ms) => ms >= 1_000),
        [],
        "no retry waited past the 1 s window",
      );
      assert.deepEqual(
        between.map((e) => e.outcome),
        ["Throttling.User", "OK"],
        "the throttled read, then the read at the window's end",
      );
    });
  });

  it("waits for another process's Open of the account on the same clock: AccountBusy when the activation wait has passed, nothing sent", async () => {
    const uid = emulator.defaultAccount.uid;
    const held = await lock(join(lockFolder(), `open-${uid}`), { realpath: false });
    try {
      const clock = virtualClock();
      const err = await rejectionOf(
        activateRegion(api(), "cn-hangzhou", "token-busy", {
          activationTimeoutMs: 300_000,
          locks: new OpenLocks(),
          clock,
        }),
      );
      assert.equal(err.code, "AccountBusy");
      const waited = clock.slept.reduce((a, b) => a + b, 0);
      assert.ok(waited > 290_000 && waited <= 300_000, `waited ${waited} ms of the 300 s on the clock`);
      assert.ok(emulator.log().every((e) => e.action !== "OpenPublicIpAddressPoolService"));
    } finally {
      await held();
    }
  });
});
