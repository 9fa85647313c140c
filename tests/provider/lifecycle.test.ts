import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { emulatorSuite } from "../support/suite";
import { providerHarness } from "../support/providerHarness";
import { stackConfigFor } from "../../scripts/harness/stackConfig";

/** This file's provider harness. */
const harness = providerHarness();
const { checkAndCreate, provider, useStackConfig } = harness;

const OPEN = "OpenPublicIpAddressPoolService";
const STATUS = "GetPublicIpAddressPoolServiceStatus";

describe("provider lifecycle against the emulator", () => {
  const suite = emulatorSuite({ provider: harness });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const opens = () => emulator.log().filter((e) => e.action === OPEN);

  it("activates a region: status, the account (STS, once), one Open with the resource's token, status", async () => {
    const { inputs, outs } = await checkAndCreate("cn-hangzhou");
    const log = emulator.log();
    assert.deepEqual(
      log.map((e) => e.action),
      [STATUS, "GetCallerIdentity", OPEN, STATUS],
    );
    assert.equal(log[2].clientToken, inputs.clientToken);
    assert.deepEqual(outs, {
      regionId: "cn-hangzhou",
      enabled: true,
      adopted: false,
      requestId: log[2].requestId,
      accountId: emulator.defaultAccount.uid,
    });
    await checkAndCreate("cn-shanghai");
    assert.equal(
      emulator.log().filter((e) => e.action === "GetCallerIdentity").length,
      1,
      "the account is asked once per provider",
    );
    assert.ok(emulator.isEnabled(emulator.defaultAccount.uid, "cn-hangzhou"));
  });

  it("adopts an already active region with no Open call", async () => {
    emulator.setRegion(emulator.defaultAccount.uid, "cn-beijing", { enabled: true });
    const { outs } = await checkAndCreate("cn-beijing");
    assert.deepEqual(outs, {
      regionId: "cn-beijing",
      enabled: true,
      adopted: true,
      accountId: emulator.defaultAccount.uid,
    });
    assert.equal(opens().length, 0);
  });

  it("waits through an activation delay until the status reports enabled", async () => {
    emulator.configure({ activationDelayMs: 1500 });
    const started = Date.now();
    const { outs } = await checkAndCreate("cn-shanghai");
    assert.equal(outs?.enabled, true);
    assert.ok(Date.now() - started >= 1500);
    const statuses = emulator.log().filter((e) => e.action === STATUS);
    assert.ok(statuses.length >= 3, `expected polls after the Open, saw ${statuses.length} status calls`);
    assert.equal(opens().length, 1);
  });

  it("reports a region disabled out of band as gone on refresh, and an enabled one unchanged", async () => {
    const { outs } = await checkAndCreate("cn-qingdao");
    const refreshed = await provider().read("cn-qingdao", outs!);
    assert.deepEqual(refreshed, { id: "cn-qingdao", props: outs });
    emulator.setRegion(emulator.defaultAccount.uid, "cn-qingdao", { enabled: false });
    const gone = await provider().read("cn-qingdao", outs!);
    assert.equal(gone.id, "");
    assert.equal(opens().length, 1, "refresh must not write");
  });

  it("never sends two Opens of one account at once, while creates run concurrently", async () => {
    emulator.configure({ latencyMs: 40 });
    const regions = [
      "cn-hangzhou",
      "cn-beijing",
      "cn-shanghai",
      "cn-shenzhen",
      "cn-qingdao",
      "ap-southeast-1",
      "us-east-1",
      "eu-central-1",
    ];
    const results = await Promise.all(regions.map((r) => checkAndCreate(r)));
    assert.ok(results.every((r) => r.outs?.enabled === true && r.outs.adopted === false));
    assert.equal(opens().length, regions.length);
    assert.ok(
      emulator.log().every((e) => !e.overlapped),
      "an Open overlapped another",
    );
    // Status reads are not serialized: the first round overlaps in time.
    const statuses = emulator
      .log()
      .filter((e) => e.action === STATUS)
      .slice(0, regions.length);
    const firstEnd = Math.min(...statuses.map((e) => e.endMs!));
    assert.ok(statuses.filter((e) => e.startMs < firstEnd).length > 1, "status reads were serialized");
  });

  it("retries throttling, 5xx and resets of the Open with the same ClientToken, then succeeds", async () => {
    // A 5xx or a reset leaves the Open's outcome unknown: each is settled by reading the status for
    // the activation wait (1 s here) before the Open is sent again.
    useStackConfig(
      stackConfigFor(emulator.defaultAccount.keys[0], {
        "pulumi-alicloud-ip-pool-service:activationTimeoutSeconds": "1",
        "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": "30",
      }),
    );
    for (const kind of ["throttling", "unavailable", "internal", "reset"] as const) {
      emulator.addFault({ kind, action: OPEN, count: 1 });
    }
    const { inputs, outs } = await checkAndCreate("cn-hangzhou");
    assert.equal(outs?.enabled, true);
    const tokens = opens().map((e) => e.clientToken);
    assert.deepEqual(
      opens().map((e) => e.outcome),
      ["Throttling.User", "ServiceUnavailable", "InternalError", "reset", "OK"],
    );
    assert.deepEqual(tokens, Array(5).fill(inputs.clientToken));
  });

  it("survives a lost reply: the status shows the Open took effect, and no second Open is sent", async () => {
    emulator.addFault({ kind: "reset-after", action: OPEN, count: 1 });
    const { outs } = await checkAndCreate("cn-hangzhou");
    assert.equal(outs?.adopted, false);
    assert.equal(emulator.log().filter((e) => e.wrote).length, 1);
    assert.deepEqual(
      opens().map((e) => e.outcome),
      ["reset"],
    );
    assert.ok(emulator.isEnabled(emulator.defaultAccount.uid, "cn-hangzhou"));
  });

  it("succeeds when an Open fails but the status then reports the region enabled", async () => {
    // Another process activates the region while our Open is in flight: ours then answers
    // OperationFailed.ExceedPurchaseLimit, and the status decides. The Open is held until the
    // region has been activated behind it, so the order is certain.
    emulator.addFault({ kind: "hold", action: OPEN, count: 1 });
    const created = checkAndCreate("cn-hangzhou");
    while (!opens().some((e) => e.fault === "hold")) await new Promise((r) => setTimeout(r, 5));
    emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
    assert.equal(emulator.release(), 1);
    const { outs } = await created;
    assert.equal(opens()[0].outcome, "OperationFailed.ExceedPurchaseLimit");
    assert.deepEqual(outs, {
      regionId: "cn-hangzhou",
      enabled: true,
      adopted: false,
      requestId: opens()[0].requestId,
      accountId: emulator.defaultAccount.uid,
    });
  });

  it("deletes with no API call and says the feature stays enabled", async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      await provider().delete("cn-hangzhou", { regionId: "cn-hangzhou", enabled: true, adopted: false });
    } finally {
      console.log = original;
    }
    assert.equal(emulator.log().length, 0);
    assert.match(lines.join("\n"), /stays enabled in cn-hangzhou; Alibaba Cloud has no API to turn it off/);
  });
});
