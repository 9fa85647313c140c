import assert from "node:assert/strict";
import type { PublicIpAddressPoolServiceInputs } from "../../provider/dynamic/publicIpAddressPoolService";
import { createProvider, type PoolServiceProvider } from "../../provider/dynamic/resourceProvider";
import type { Emulator } from "../../emulator";
import { stackConfigFor, type StackConfig } from "../../scripts/harness/stackConfig";

/** The provider object tests call: built by {@link useStackConfig}, as the engine's `configure` builds one. */
let current: PoolServiceProvider | undefined;

/** Builds the provider for a stack config, as the engine's `configure` would; {@link provider} returns it. */
export function useStackConfig(config: StackConfig): void {
  current = createProvider({
    config: { get: (key) => config[key] },
    env: process.env,
    log: (line) => console.log(line),
  });
}

/** The provider built by the last {@link useStackConfig} (one with no stack config before that). */
export function provider(): PoolServiceProvider {
  if (!current) useStackConfig({});
  return current!;
}

/** Calls `check` with inputs as a program could send them, of any shape. */
export function check(olds: unknown, news: unknown): ReturnType<PoolServiceProvider["check"]> {
  return provider().check(olds as PublicIpAddressPoolServiceInputs, news as PublicIpAddressPoolServiceInputs);
}

/** Sets environment variables (undefined deletes one) and returns a function that restores them. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(vars)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => setEnv(saved);
}

/** Points the provider at an emulator with its ready account, as a test's starting point. */
export function useEmulator(emulator: Emulator, extra: StackConfig = {}): () => void {
  useStackConfig(stackConfigFor(emulator.defaultAccount.keys[0], extra));
  return setEnv(emulator.endpointEnv);
}

/** Runs check then create, as the engine does for a new resource. */
export async function checkAndCreate(regionId: unknown): Promise<{
  inputs: PublicIpAddressPoolServiceInputs;
  outs: Awaited<ReturnType<PoolServiceProvider["create"]>>["outs"];
}> {
  const checked = await check({}, { regionId });
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  }
  const inputs = checked.inputs as PublicIpAddressPoolServiceInputs;
  const created = await provider().create(inputs);
  return { inputs, outs: created.outs };
}

/** check, then create, of one region with other inputs of the resource; asserts check refused nothing. */
export async function createRegion(regionId: string, extra: Record<string, unknown> = {}) {
  const checked = await check({}, { regionId, ...extra });
  assert.deepEqual(checked.failures, []);
  const created = await provider().create(checked.inputs as PublicIpAddressPoolServiceInputs);
  assert.ok(created.outs, "create returned no outputs");
  return { id: created.id, outs: created.outs };
}
