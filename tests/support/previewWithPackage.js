// Previews an existing e2e stack with whatever `pulumi-alicloud-ip-pool-service` resolves to from
// the current directory (the upgrade test puts a copy with another version number there).
// Prints one JSON line: {"version": <the package version loaded>, "changeSummary": {...}}.
"use strict";
const { copyFileSync } = require("node:fs");
const { join } = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const fromHere = (name) => require(require.resolve(name, { paths: [process.cwd()] }));
const { PublicIpAddressPoolService } = fromHere("pulumi-alicloud-ip-pool-service");
const { version } = fromHere("pulumi-alicloud-ip-pool-service/package.json");

async function main() {
  const workDir = process.cwd();
  for (const file of ["Pulumi.yaml", "Pulumi.e2e.yaml"]) {
    copyFileSync(join(process.env.E2E_WORK_DIR, file), join(workDir, file));
  }
  const regions = process.env.E2E_REGIONS.split(",");
  const program = async () => {
    for (const regionId of regions) new PublicIpAddressPoolService(`pool-${regionId}`, { regionId });
  };
  const pulumiCommand = await PulumiCommand.get({
    root: process.env.E2E_PULUMI_ROOT,
    skipVersionCheck: true,
  });
  const stack = await LocalWorkspace.selectStack(
    { stackName: "e2e", projectName: "ip-pool-e2e", program },
    { workDir, pulumiCommand },
  );
  const preview = await stack.preview();
  console.log(JSON.stringify({ version, changeSummary: preview.changeSummary }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
