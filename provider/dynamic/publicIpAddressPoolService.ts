import * as pulumi from "@pulumi/pulumi";
import type { RegionInputs, RegionOutputs } from "../pulumi/regionRules";
import { serializedProvider } from "./serializedProvider";

/** A RAM role to act through, with the fields of `alicloud:assumeRole`. */
export interface AssumeRoleArgs {
  /** ARN of the role, `acs:ram::<16-digit account ID>:role/<name>`: its account is the one acted in. */
  roleArn: pulumi.Input<string>;
  /** Session name (default "pulumi-alicloud-ip-pool-service"). */
  sessionName?: pulumi.Input<string>;
  /** A policy that narrows the session's permissions (JSON text). */
  policy?: pulumi.Input<string>;
  /** Session length in seconds, 900 to 43200 (default 3600); the session is renewed before it ends. */
  sessionExpiration?: pulumi.Input<number>;
  /** The external ID the role's trust policy requires. */
  externalId?: pulumi.Input<string>;
}

/** Arguments of a {@link PublicIpAddressPoolService}. */
export interface PublicIpAddressPoolServiceArgs {
  /**
   * The region to activate, e.g. `cn-hangzhou`. Defaults to stack config `alicloud:region`, then
   * the environment variables `ALICLOUD_REGION` and `ALIBABA_CLOUD_REGION`. Changing it replaces
   * the resource; the old region stays enabled.
   */
  regionId?: pulumi.Input<string>;
  /**
   * A RAM role to assume with the stack's credentials: the feature is activated in the role's
   * account. Moving to another account replaces the resource; other changes of the role do not.
   */
  assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** The resource's inputs as the provider sees them, after `check`. */
export type PublicIpAddressPoolServiceInputs = RegionInputs;

/** The resource's outputs, as stored in the state. */
export type PublicIpAddressPoolServiceOutputs = RegionOutputs;

/** Type token module and name: `pulumi-nodejs:dynamic/alicloud:PublicIpAddressPoolService`. */
export const RESOURCE_MODULE = "alicloud";
/** Type name of the resource. */
export const RESOURCE_TYPE = "PublicIpAddressPoolService";

/**
 * Activates Alibaba Cloud's Public IP Address Pool feature (VPC `OpenPublicIpAddressPoolService`)
 * in one region. An already active region is adopted without an API write. Deleting the resource
 * leaves the feature enabled: Alibaba Cloud has no API to turn it off.
 */
export class PublicIpAddressPoolService extends pulumi.dynamic.Resource {
  /** The region. */
  declare public readonly regionId: pulumi.Output<string>;
  /**
   * True once the feature is active in the region: a resource is in the state only while its
   * region is on (a refresh that finds it off removes it).
   */
  declare public readonly enabled: pulumi.Output<boolean>;
  /** True when the region was already active and no Open call was sent. */
  declare public readonly adopted: pulumi.Output<boolean>;
  /** Request ID of the Open call, when one was sent. */
  declare public readonly requestId: pulumi.Output<string | undefined>;
  /** The account the feature was activated in, as STS reports it: the role's, or the credentials' own. */
  declare public readonly accountId: pulumi.Output<string>;

  /** Declares the activation of one region. */
  constructor(name: string, args: PublicIpAddressPoolServiceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      serializedProvider,
      name,
      {
        regionId: args.regionId,
        assumeRole: args.assumeRole,
        enabled: undefined,
        adopted: undefined,
        requestId: undefined,
        accountId: undefined,
      },
      opts,
      RESOURCE_MODULE,
      RESOURCE_TYPE,
    );
  }
}
