// The functions that the serialized provider of release 0.1.0 calls by name, through
// `require("pulumi-alicloud-ip-pool-service/implementation")` (the package exports this file under
// that name). Resources created by that release keep that provider in their state: the engine runs
// it for `pulumi refresh` and `pulumi destroy` (it uses the state's copy for read and delete), so
// these entry points stay for them. New resources store the provider of serializedProvider.ts,
// which calls createProvider instead.
import type * as pulumi from "@pulumi/pulumi";
import type { RegionInputs, RegionOutputs } from "../pulumi/regionRules";
import { NO_CONFIG } from "../config/configSource";
import { createProvider, type PoolServiceProvider } from "./resourceProvider";

/**
 * The provider object `configure` built, for the other functions: the 0.1.0 provider calls each
 * of them alone, so it can only live in the module. The engine calls `configure` first in each
 * provider process; when it has not (nothing to configure), the provider is built from the
 * environment alone.
 */
let configured: PoolServiceProvider | undefined;

function provider(): PoolServiceProvider {
  configured ??= createProvider({ config: NO_CONFIG, env: process.env, log: console.log });
  return configured;
}

/** Builds the provider for the stack's configuration. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configured = createProvider({ config: req.config, env: process.env, log: console.log });
}

/** See {@link PoolServiceProvider.check}. */
export function check(
  olds: RegionInputs,
  news: RegionInputs,
): Promise<pulumi.dynamic.CheckResult<RegionInputs>> {
  return provider().check(olds, news);
}

/** See {@link PoolServiceProvider.diff}. */
export function diff(
  id: string,
  olds: RegionOutputs,
  news: RegionInputs,
): Promise<pulumi.dynamic.DiffResult> {
  return provider().diff(id, olds, news);
}

/** See {@link PoolServiceProvider.create}. */
export function create(inputs: RegionInputs): Promise<pulumi.dynamic.CreateResult<RegionOutputs>> {
  return provider().create(inputs);
}

/** See {@link PoolServiceProvider.read}. */
export function read(id: string, props: RegionOutputs): Promise<pulumi.dynamic.ReadResult<RegionOutputs>> {
  return provider().read(id, props);
}

/** See {@link PoolServiceProvider.delete}. */
export function remove(id: string, props: RegionOutputs): Promise<void> {
  return provider().delete(id, props);
}
