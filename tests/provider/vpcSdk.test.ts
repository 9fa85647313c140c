import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/harness/engine";

const run = promisify(execFile);

/** Loads the provider's copy of the SDK in a fresh process and reports what was loaded. */
async function inFreshProcess(script: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ["-e", script], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("loading the official VPC client", () => {
  it("exposes every model of @alicloud/vpc20160428 but loads only the ones used", async () => {
    const report = await inFreshProcess(`
      const { vpcSdk } = require("./dist/transport/vpcSdk");
      const loaded = () => Object.keys(require.cache).filter((p) => p.includes("vpc20160428/dist/models/")).length;
      const before = loaded();
      const request = new vpcSdk.OpenPublicIpAddressPoolServiceRequest({ regionId: "cn-hangzhou", clientToken: "t" });
      console.log(JSON.stringify({
        exports: Object.keys(vpcSdk).length,
        before,
        after: loaded(),
        regionId: request.regionId,
        client: typeof vpcSdk.default,
        sameClass: vpcSdk.OpenPublicIpAddressPoolServiceRequest === require("@alicloud/vpc20160428/dist/models/OpenPublicIpAddressPoolServiceRequest").OpenPublicIpAddressPoolServiceRequest,
      }));`);
    assert.ok((report.exports as number) > 1700, `only ${report.exports} exports`);
    assert.ok((report.before as number) <= 1, `${report.before} model files loaded up front`);
    assert.ok((report.after as number) >= 2 && (report.after as number) < 10);
    assert.deepEqual([report.regionId, report.client, report.sameClass], ["cn-hangzhou", "function", true]);
  });

  it("matches a full load of the package, export for export", async () => {
    const report = await inFreshProcess(`
      const { vpcSdk } = require("./dist/transport/vpcSdk");
      const lazy = Object.keys(vpcSdk).sort();
      for (const k of Object.keys(require.cache)) if (k.includes("vpc20160428")) delete require.cache[k];
      const full = Object.keys(require("@alicloud/vpc20160428")).sort();
      console.log(JSON.stringify({ same: JSON.stringify(lazy) === JSON.stringify(full), count: full.length }));`);
    assert.deepEqual(report.same, true);
  });
});
