import * as pulumi from "@pulumi/pulumi";
import { PublicIpAddressPoolService, type AssumeRoleArgs } from "./publicIpAddressPoolService";
import { assertRegionIds, declareRegions } from "../pulumi/regionsComponentBody";

/** Arguments of {@link PublicIpAddressPoolServiceRegions}. */
export interface PublicIpAddressPoolServiceRegionsArgs {
  /** The regions to activate, e.g. `["cn-hangzhou", "ap-southeast-1"]`; each becomes one child. */
  regionIds: string[];
  /**
   * A RAM role every region acts through, with the fields of `alicloud:assumeRole`: the stack's
   * credentials assume it and the role's account is activated. One component per account rolls
   * out an organisation.
   */
  assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** Type token of the component. */
export const COMPONENT_TYPE = "pulumi-alicloud-ip-pool-service:index:PublicIpAddressPoolServiceRegions";

/** The component's type token before release 0.2.0, kept as an alias so existing stacks see no replacement. */
export const COMPONENT_TYPE_BEFORE_0_2 = "pulumi-alicloud-ip-pool-service:index:PublicIpAddressPoolServices";

/**
 * Activates the feature in a list of regions: one child {@link PublicIpAddressPoolService} per
 * region, named `<name>-<regionId>`.
 */
export class PublicIpAddressPoolServiceRegions extends pulumi.ComponentResource {
  /** The child resource of each region, by region ID. */
  public readonly services: Readonly<Record<string, PublicIpAddressPoolService>>;
  /**
   * `true` for each region once `pulumi up` has activated (or adopted) it, by region ID. Not a live
   * reading: a resource stays in the state only while its region is on (a refresh that finds it
   * off removes it); the status function reads the live state.
   */
  public readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions this component activates, sorted: `regionIds` once `pulumi up` has succeeded. */
  public readonly enabledRegions: pulumi.Output<string[]>;
  /** The account the regions were activated in (the role's, or the credentials' own; none for an empty list). */
  public readonly accountId: pulumi.Output<string>;

  /** Declares one activation per region. */
  constructor(
    name: string,
    args: PublicIpAddressPoolServiceRegionsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    assertRegionIds("PublicIpAddressPoolServiceRegions", name, args?.regionIds);
    super(
      COMPONENT_TYPE,
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: COMPONENT_TYPE_BEFORE_0_2 }] },
    );
    const { children, enabled, enabledRegions, accountId } = declareRegions(
      this,
      name,
      args.regionIds,
      (childName, regionId, childOpts) =>
        new PublicIpAddressPoolService(childName, { regionId, assumeRole: args.assumeRole }, childOpts),
    );
    this.services = children;
    this.enabled = enabled;
    this.enabledRegions = enabledRegions;
    this.accountId = accountId;
    this.registerOutputs({ enabled, enabledRegions, accountId });
  }
}

/**
 * @deprecated Renamed {@link PublicIpAddressPoolServiceRegions} (one letter from the resource's name); same component.
 * @alias
 */
export const PublicIpAddressPoolServices = PublicIpAddressPoolServiceRegions;

/** @deprecated Renamed {@link PublicIpAddressPoolServiceRegionsArgs}. */
export type PublicIpAddressPoolServicesArgs = PublicIpAddressPoolServiceRegionsArgs;
