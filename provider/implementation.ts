// The dynamic provider's behaviour. The serialized provider loads this module by package name
// (`pulumi-alicloud-ip-pool-service/implementation`) in the provider process, at call time.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { activateRegion } from "./activation";
import { PoolServiceApi } from "./poolServiceApi";
import type {
  PublicIpAddressPoolServiceInputs,
  PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
import { regionIdProblem } from "./regionId";
import { CONFIG_KEYS, defaultRegion, NO_CONFIG, type ConfigSource } from "./settings";

type Inputs = PublicIpAddressPoolServiceInputs;
type Outputs = PublicIpAddressPoolServiceOutputs;

/** The value Pulumi passes for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let stackConfig: ConfigSource = NO_CONFIG;

/** Writes a line the engine shows the user. */
function say(line: string): void {
  console.log(line);
}

function api(): PoolServiceApi {
  return new PoolServiceApi({
    config: stackConfig,
    env: process.env,
    onRetry: ({ failure, attempt, delayMs, operation, regionId }) => {
      if (delayMs >= 1000) {
        say(
          `${regionId ?? ""}: ${operation} got ${failure.code} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)}s`,
        );
      }
    },
  });
}

/** Keeps the stack configuration for later calls; credentials are read from it at call time. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const config = req.config;
  stackConfig = {
    get: (key) => {
      const value: unknown = config.get(key);
      return value === undefined || value === null || value === "" ? undefined : String(value);
    },
  };
}

/** Uses a configuration view other than the engine's (tests and benchmarks drive the provider in process). */
export function useConfig(config: ConfigSource): void {
  stackConfig = config;
}

/**
 * Validates `regionId` (defaulting it from config or the environment) and keeps one idempotency
 * token per resource. Sends no API call.
 */
export async function check(
  olds: Partial<Inputs> | undefined,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<Inputs>> {
  // Settings and credential config are not properties, but a preview should still name a bad one.
  api();
  const failures: pulumi.dynamic.CheckFailure[] = [];
  let regionId = news.regionId;
  let source = "";
  if (regionId === undefined || regionId === null) {
    regionId = defaultRegion(stackConfig, process.env);
    source =
      stackConfig.get(CONFIG_KEYS.region) !== undefined
        ? ` (from stack config ${CONFIG_KEYS.region})`
        : " (from the environment)";
  }
  if (regionId === undefined) {
    failures.push({
      property: "regionId",
      reason:
        "regionId is not set and there is no default region: set `regionId` on the resource, or run " +
        "`pulumi config set alicloud:region <region>`, or export ALIBABA_CLOUD_REGION.",
    });
  } else if (regionId !== UNKNOWN) {
    const problem = regionIdProblem(regionId);
    if (problem) failures.push({ property: "regionId", reason: problem + source });
  }
  const keep =
    olds?.regionId === regionId && typeof olds?.clientToken === "string" && olds.clientToken !== "";
  const clientToken = keep ? (olds!.clientToken as string) : randomUUID();
  return { inputs: { regionId: regionId as string, clientToken }, failures };
}

/** A changed `regionId` replaces the resource; nothing else is a change. */
export async function diff(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  if (news.regionId === UNKNOWN || olds.regionId !== news.regionId) {
    return { changes: true, replaces: ["regionId"], deleteBeforeReplace: false };
  }
  return { changes: false };
}

function outputs(result: { regionId: string; adopted: boolean; requestId?: string }): Outputs {
  const outs: Outputs = { regionId: result.regionId, enabled: true, adopted: result.adopted };
  if (result.requestId) outs.requestId = result.requestId;
  return outs;
}

/** Activates the region (or adopts it when already active). */
export async function create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
  const client = api();
  const result = await activateRegion(client, inputs.regionId, inputs.clientToken, {
    activationTimeoutMs: client.settings.activationTimeoutMs,
    progress: say,
  });
  return { id: inputs.regionId, outs: outputs(result) };
}

/** Reads the live state: a region no longer enabled is reported gone, so the next up activates it. */
export async function read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
  const regionId = props?.regionId ?? id;
  if (!(await api().status(regionId))) return { id: "" };
  return { id, props: { ...props, regionId, enabled: true } };
}

/** Removes the resource from the stack only: Alibaba Cloud has no API to turn the feature off. */
export async function remove(_id: string, props: Outputs): Promise<void> {
  say(
    `${props.regionId}: the Public IP Address Pool feature stays enabled in ${props.regionId}; ` +
      "Alibaba Cloud has no API to turn it off, so it is only removed from the stack.",
  );
}
