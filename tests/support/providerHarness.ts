import assert from "node:assert/strict";
import type { PublicIpAddressPoolServiceInputs } from "../../provider/dynamic/publicIpAddressPoolService";
import { createProvider, type PoolServiceProvider } from "../../provider/dynamic/resourceProvider";
import type { Emulator } from "../../emulator";
import { stackConfigFor, type StackConfig } from "../../scripts/harness/stackConfig";

/** A provider object that tests call, built for a stack config as the engine's `configure` builds one. */
export interface ProviderHarness {
  /** Builds the provider for a stack config, as the engine's `configure` would; {@link provider} returns it. */
  useStackConfig(config: StackConfig): void;
  /** The provider built by the last {@link useStackConfig} (one with no stack config before that). */
  provider(): PoolServiceProvider;
  /** Calls `check` with inputs as a program could send them, of any shape. */
  check(olds: unknown, news: unknown): ReturnType<PoolServiceProvider["check"]>;
  /** Points the provider at an emulator with its ready account, as a test's starting point; returns the undo. */
  useEmulator(emulator: Emulator, extra?: StackConfig): () => void;
  /** Runs check then create, as the engine does for a new resource. */
  checkAndCreate(regionId: unknown): Promise<{
    inputs: PublicIpAddressPoolServiceInputs;
    outs: Awaited<ReturnType<PoolServiceProvider["create"]>>["outs"];
  }>;
  /** check, then create, of one region with other inputs of the resource; asserts check refused nothing. */
  createRegion(
    regionId: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; outs: NonNullable<Awaited<ReturnType<PoolServiceProvider["create"]>>["outs"]> }>;
}

/** A harness of its own for a test file: its provider lives as long as the harness. */
export function providerHarness(): ProviderHarness {
  let current: PoolServiceProvider | undefined;
  const useStackConfig = (config: StackConfig) => {
    current = createProvider({
      config: { get: (key) => config[key] },
      env: process.env,
      log: (line) => console.log(line),
    });
  };
  const provider = () => {
    if (!current) useStackConfig({});
    return current!;
  };
  const check = (olds: unknown, news: unknown) =>
    provider().check(olds as PublicIpAddressPoolServiceInputs, news as PublicIpAddressPoolServiceInputs);
  return {
    useStackConfig,
    provider,
    check,
    useEmulator: (emulator, extra = {}) => {
      useStackConfig(stackConfigFor(emulator.defaultAccount.keys[0], extra));
      return setEnv(emulator.endpointEnv);
    },
    checkAndCreate: async (regionId) => {
      const checked = await check({}, { regionId });
      if (checked.failures && checked.failures.length > 0) {
        throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      }
      const inputs = checked.inputs as PublicIpAddressPoolServiceInputs;
      const created = await provider().create(inputs);
      return { inputs, outs: created.outs };
    },
    createRegion: async (regionId, extra = {}) => {
      const checked = await check({}, { regionId, ...extra });
      assert.deepEqual(checked.failures, []);
      const created = await provider().create(checked.inputs as PublicIpAddressPoolServiceInputs);
      const outs = created.outs;
      assert.ok(outs, "create returned no outputs");
      return { id: created.id, outs };
    },
  };
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
