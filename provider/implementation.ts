// The functions that the serialized provider of release 0.1.0 calls by name, through
// `require("pulumi-alicloud-ip-pool-service/implementation")`. Resources created by that release
// keep that provider in their state: the engine runs it for `pulumi refresh` and `pulumi destroy`
// (it uses the state's copy for read and delete), so these entry points stay for them. New
// resources store the provider of serializedProvider.ts, which calls createProvider instead.
import type * as pulumi from "@pulumi/pulumi";
import type {
  PublicIpAddressPoolServiceInputs,
  PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
import { createProvider, type PoolServiceProvider } from "./resourceProvider";

type Inputs = PublicIpAddressPoolServiceInputs;
type Outputs = PublicIpAddressPoolServiceOutputs;

/**
 * A cache of the provider object that `configure` built: the 0.1.0 provider calls the other
 * functions without it. The engine calls `configure` first in each provider process; when it has
 * not (nothing to configure), the provider is built from the environment alone.
 */
const configured = new Map<"provider", PoolServiceProvider>();

function provider(): PoolServiceProvider {
  let built = configured.get("provider");
  if (!built) {
    built = createProvider({ config: { get: () => undefined }, env: process.env, log: console.log });
    configured.set("provider", built);
  }
  return built;
}

/** Builds the provider for the stack's configuration. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configured.set("provider", createProvider({ config: req.config, env: process.env, log: console.log }));
}

/** See {@link PoolServiceProvider.check}. */
export function check(olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult<Inputs>> {
  return provider().check(olds, news);
}

/** See {@link PoolServiceProvider.diff}. */
export function diff(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  return provider().diff(id, olds, news);
}

/** See {@link PoolServiceProvider.create}. */
export function create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
  return provider().create(inputs);
}

/** See {@link PoolServiceProvider.read}. */
export function read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
  return provider().read(id, props);
}

/** See {@link PoolServiceProvider.delete}. */
export function remove(id: string, props: Outputs): Promise<void> {
  return provider().delete(id, props);
}
