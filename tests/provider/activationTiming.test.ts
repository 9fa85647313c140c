// The activation wait lasts what is configured, within one status read, and reports the time
// waited. A virtual clock stands in for time (the calls still go to the emulator).
import assert from "node:assert/strict";
import { activateRegion, type Clock } from "../../provider/service/activation";
import { OpenLocks } from "../../provider/service/openLock";
import { PoolServiceApi } from "../../provider/service/poolServiceApi";
import type { Emulator } from "../emulator/emulator";
import { rejectionOf } from "../support/rejection";
import { stackConfigFor } from "../support/stackConfig";
import { emulatorSuite } from "../support/suite";

describe("the activation wait", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  function api(): PoolServiceApi {
    const config = stackConfigFor(emulator.defaultAccount.keys[0]);
    return new PoolServiceApi({
      config: { get: (k) => config[k] },
      env: emulator.endpointEnv,
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
});
