import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "./serializedProvider";

/** Arguments of a {@link PublicIpAddressPoolService}. */
export interface PublicIpAddressPoolServiceArgs {
  /**
   * The region to activate, e.g. `cn-hangzhou`. Defaults to stack config `alicloud:region`, then
   * the environment variables `ALIBABA_CLOUD_REGION` and `ALICLOUD_REGION`. Changing it replaces
   * the resource; the old region stays enabled.
   */
  regionId?: pulumi.Input<string>;
}

/** The resource's inputs as the provider sees them, after `check`. */
export interface PublicIpAddressPoolServiceInputs {
  /** Region ID. */
  regionId: string;
  /** Idempotency token of the Open call, generated once per resource and kept across retries. */
  clientToken: string;
}

/** The resource's outputs, as stored in the state. */
export interface PublicIpAddressPoolServiceOutputs {
  /** Region ID. */
  regionId: string;
  /** True once the feature is active in the region. */
  enabled: boolean;
  /** True when the region was already active and no Open call was sent. */
  adopted: boolean;
  /** Request ID of the Open call, when one was sent. */
  requestId?: string;
}

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
  /** True once the feature is active in the region. */
  declare public readonly enabled: pulumi.Output<boolean>;
  /** True when the region was already active and no Open call was sent. */
  declare public readonly adopted: pulumi.Output<boolean>;
  /** Request ID of the Open call, when one was sent. */
  declare public readonly requestId: pulumi.Output<string | undefined>;

  /** Declares the activation of one region. */
  constructor(name: string, args: PublicIpAddressPoolServiceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      serializedProvider,
      name,
      { regionId: args.regionId, enabled: undefined, adopted: undefined, requestId: undefined },
      opts,
      RESOURCE_MODULE,
      RESOURCE_TYPE,
    );
  }
}
