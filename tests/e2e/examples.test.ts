import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { exampleProgram, exampleProjectName } from "../../scripts/harness/programs";
import { createTestStack } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

describe("the examples, run as written through the real Pulumi engine", function () {
  this.timeout(180_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 20 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  async function runExample(name: string, config: Record<string, string>) {
    const dir = join(REPO_ROOT, "examples", name);
    const projectName = exampleProjectName(dir);
    // The program as written, run from a copy inside the clone: it loads the clone's own packages,
    // never the example folder's node_modules, which a suite beside this one may be installing.
    const copy = join(REPO_ROOT, ".e2e-work", `example-${name}-${process.pid}`);
    mkdirSync(copy, { recursive: true });
    copyFileSync(join(dir, "index.ts"), join(copy, "index.ts"));
    const s = await createTestStack({
      projectName,
      program: exampleProgram(copy),
      emulator,
      config: {
        ...credentialConfig(emulator.defaultAccount.keys[0]),
        ...Object.fromEntries(
          Object.entries(config).map(([k, v]) => [k.replace(/^project:/, `${projectName}:`), { value: v }]),
        ),
      },
    });
    suite.track(s);
    const preview = await s.stack.preview();
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0, "the preview wrote");
    return { preview, up: await s.stack.up() };
  }

  it("one-region activates the stack's alicloud:region", async () => {
    const { preview, up } = await runExample("one-region", { "alicloud:region": "cn-shenzhen" });
    assert.equal(preview.changeSummary.create, 2);
    assert.deepEqual(
      [up.outputs.regionId.value, up.outputs.enabled.value, up.outputs.adopted.value],
      ["cn-shenzhen", true, false],
    );
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), ["cn-shenzhen"]);
  });

  it("many-regions activates every region of stack config `regions`", async () => {
    const { up } = await runExample("many-regions", {
      "project:regions": "cn-hangzhou, ap-southeast-1,us-east-1",
    });
    assert.deepEqual(up.outputs.enabled.value, {
      "cn-hangzhou": true,
      "ap-southeast-1": true,
      "us-east-1": true,
    });
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), [
      "ap-southeast-1",
      "cn-hangzhou",
      "us-east-1",
    ]);
  });
});
