import * as pulumi from "@pulumi/pulumi";
import { PublicIpAddressPoolService } from "./publicIpAddressPoolService";

/** Arguments of {@link PublicIpAddressPoolServices}. */
export interface PublicIpAddressPoolServicesArgs {
  /** The regions to activate, e.g. `["cn-hangzhou", "ap-southeast-1"]`; each becomes one child. */
  regionIds: string[];
}

/** Type token of the component. */
export const COMPONENT_TYPE = "pulumi-alicloud-ip-pool-service:index:PublicIpAddressPoolServices";

/**
 * Activates the feature in a list of regions: one child {@link PublicIpAddressPoolService} per
 * region, named `<name>-<regionId>`, and which regions are enabled.
 */
export class PublicIpAddressPoolServices extends pulumi.ComponentResource {
  /** The child resource of each region, by region ID. */
  public readonly services: Readonly<Record<string, PublicIpAddressPoolService>>;
  /** Whether the feature is active, by region ID. */
  public readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions where the feature is active, sorted. */
  public readonly enabledRegions: pulumi.Output<string[]>;

  /** Declares one activation per region. */
  constructor(name: string, args: PublicIpAddressPoolServicesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE, name, {}, opts);
    const duplicates = args.regionIds.filter((r, i) => args.regionIds.indexOf(r) !== i);
    if (duplicates.length > 0) {
      throw new Error(
        `PublicIpAddressPoolServices ${name}: regionIds lists ${[...new Set(duplicates)].join(", ")} more than once; list each region once.`,
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
