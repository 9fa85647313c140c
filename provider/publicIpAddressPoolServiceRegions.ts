import * as pulumi from "@pulumi/pulumi";
import { PublicIpAddressPoolService } from "./publicIpAddressPoolService";

/** Arguments of {@link PublicIpAddressPoolServiceRegions}. */
export interface PublicIpAddressPoolServiceRegionsArgs {
  /** The regions to activate, e.g. `["cn-hangzhou", "ap-southeast-1"]`; each becomes one child. */
  regionIds: string[];
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
   * off removes it); `getPublicIpAddressPoolServiceStatus` reads the live state.
   */
  public readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions this component activates, sorted: `regionIds` once `pulumi up` has succeeded. */
  public readonly enabledRegions: pulumi.Output<string[]>;

  /** Declares one activation per region. */
  constructor(
    name: string,
    args: PublicIpAddressPoolServiceRegionsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(
      COMPONENT_TYPE,
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: COMPONENT_TYPE_BEFORE_0_2 }] },
    );
    const duplicates = args.regionIds.filter((r, i) => args.regionIds.indexOf(r) !== i);
    if (duplicates.length > 0) {
      throw new Error(
        `PublicIpAddressPoolServiceRegions ${name}: regionIds lists ${[...new Set(duplicates)].join(", ")} more than once; list each region once.`,
      );
    }
    const services: Record<string, PublicIpAddressPoolService> = {};
    for (const regionId of args.regionIds) {
      services[regionId] = new PublicIpAddressPoolService(
        `${name}-${regionId}`,
        { regionId },
        { parent: this },
      );
    }
    this.services = services;
    const enabledByRegion: Record<string, pulumi.Output<boolean>> = {};
    for (const [regionId, service] of Object.entries(services)) enabledByRegion[regionId] = service.enabled;
    this.enabled = pulumi.all(enabledByRegion);
    this.enabledRegions = this.enabled.apply((e) =>
      Object.keys(e)
        .filter((r) => e[r])
        .sort(),
    );
    this.registerOutputs({ enabled: this.enabled, enabledRegions: this.enabledRegions });
  }
}

/** @deprecated Renamed {@link PublicIpAddressPoolServiceRegions} (one letter from the resource's name); same component. */
export const PublicIpAddressPoolServices = PublicIpAddressPoolServiceRegions;

/** @deprecated Renamed {@link PublicIpAddressPoolServiceRegionsArgs}. */
export type PublicIpAddressPoolServicesArgs = PublicIpAddressPoolServiceRegionsArgs;
