// One core, two faces: the same ten-region `pulumi up` through the dynamic resource (the top-level
// TypeScript project) and through the plugin (a YAML program, with the release's executable),
// compared by the emulator's log:
// the same operations, region by region, in the same order, in the same account.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import type { LogEntry } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { emulatorConfig, ok, pluginEmulatorConfig, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";
import { releasedPlugin } from "../support/release";

const REGIONS = [
  "ap-northeast-1",
  "ap-southeast-1",
  "cn-beijing",
  "cn-chengdu",
  "cn-hangzhou",
  "cn-qingdao",
  "cn-shanghai",
  "cn-shenzhen",
  "eu-central-1",
  "us-west-1",
];

/** The operations of each region, in the order the emulator served them. */
function byRegion(log: readonly LogEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of log) if (e.regionId) (out[e.regionId] ??= []).push(`${e.action} ${e.outcome}`);
  return out;
}

describe("the dynamic resource and the plugin: the same operations, region by region", function () {
  this.timeout(900_000);
  const suite = cliSuite({
    latencyMs: 10,
    languages: ["yaml"],
    env: () => ({ PULUMI_SKIP_CONFIRMATIONS: "true" }),
  });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  it("an up of ten regions, a second up, and a refresh after one region was turned off", async () => {
    const faces: Record<string, { dir: string; config: ReturnType<typeof emulatorConfig> }> = {
      dynamic: { dir: REPO_ROOT, config: [...emulatorConfig(emulator), ["regions", REGIONS.join(",")]] },
      plugin: {
        dir: mkdtempSync(join(tmpdir(), "parity-")),
        config: [...pluginEmulatorConfig(emulator), ["regions", REGIONS.join(",")]],
      },
    };
    writeFileSync(
      join(faces.plugin.dir, "Pulumi.yaml"),
      `name: parity\nruntime: yaml\npackages:\n  alicloud-ip-pool-service: ${await releasedPlugin()}\n` +
        `config:\n  regions:\n    type: string\nvariables:\n  regionIds:\n    fn::split:\n      - ","\n      - \${regions}\n` +
        `resources:\n` +
        REGIONS.map(
          (r, i) =>
            `  ip-pool-${r}:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolService\n    properties:\n      regionId: \${regionIds[${i}]}\n`,
        ).join(""),
    );
    const logs: Record<string, LogEntry[][]> = {};
    for (const [face, { dir, config }] of Object.entries(faces)) {
      emulator.reset();
      const stack = `parity-${face}-${process.pid}`;
      ok(await cli.pulumi(dir, "stack", "init", stack), "stack init");
      try {
        await cli.configSet(dir, config);
        const steps: LogEntry[][] = [];
        ok(await cli.pulumi(dir, "up"), `${face}: pulumi up`);
        assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), REGIONS, face);
        steps.push(emulator.log());
        emulator.clearLog();
        ok(await cli.pulumi(dir, "up"), `${face}: a second pulumi up`);
        steps.push(emulator.log());
        emulator.clearLog();
        emulator.setRegion(emulator.defaultAccount.uid, "cn-qingdao", { enabled: false });
        ok(await cli.pulumi(dir, "refresh"), `${face}: pulumi refresh`);
        steps.push(emulator.log());
        logs[face] = steps;
      } finally {
        await cli.pulumi(dir, "stack", "rm", "--yes", "--force", stack);
      }
    }
    for (const [i, step] of ["up", "second up", "refresh"].entries()) {
      assert.deepEqual(
        byRegion(logs.plugin[i]),
        byRegion(logs.dynamic[i]),
        `${step}: the operations of each region`,
      );
      const others = (log: LogEntry[]) =>
        [...new Set(log.filter((e) => !e.regionId).map((e) => e.action))].sort();
      assert.deepEqual(others(logs.plugin[i]), others(logs.dynamic[i]), `${step}: the calls of no region`);
    }
    assert.equal(byRegion(logs.plugin[0])["cn-hangzhou"].filter((op) => op.startsWith("Open")).length, 1);
  });
});
