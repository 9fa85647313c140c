// Makes dist/plugin a source plugin (run after tsc by `npm run build`): a PulumiPlugin.yaml with
// `runtime: nodejs` and a package.json whose main is the plugin's entry, so that
// `pulumi package add <clone>/dist/plugin` (or `node_modules/pulumi-alicloud-ip-pool-service/dist/plugin`)
// takes the plugin in. Its dependencies are the package's own, found from the folder's parents.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const folder = join(root, "dist", "plugin");

if (process.argv.includes("--help")) {
  console.log(`Usage: ts-node scripts/pluginFolder.ts

Writes dist/plugin/PulumiPlugin.yaml and dist/plugin/package.json after \`tsc\` has compiled the
plugin, so that \`pulumi package add dist/plugin\` runs it as a source plugin. Run by \`npm run build\`.`);
  process.exit(0);
}
if (!existsSync(join(folder, "main.js"))) {
  console.error(
    `pluginFolder: ${join(folder, "main.js")} is missing: run \`npm run build\`, which compiles it first`,
  );
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
writeFileSync(
  join(folder, "PulumiPlugin.yaml"),
  "# A source plugin: the engine runs main.js with Node.js (`pulumi package add <this folder>`).\nruntime: nodejs\n",
);
writeFileSync(
  join(folder, "package.json"),
  `${JSON.stringify(
    {
      name: "pulumi-resource-alicloud-ip-pool-service",
      version,
      description:
        "The provider plugin of pulumi-alicloud-ip-pool-service, run from this folder as a source plugin.",
      private: true,
      license: "Apache-2.0",
      main: "main.js",
    },
    null,
    2,
  )}\n`,
);
console.log(`pluginFolder: ${folder} is a source plugin (version ${version})`);
