// The entry point of the provider plugin `pulumi-resource-alicloud-ip-pool-service`. The engine
// starts it with its own address first. Logging against a resource goes to that address, which
// the SDK's settings do not hold when the plugin runs as a source plugin (the SDK read them before
// this module was loaded), so they are set here, then the plugin is served. This module exports
// nothing (a module that exported a component would be served as a component provider instead).
import * as pulumi from "@pulumi/pulumi";
import { main } from "@pulumi/pulumi/provider";
import { interceptConfigure } from "./configureHook";
import { pluginBuild } from "./pluginBuild";
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
const plugin = new PoolServicePlugin(pluginBuild());
const restore = interceptConfigure({
  inputs: (inputs, explicitProvider) => plugin.configure(inputs, explicitProvider),
  unreadable: (cause) => plugin.configureFailed(cause),
});
// `main` registers the provider service synchronously, before its first await.
void main(plugin, args);
if (!restore()) {
  plugin.configureFailed(
    new Error(
      "the SDK's provider service was not registered where the Configure hook looks (grpc-js Server.addService)",
    ),
  );
}
