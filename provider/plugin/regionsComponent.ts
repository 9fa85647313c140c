// The component the plugin serves through `construct`: one resource of the plugin per region, its
// children, so that they share the component's provider and appear under it.
import * as pulumi from "@pulumi/pulumi";
import { assertRegionIds, declareRegions } from "../service/regionsComponent";
import { COMPONENT_TOKEN, RESOURCE_TOKEN } from "./schema";

/** The inputs of the component, as `construct` receives them. */
export interface RegionsInputs {
  /** The regions to activate. */
  regionIds: string[];
  /** A RAM role every region acts through. */
  assumeRole?: pulumi.Input<Record<string, unknown>>;
}

/** One region's resource of the plugin, declared by the component. */
class RegionResource extends pulumi.CustomResource {
  /** True once the feature is active in the region. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** The account the feature was activated in. */
  declare readonly accountId: pulumi.Output<string>;

  /** Declares the activation of one region, as a child of the component. */
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(RESOURCE_TOKEN, name, { ...props, enabled: undefined, accountId: undefined }, opts);
  }
}

/** Activates the feature in a list of regions: one plugin resource per region, named `<name>-<regionId>`. */
export class RegionsComponent extends pulumi.ComponentResource {
  /** `true` for each region once activated, by region ID. */
  readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions activated, sorted. */
  readonly enabledRegions: pulumi.Output<string[]>;
  /** The account the regions were activated in (none for an empty list). */
  readonly accountId: pulumi.Output<string>;

  /** Declares one resource per region; refuses a list that is not one. */
  constructor(name: string, inputs: RegionsInputs, opts: pulumi.ComponentResourceOptions) {
    assertRegionIds("PublicIpAddressPoolServiceRegions", name, inputs.regionIds);
    super(COMPONENT_TOKEN, name, {}, opts);
    const { enabled, enabledRegions, accountId } = declareRegions(
      this,
      name,
      inputs.regionIds,
      (childName, regionId, childOpts) =>
        new RegionResource(childName, { regionId, assumeRole: inputs.assumeRole }, childOpts),
    );
    this.enabled = enabled;
    this.enabledRegions = enabledRegions;
    this.accountId = accountId;
    this.registerOutputs({ enabled, enabledRegions, accountId });
  }
}
