import * as impl from "../../provider/implementation";
import type { PublicIpAddressPoolServiceInputs } from "../../provider/publicIpAddressPoolService";
import type { AccessKey } from "../emulator/accounts";
import type { Emulator } from "../emulator/emulator";

/** Stack config for the provider, as `pulumi config set` would give it. */
export type StackConfig = Record<string, string>;

/** Stack config that signs with a key of the emulator and shortens waits so failing tests end fast. */
export function stackConfigFor(key: AccessKey, extra: StackConfig = {}): StackConfig {
  const config: StackConfig = {
    "alicloud:accessKey": key.accessKeyId,
    "alicloud:secretKey": key.accessKeySecret,
    "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": "4",
    ...extra,
  };
  if (key.securityToken) config["alicloud:securityToken"] = key.securityToken;
  return config;
}

/** Hands the provider a stack config, as the engine's `configure` would. */
export function useStackConfig(config: StackConfig): void {
  impl.useConfig({ get: (key) => (config[key] === "" ? undefined : config[key]) });
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
  return setEnv({ ALICLOUD_VPC_ENDPOINT: emulator.endpoint });
}

/** Runs check then create, as the engine does for a new resource. */
export async function checkAndCreate(regionId: unknown): Promise<{
  inputs: PublicIpAddressPoolServiceInputs;
  outs: Awaited<ReturnType<typeof impl.create>>["outs"];
}> {
  const checked = await impl.check({}, { regionId });
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  }
  const inputs = checked.inputs as PublicIpAddressPoolServiceInputs;
  const created = await impl.create(inputs);
  return { inputs, outs: created.outs };
}

/** Runs a call that must fail and returns its error. */
export async function failureOf(call: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await call;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, and it succeeded");
}
