import * as pulumi from "@pulumi/pulumi";
import { regionIdProblem } from "./regionId";
import { defaultRegion, type ConfigSource } from "./settings";

/** Arguments of {@link getPublicIpAddressPoolServiceStatus}. */
export interface GetPublicIpAddressPoolServiceStatusArgs {
  /** The region to ask about; defaults like the resource's (`alicloud:region`, then the environment). */
  regionId?: string;
}

/** Arguments of {@link getPublicIpAddressPoolServiceStatusOutput}. */
export interface GetPublicIpAddressPoolServiceStatusOutputArgs {
  /** The region to ask about; defaults like the resource's. */
  regionId?: pulumi.Input<string>;
}

/** Whether the feature is active in a region. */
export interface GetPublicIpAddressPoolServiceStatusResult {
  /** The region asked about. */
  regionId: string;
  /** True when the Public IP Address Pool feature is active there. */
  enabled: boolean;
}

/** The program's stack configuration, read raw (secrets included) and only when a call is made. */
const programConfig: ConfigSource = { get: (key) => pulumi.runtime.getConfig(key) };

/**
 * Reads whether the Public IP Address Pool feature is active in a region, changing nothing. Safe
 * during `pulumi preview`. Uses the resource's credentials, endpoint rules, retries and diagnostics.
 */
export async function getPublicIpAddressPoolServiceStatus(
  args: GetPublicIpAddressPoolServiceStatusArgs = {},
): Promise<GetPublicIpAddressPoolServiceStatusResult> {
  const regionId = args.regionId ?? defaultRegion(programConfig, process.env);
  if (regionId === undefined) {
    throw new Error(
      "getPublicIpAddressPoolServiceStatus: regionId is not set and there is no default region: pass " +
        "`regionId`, or run `pulumi config set alicloud:region <region>`, or export ALIBABA_CLOUD_REGION.",
    );
  }
  const problem = regionIdProblem(regionId);
  if (problem) throw new Error(`getPublicIpAddressPoolServiceStatus: ${problem}`);
  // Loaded on first call: declaring resources must not load the Alibaba Cloud SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed below
  const { PoolServiceApi } = require("./poolServiceApi") as typeof import("./poolServiceApi");
  const enabled = await new PoolServiceApi({ config: programConfig, env: process.env }).status(regionId);
  return { regionId, enabled };
}

/** {@link getPublicIpAddressPoolServiceStatus} in Pulumi's Output style: takes Inputs, returns an Output. */
export function getPublicIpAddressPoolServiceStatusOutput(
  args: GetPublicIpAddressPoolServiceStatusOutputArgs = {},
): pulumi.Output<GetPublicIpAddressPoolServiceStatusResult> {
  return pulumi
    .output(args.regionId)
    .apply((regionId) => getPublicIpAddressPoolServiceStatus({ regionId: regionId ?? undefined }));
}
