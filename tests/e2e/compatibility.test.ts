// Stacks created by releases 0.1.0, 0.2.0 and 0.3.0 keep working: 0.1.0 state holds its own serialized provider
// (which the engine runs for refresh and destroy) and the component's old type token.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  PublicIpAddressPoolService,
  PublicIpAddressPoolServiceRegions,
} from "pulumi-alicloud-ip-pool-service";
import {
  COMPONENT_TYPE,
  COMPONENT_TYPE_BEFORE_0_2,
} from "../../provider/dynamic/publicIpAddressPoolServiceRegions";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { createTestStack, dynamicResources } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

/** The serialized provider release 0.1.0 stored in state, as it stored it. */
const PROVIDER_0_1_0 = readFileSync(
  join(REPO_ROOT, "tests", "fixtures", "serializedProvider-0.1.0.txt"),
  "utf8",
);

interface StateResource {
  urn: string;
  type: string;
  parent?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("stacks created by earlier releases", function () {
  this.timeout(180_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 10 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  it("see no replacement, refresh and destroy through 0.1.0's provider, and keep the component's URNs by alias", async () => {
    const uid = emulator.defaultAccount.uid;
    const s = suite.track(
      await createTestStack({
        emulator,
        config: credentialConfig(emulator.defaultAccount.keys[0]),
        program: async () => {
          new PublicIpAddressPoolService("single", { regionId: "cn-qingdao" });
          new PublicIpAddressPoolServiceRegions("pools", { regionIds: ["cn-hangzhou", "cn-beijing"] });
        },
      }),
    );
    await s.stack.up();

    // Rewrite the state as 0.1.0 wrote it: its provider text, and the component's old type.
    const exported = await s.stack.exportStack();
    const resources = exported.deployment.resources as StateResource[];
    const old = (text: string) => text.split(COMPONENT_TYPE).join(COMPONENT_TYPE_BEFORE_0_2);
    for (const r of resources) {
      r.urn = old(r.urn);
      r.type = old(r.type);
      if (r.parent) r.parent = old(r.parent);
      for (const props of [r.inputs, r.outputs])
        if (props && "__provider" in props) props.__provider = PROVIDER_0_1_0;
    }
    await s.stack.importStack(exported);
    assert.equal(
      (await dynamicResources(s.stack)).filter((r) => r.outputs.__provider === PROVIDER_0_1_0).length,
      3,
      "the state was not rewritten",
    );

    emulator.clearLog();
    const preview = await s.stack.preview();
    assert.deepEqual(preview.changeSummary, { same: 5 }, "an existing stack must see no replacement");
    await s.stack.up();
    const urns = (await dynamicResources(s.stack)).map((r) => r.urn);
    assert.ok(
      urns.every((urn) => !urn.includes(COMPONENT_TYPE_BEFORE_0_2)),
      "the old URNs were kept",
    );

    // Refresh runs the state's provider (the outputs' copy), 0.1.0's, through the entry points it calls.
    assert.ok(
      (await dynamicResources(s.stack)).every((r) => r.outputs.__provider === PROVIDER_0_1_0),
      "the outputs no longer hold 0.1.0's provider: the refresh below would not exercise it",
    );
    emulator.setRegion(uid, "cn-beijing", { enabled: false });
    const refresh = await s.stack.refresh();
    assert.equal(refresh.summary.resourceChanges?.delete, 1);
    assert.deepEqual((await dynamicResources(s.stack)).map((r) => r.id).sort(), [
      "cn-hangzhou",
      "cn-qingdao",
    ]);
    assert.ok(emulator.log().some((e) => e.action === "GetPublicIpAddressPoolServiceStatus"));

    const lines: string[] = [];
    const destroy = await s.stack.destroy({ onOutput: (o) => lines.push(o) });
    assert.equal(destroy.summary.resourceChanges?.delete, 4);
    assert.match(lines.join(""), /stays enabled in cn-qingdao/);
  });

  for (const release of ["0.1.0", "0.2.0", "0.3.0"]) {
    it(`a state written by ${release} refreshes and previews with no change`, async () => {
      const uid = emulator.defaultAccount.uid;
      for (const regionId of ["cn-qingdao", "cn-hangzhou", "cn-beijing"])
        emulator.setRegion(uid, regionId, { enabled: true });
      const s = suite.track(
        await createTestStack({
          emulator,
          stackName: "fixture",
          projectName: "ip-pool-fixture",
          // The fixtures record no credential: they come from the environment, read live.
          env: {
            ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.defaultAccount.keys[0].accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.defaultAccount.keys[0].accessKeySecret,
          },
          program: async () => {
            new PublicIpAddressPoolService("single", { regionId: "cn-qingdao" });
            new PublicIpAddressPoolServiceRegions("pools", { regionIds: ["cn-hangzhou", "cn-beijing"] });
          },
        }),
      );
      const fixture = readFileSync(join(REPO_ROOT, "tests", "fixtures", `state-${release}.json`), "utf8");
      await s.stack.importStack({
        version: 3,
        deployment: JSON.parse(fixture.split("{{ACCOUNT}}").join(uid)),
      });
      const before = (await dynamicResources(s.stack)).map((r) => JSON.stringify(r.outputs));
      emulator.clearLog();
      const refresh = await s.stack.refresh();
      assert.deepEqual(
        Object.keys(refresh.summary.resourceChanges ?? {}).filter((k) => k !== "same"),
        [],
        "the refresh changed something",
      );
      assert.deepEqual(
        (await dynamicResources(s.stack)).map((r) => JSON.stringify(r.outputs)),
        before,
      );
      assert.ok(emulator.log().every((e) => e.action !== "OpenPublicIpAddressPoolService"));
      const preview = await s.stack.preview();
      assert.deepEqual(preview.changeSummary, { same: 5 }, "the stack must see no change");
    });
  }
});
