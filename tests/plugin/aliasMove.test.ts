// A TypeScript stack moved from the dynamic resource to the plugin's resource, as the README says:
// `pulumi package add` generates the SDK, the program registers the plugin's resource with an
// alias of the dynamic type, and `pulumi up` moves the state with no create, no delete and no
// write; the first refresh drops the stored provider code.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { runCommand } from "../support/commands";
import { emulatorConfig, ok, pluginEmulatorConfig, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";

const OPEN = "OpenPublicIpAddressPoolService";
const REGIONS = ["ap-southeast-1", "cn-hangzhou", "eu-central-1"];
/** The @pulumi/pulumi the generated Node.js SDK compiles against (it calls `existsResource`, which 3.248.0 lacks). */
const SDK_PULUMI = "3.276.0";

const DYNAMIC = `import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";
for (const regionId of ${JSON.stringify(REGIONS)}) {
  new PublicIpAddressPoolService(\`ip-pool-\${regionId}\`, { regionId });
}
`;

const PLUGIN = `import * as ipPool from "@alicloud-ip-pool-service/sdk";
for (const regionId of ${JSON.stringify(REGIONS)}) {
  new ipPool.PublicIpAddressPoolService(\`ip-pool-\${regionId}\`, { regionId }, {
    aliases: [{ type: "pulumi-nodejs:dynamic/alicloud:PublicIpAddressPoolService" }],
  });
}
`;

interface StateResource {
  type: string;
  urn: string;
  outputs?: Record<string, unknown>;
}

describe("moving a TypeScript stack from the dynamic resource to the plugin's, with aliases", function () {
  this.timeout(900_000);
  const suite = cliSuite({ env: () => ({ PULUMI_SKIP_CONFIRMATIONS: "true" }) });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  it("moves every resource with no create, no delete and no write; the first refresh drops the stored provider code", async () => {
    const work = mkdtempSync(join(tmpdir(), "alias-move-"));
    const packed = ok(
      await runCommand("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", work], {
        cwd: REPO_ROOT,
        env: cli.env,
      }),
      "npm pack",
    )
      .trim()
      .split("\n")
      .pop()!;
    const dir = join(work, "project");
    ok(await runCommand("mkdir", [dir], { cwd: work, env: cli.env }), "mkdir");
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      "name: alias-move\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
    );
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "alias-move",
        private: true,
        dependencies: {
          "@pulumi/pulumi": SDK_PULUMI,
          "pulumi-alicloud-ip-pool-service": `file:../${packed}`,
        },
      }),
    );
    writeFileSync(join(dir, "index.ts"), DYNAMIC);
    ok(await cli.npm(dir, "install"), "npm install");
    ok(await cli.pulumi(dir, "stack", "init", "move"), "stack init");
    await cli.configSet(dir, [...emulatorConfig(emulator), ...pluginEmulatorConfig(emulator)]);
    ok(await cli.pulumi(dir, "up"), "pulumi up (dynamic)");
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), REGIONS);
    const exported = async () =>
      JSON.parse(ok(await cli.pulumi(dir, "stack", "export"), "stack export")).deployment
        .resources as StateResource[];
    const services = (resources: StateResource[]) =>
      resources.filter((r) => r.type.endsWith("PublicIpAddressPoolService"));
    const before = services(await exported());
    assert.ok(before.every((r) => r.type === "pulumi-nodejs:dynamic/alicloud:PublicIpAddressPoolService"));
    const bytesBefore = JSON.stringify(before).length;

    emulator.clearLog();
    ok(await cli.pulumi(dir, "package", "add", join(REPO_ROOT, "dist", "plugin")), "pulumi package add");
    writeFileSync(join(dir, "index.ts"), PLUGIN);
    const preview = ok(await cli.pulumi(dir, "preview", "--diff"), "pulumi preview");
    assert.doesNotMatch(preview, /to create|to delete|to replace/, preview);
    const up = ok(await cli.pulumi(dir, "up"), "pulumi up (plugin)");
    assert.doesNotMatch(up, /created|deleted|replaced/, up);
    const moved = services(await exported());
    assert.deepEqual(
      moved.map((r) => r.type),
      REGIONS.map(() => "alicloud-ip-pool-service:index:PublicIpAddressPoolService"),
    );
    assert.deepEqual(
      moved.map((r) => r.outputs?.accountId),
      REGIONS.map(() => emulator.defaultAccount.uid),
    );

    ok(await cli.pulumi(dir, "refresh"), "pulumi refresh");
    const refreshed = services(await exported());
    assert.ok(
      refreshed.every((r) => !("__provider" in (r.outputs ?? {}))),
      "the stored provider code is gone",
    );
    const bytesAfter = JSON.stringify(refreshed).length;
    assert.ok(
      bytesAfter < bytesBefore / 2,
      `state of the resources: ${bytesBefore} bytes before, ${bytesAfter} after`,
    );
    const again = ok(await cli.pulumi(dir, "preview"), "pulumi preview after the move");
    assert.doesNotMatch(again, /to create|to delete|to replace|to update/, again);
    assert.deepEqual(
      emulator.log().filter((e) => e.action === OPEN),
      [],
      "the move sent no Open",
    );
    await cli.pulumi(dir, "stack", "rm", "--yes", "--force", "move");
  });
});
