// Runs in its own process: loads @pulumi/pulumi, then this package by name, and declares a
// resource and a component under the SDK's mocks. Prints one JSON line: the modules the package
// loaded, and the require.cache entries present before that it replaced.
"use strict";
const pulumi = require("@pulumi/pulumi");

async function main() {
  await pulumi.runtime.setMocks(
    { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs },
    "project",
    "stack",
    false,
  );
  const before = new Map(Object.entries(require.cache));
  const pkg = require("pulumi-alicloud-ip-pool-service");
  const single = new pkg.PublicIpAddressPoolService("one", { regionId: "cn-hangzhou" });
  new pkg.PublicIpAddressPoolServices("many", { regionIds: ["cn-beijing", "cn-shanghai"] });
  await new Promise((resolve) => single.urn.apply(resolve));
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const replaced = [...before].filter(([k, m]) => require.cache[k] !== m).map(([k]) => k);
  console.log(JSON.stringify({ loaded, replaced }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
