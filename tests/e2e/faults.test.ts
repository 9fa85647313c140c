import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { generateKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { dynamicProviderPids } from "../support/processes";
import { regionsProgram, TEN_REGIONS } from "../../scripts/harness/programs";
import { createTestStack, dynamicResources } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

const OPEN = "OpenPublicIpAddressPoolService";
const UNBOUNDED = 2_147_483_647;
const byUrn = <T extends { urn: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.urn.localeCompare(b.urn));
const TEN = TEN_REGIONS;

describe("reliability under faults, through the real Pulumi engine", function () {
  this.timeout(300_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 20 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const uid = () => emulator.defaultAccount.uid;
  const opens = () => emulator.log().filter((e) => e.action === OPEN);

  async function newStack(
    regions: readonly string[],
    config = credentialConfig(emulator.defaultAccount.keys[0]),
  ) {
    const s = await createTestStack({ program: regionsProgram(regions), emulator, config });
    suite.track(s);
    return s;
  }

  it("converges on ten regions while 30% of calls fail at random", async () => {
    emulator.configure({ seed: 20261127 });
    emulator.addFault({
      kind: ["throttling", "unavailable", "internal", "reset", "reset-after", "latency"],
      rate: 0.3,
      latencyMs: 2000,
    });
    // A 5xx or a lost reply to an Open is settled by reading the status for the activation wait
    // before it is sent again: 3 s here, so that the run ends in seconds.
    const config = {
      ...credentialConfig(emulator.defaultAccount.keys[0]),
      "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": { value: "90" },
      "pulumi-alicloud-ip-pool-service:activationTimeoutSeconds": { value: "3" },
    };
    const { stack } = await newStack(TEN, config);
    const lines: string[] = [];
    const up = await stack.up({ parallel: UNBOUNDED, onOutput: (o) => lines.push(o) });
    const faulted = emulator.log().filter((e) => e.fault);
    assert.ok(faulted.length >= 5, `the faults did not fire (${faulted.length})`);
    assert.ok(!/error:/.test(lines.join("")), "the engine showed an error");
    assert.deepEqual(up.summary.resourceChanges, { create: 11 });

    const resources = await dynamicResources(stack);
    assert.deepEqual(resources.map((r) => r.id).sort(), [...TEN].sort());
    assert.deepEqual(emulator.enabledRegions(uid()), [...TEN].sort(), "state and emulator differ");
    assert.ok(resources.every((r) => r.outputs.enabled === true));
    for (const r of resources) {
      const tokens = new Set(
        opens()
          .filter((e) => e.regionId === r.id)
          .map((e) => e.clientToken),
      );
      assert.deepEqual([...tokens], [r.inputs.clientToken], `Opens of ${r.id} used other tokens`);
    }
    assert.ok(
      emulator.log().every((e) => !e.overlapped),
      "two Opens overlapped",
    );
    assert.equal(emulator.log().filter((e) => e.wrote).length, 10, "a region was activated twice");
  });

  it("fails only the region that is always throttled, within the retry budget, and converges once it clears", async () => {
    emulator.addFault({ kind: "throttling", regionId: "us-east-1" });
    const { stack } = await newStack(TEN); // retry budget 5 s
    const lines: string[] = [];
    const started = Date.now();
    await assert.rejects(
      stack.up({ parallel: UNBOUNDED, onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }),
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 60_000, `the up took ${elapsed} ms`);
    const text = lines.join("");
    assert.match(text, /GetPublicIpAddressPoolServiceStatus failed in region us-east-1: Throttling\.User/);
    assert.match(
      text,
      /Meaning: Alibaba Cloud kept throttling the requests of this account \(\d+ attempts over [0-9.]+s\)\./,
    );
    const throttled = emulator.log().filter((e) => e.regionId === "us-east-1");
    assert.ok(throttled.length > 1, "throttling was not retried");
    const span = throttled[throttled.length - 1].endMs! - throttled[0].startMs;
    assert.ok(span <= 6_000, `retries of us-east-1 lasted ${span} ms, over the 5 s budget`);
    const nine = TEN.filter((r) => r !== "us-east-1").sort();
    assert.deepEqual((await dynamicResources(stack)).map((r) => r.id).sort(), nine);
    assert.deepEqual(emulator.enabledRegions(uid()), nine);

    emulator.clearFaults();
    const up = await stack.up({ parallel: UNBOUNDED });
    assert.equal(up.summary.resourceChanges?.create, 1);
    assert.deepEqual(emulator.enabledRegions(uid()), [...TEN].sort());
  });

  it("converges after the provider process is killed between the Open and the recorded result", async () => {
    const s = await newStack(["cn-hangzhou", "cn-beijing"], {
      ...credentialConfig(emulator.defaultAccount.keys[0]),
      "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": { value: "60" },
    });
    // The Open of cn-beijing takes effect at once, but its reply is held back for 8 s: the provider
    // is killed while it waits for it.
    emulator.addFault({
      kind: "latency-after",
      action: OPEN,
      regionId: "cn-beijing",
      latencyMs: 8_000,
      count: 1,
    });
    const lines: string[] = [];
    const up = s.stack.up({
      parallel: UNBOUNDED,
      onOutput: (o) => lines.push(o),
      onError: (o) => lines.push(o),
    });
    const workDir = realpathSync(s.workDir);
    let killed: number[] = [];
    for (let i = 0; i < 300 && killed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (emulator.isEnabled(uid(), "cn-beijing")) {
        killed = dynamicProviderPids(workDir);
        for (const pid of killed) process.kill(pid, "SIGKILL");
      }
    }
    assert.ok(killed.length > 0, "never saw the provider process after the Open");
    await assert.rejects(up);
    assert.ok(
      !(await dynamicResources(s.stack)).some((r) => r.id === "cn-beijing"),
      "the lost result was recorded",
    );

    // The engine records the crash as a failed create (no pending operation is left), so the
    // usual handling is simply the next up.
    const state = await s.stack.exportStack();
    assert.deepEqual((state.deployment as { pending_operations?: unknown[] }).pending_operations ?? [], []);
    const again = await s.stack.up({ parallel: UNBOUNDED });
    assert.deepEqual(again.outputs.enabled.value, { "cn-hangzhou": true, "cn-beijing": true });
    assert.equal(
      opens().filter((e) => e.regionId === "cn-beijing").length,
      1,
      "cn-beijing was activated more than once",
    );
    assert.equal(emulator.log().filter((e) => e.wrote && e.regionId === "cn-beijing").length, 1);
    assert.deepEqual((again.outputs.adopted.value as Record<string, boolean>)["cn-beijing"], true);
  });

  it("gives a clear authentication diagnostic after the key is rotated away, and changes nothing in state", async () => {
    const regions = ["cn-hangzhou", "cn-beijing", "cn-shanghai"];
    const { stack } = await newStack(regions);
    await stack.up({ parallel: UNBOUNDED });
    const before = await dynamicResources(stack);

    const old = emulator.defaultAccount.keys[0];
    emulator.addKey(uid(), generateKey());
    emulator.removeKey(old.accessKeyId);

    // The second up has work to do (a new region), so it must call the API with the old key: the
    // new region's status, and STS's GetCallerIdentity for the diff of the regions in the state
    // (whether the stack still acts in their account). Whichever fails first is reported.
    regions.push("ap-southeast-1");
    emulator.clearLog();
    const lines: string[] = [];
    await assert.rejects(
      stack.up({ parallel: UNBOUNDED, onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }),
    );
    const calls = emulator.log();
    assert.ok(calls.length > 0);
    assert.ok(
      calls.every((e) => e.outcome === "InvalidAccessKeyId.NotFound" && e.accessKeyId === old.accessKeyId),
    );
    const shown = calls.filter((e) =>
      lines
        .join("")
        .includes(
          `${e.action} failed${e.regionId ? ` in region ${e.regionId}` : ""}: InvalidAccessKeyId.NotFound (HTTP 404, request ID ${e.requestId}).`,
        ),
    );
    assert.ok(shown.length > 0, lines.join(""));
    assert.match(
      lines.join(""),
      /Meaning: the AccessKey ID does not exist: it was deleted, rotated or mistyped/,
    );
    assert.equal(
      new Set(calls.map((e) => `${e.action}/${e.regionId}`)).size,
      calls.length,
      "auth failures are not retried",
    );
    assert.deepEqual(byUrn(await dynamicResources(stack)), byUrn(before), "the failed up changed the state");

    // A refresh with the old key fails the same way and drops nothing, even for a region now disabled.
    emulator.setRegion(uid(), "cn-beijing", { enabled: false });
    await assert.rejects(stack.refresh());
    assert.deepEqual(
      byUrn(await dynamicResources(stack)),
      byUrn(before),
      "a failed refresh changed the state",
    );
  });
});
