import * as pulumi from "@pulumi/pulumi";
import { configSource } from "../config/configSource";
import type { AssumeRoleSpec } from "../config/roles";
import { faceContext } from "../diagnostics/faceContext";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { STACK_TERMS } from "../config/settingTerms";
import { lookUpStatus, type RegionStatusResult } from "../core/statusLookup";

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
export type GetPublicIpAddressPoolServiceStatusResult = RegionStatusResult;

/**
 * Reads whether the Public IP Address Pool feature is active in a region, changing nothing. Safe
 * during `pulumi preview`. Uses the resource's credentials, endpoint rules, retries and diagnostics.
 */
export async function getPublicIpAddressPoolServiceStatus(
  args: GetPublicIpAddressPoolServiceStatusArgs = {},
): Promise<GetPublicIpAddressPoolServiceStatusResult> {
  // The program's stack configuration, read raw (secrets included) and only when a call is made.
  const config = configSource({ get: (key) => pulumi.runtime.getConfig(key) });
  return lookUpStatus(args, {
    config,
    env: process.env,
    operation: LOCAL_OPERATIONS.statusFunction,
    context: faceContext(STACK_TERMS),
  });
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
