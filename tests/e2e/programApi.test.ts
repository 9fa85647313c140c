import assert from "node:assert/strict";
import {
  getPublicIpAddressPoolServiceStatus,
  getPublicIpAddressPoolServiceStatusOutput,
  PublicIpAddressPoolServiceRegions,
} from "pulumi-alicloud-ip-pool-service";
import type { Emulator } from "../../emulator";
import { createTestStack, dynamicResources } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

describe("the status function and the component, through the real Pulumi engine", function () {
  this.timeout(180_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 20 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  // Inline programs run in this test process, so the endpoint comes from stack config, not the
  // environment the engine gets.
  const config = () => ({
    ...credentialConfig(emulator.defaultAccount.keys[0]),
    "pulumi-alicloud-ip-pool-service:vpcEndpoint": { value: emulator.endpoint },
  });

  it("reads status during preview without writing, and the component activates each region as a named child", async () => {
    const uid = emulator.defaultAccount.uid;
    emulator.setRegion(uid, "eu-central-1", { enabled: true });
    const s = await createTestStack({
      emulator,
      config: config(),
      program: async () => {
        const before = await getPublicIpAddressPoolServiceStatus({ regionId: "cn-hangzhou" });
        const frankfurt = getPublicIpAddressPoolServiceStatusOutput({ regionId: "eu-central-1" });
        const pools = new PublicIpAddressPoolServiceRegions("pools", {
          regionIds: ["cn-hangzhou", "ap-southeast-1"],
        });
        return {
          hangzhouBefore: before.enabled,
          frankfurt,
          enabledRegions: pools.enabledRegions,
          enabled: pools.enabled,
        };
      },
    });
    suite.track(s);

    const preview = await s.stack.preview();
    assert.equal(preview.changeSummary.create, 4); // stack, component, two regions
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
    assert.deepEqual(
      emulator
        .log()
        .map((e) => e.regionId)
        .sort(),
      ["cn-hangzhou", "eu-central-1"],
      "the preview read the two statuses and nothing else",
    );

    const up = await s.stack.up();
    assert.equal(up.outputs.hangzhouBefore.value, false);
    assert.deepEqual(up.outputs.frankfurt.value, { regionId: "eu-central-1", enabled: true });
    assert.deepEqual(up.outputs.enabledRegions.value, ["ap-southeast-1", "cn-hangzhou"]);
    assert.deepEqual(up.outputs.enabled.value, { "cn-hangzhou": true, "ap-southeast-1": true });
    const urns = (await dynamicResources(s.stack)).map((r) => r.urn.split("::").pop()).sort();
    assert.deepEqual(urns, ["pools-ap-southeast-1", "pools-cn-hangzhou"]);
    assert.ok(
      (await dynamicResources(s.stack)).every((r) =>
        r.urn.includes("pulumi-alicloud-ip-pool-service:index:PublicIpAddressPoolServiceRegions$"),
      ),
      "children are not parented to the component",
    );
    assert.deepEqual(emulator.enabledRegions(uid), ["ap-southeast-1", "cn-hangzhou", "eu-central-1"]);
  });

  it("fails the program with the diagnostic when a status read is refused", async () => {
    emulator.setAccount(emulator.defaultAccount.uid, {
      deniedActions: ["GetPublicIpAddressPoolServiceStatus"],
    });
    const s = await createTestStack({
      emulator,
      config: config(),
      program: async () => ({
        s: (await getPublicIpAddressPoolServiceStatus({ regionId: "cn-beijing" })).enabled,
      }),
    });
    suite.track(s);
    const lines: string[] = [];
    await assert.rejects(s.stack.preview({ onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }));
    assert.match(
      lines.join(""),
      /GetPublicIpAddressPoolServiceStatus failed in region cn-beijing: Forbidden\.RAM/,
    );
    assert.match(lines.join(""), /grant the RAM action "vpc:GetPublicIpAddressPoolServiceStatus"/);
  });

  it("refuses a component listing a region twice, naming it", async () => {
    const s = await createTestStack({
      emulator,
      config: config(),
      program: async () => {
        new PublicIpAddressPoolServiceRegions("pools", { regionIds: ["cn-hangzhou", "cn-hangzhou"] });
      },
    });
    suite.track(s);
    const lines: string[] = [];
    await assert.rejects(s.stack.preview({ onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }));
    assert.match(lines.join(""), /regionIds lists cn-hangzhou more than once; list each region once/);
    assert.equal(emulator.log().length, 0);
  });
});
