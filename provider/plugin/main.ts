// The entry point of the provider plugin `pulumi-resource-alicloud-ip-pool-service`. The engine
// starts it with its own address first. Logging against a resource goes to that address, which
// the SDK's settings do not hold when the plugin runs as a source plugin (the SDK read them before
// this module was loaded), so they are set here, then the plugin is served. This module exports
// nothing (a module that exported a component would be served as a component provider instead).
import * as pulumi from "@pulumi/pulumi";
import { main } from "@pulumi/pulumi/provider";
import { onConfigure } from "./configureHook";
import { PoolServicePlugin } from "./pluginProvider";

const args = process.argv.slice(2);
const engineAddress = args.find((arg) => !arg.startsWith("-"));
if (engineAddress) {
  pulumi.runtime.resetOptions(
    pulumi.getProject(),
    pulumi.getStack(),
    0,
    engineAddress,
    "",
    pulumi.runtime.isDryRun(),
    "", // set with the project and stack by the engine's first construct
  );
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- outside rootDir: read, not compiled in
const { version } = require("../../package.json") as { version: string };
const plugin = new PoolServicePlugin(version);
onConfigure((inputs) => plugin.configure(inputs));
void main(plugin, args);
