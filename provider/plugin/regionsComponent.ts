// The component the plugin serves through `construct`: one resource of the plugin per region, its
// children, so that they share the component's provider and appear under it.
import * as pulumi from "@pulumi/pulumi";
import { assertRegionIds, declareRegions } from "../pulumi/regionsComponentBody";
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
  /**
   * True once the feature is active in the region: a resource is in the state only while its
   * region is on (a refresh that finds it off removes it).
   */
  declare readonly enabled: pulumi.Output<boolean>;
  /** The account the feature was activated in, as STS reports it: the role's, or the credentials' own. */
  declare readonly accountId: pulumi.Output<string>;

  /** Declares the activation of one region, as a child of the component. */
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(RESOURCE_TOKEN, name, { ...props, enabled: undefined, accountId: undefined }, opts);
  }
}

/** Activates the feature in a list of regions: one plugin resource per region, named `<name>-<regionId>`. */
export class RegionsComponent extends pulumi.ComponentResource {
  /**
   * `true` for each region once `pulumi up` has activated (or adopted) it, by region ID. Not a live
   * reading: a resource stays in the state only while its region is on (a refresh that finds it
   * off removes it); the status function reads the live state.
   */
  readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions this component activates, sorted: `regionIds` once `pulumi up` has succeeded. */
  readonly enabledRegions: pulumi.Output<string[]>;
  /** The account the regions were activated in (the role's, or the credentials' own; none for an empty list). */
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
