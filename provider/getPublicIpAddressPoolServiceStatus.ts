import * as pulumi from "@pulumi/pulumi";
import { assumeRoleProblem, type AssumeRoleSpec } from "./alicloudConfig";
import { shownError } from "./poolServiceError";
import { resolveRegion } from "./regionId";
import { scrubberFor } from "./secretScrubber";
import { configSource } from "./settings";

/** Arguments of {@link getPublicIpAddressPoolServiceStatus}. */
export interface GetPublicIpAddressPoolServiceStatusArgs {
  /** The region to ask about; defaults like the resource's (`alicloud:region`, then the environment). */
  regionId?: string;
  /** A RAM role to ask through, with the fields of `alicloud:assumeRole`: the role's account is read. */
  assumeRole?: AssumeRoleSpec;
}

/** Arguments of {@link getPublicIpAddressPoolServiceStatusOutput}. */
export interface GetPublicIpAddressPoolServiceStatusOutputArgs {
  /** The region to ask about; defaults like the resource's. */
  regionId?: pulumi.Input<string>;
  /** A RAM role to ask through; the role's account is read. */
  assumeRole?: pulumi.Input<AssumeRoleSpec>;
}

/** Whether the feature is active in a region. */
export interface GetPublicIpAddressPoolServiceStatusResult {
  /** The region asked about. */
  regionId: string;
  /** True when the Public IP Address Pool feature is active there. */
  enabled: boolean;
}

/**
 * Reads whether the Public IP Address Pool feature is active in a region, changing nothing. Safe
 * during `pulumi preview`. Uses the resource's credentials, endpoint rules, retries and diagnostics.
 */
export async function getPublicIpAddressPoolServiceStatus(
  args: GetPublicIpAddressPoolServiceStatusArgs = {},
): Promise<GetPublicIpAddressPoolServiceStatusResult> {
  // The program's stack configuration, read raw (secrets included) and only when a call is made.
  const config = configSource({ get: (key) => pulumi.runtime.getConfig(key) });
  const region = resolveRegion({
    explicit: args.regionId,
    subject: "regionId",
    howToSet: "pass `regionId`",
    config,
    env: process.env,
  });
  if (region.problem !== undefined) throw new Error(`getPublicIpAddressPoolServiceStatus: ${region.problem}`);
  const roleProblem =
    args.assumeRole === undefined ? undefined : assumeRoleProblem(args.assumeRole, "assumeRole");
  if (roleProblem) throw new Error(`getPublicIpAddressPoolServiceStatus: ${roleProblem}`);
  // Loaded on first call: declaring resources must not load the Alibaba Cloud SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed below
  const { PoolServiceApi } = require("./poolServiceApi") as typeof import("./poolServiceApi");
  const scrubber = scrubberFor(config, process.env);
  try {
    const enabled = await new PoolServiceApi({
      config,
      env: process.env,
      scrubber,
      assumeRole: args.assumeRole && { value: args.assumeRole, source: "the function's assumeRole" },
    }).status(region.regionId);
    return { regionId: region.regionId, enabled };
  } catch (err) {
    throw shownError(err, (text) => scrubber.scrub(text), "getPublicIpAddressPoolServiceStatus");
  }
}

/** {@link getPublicIpAddressPoolServiceStatus} in Pulumi's Output style: takes Inputs, returns an Output. */
export function getPublicIpAddressPoolServiceStatusOutput(
  args: GetPublicIpAddressPoolServiceStatusOutputArgs = {},
): pulumi.Output<GetPublicIpAddressPoolServiceStatusResult> {
  return pulumi.all([args.regionId, args.assumeRole]).apply(([regionId, assumeRole]) =>
    getPublicIpAddressPoolServiceStatus({
      regionId: regionId ?? undefined,
      assumeRole: (assumeRole as AssumeRoleSpec | undefined) ?? undefined,
    }),
  );
}
