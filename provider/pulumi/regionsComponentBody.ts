// The body of the regions component, for both faces: the check of `regionIds` (before anything
// is registered), one child per region named `<name>-<regionId>`, and the component's outputs.
// Each face gives its own child resource (the dynamic one, or the plugin's).
import * as pulumi from "@pulumi/pulumi";
import { regionIdsProblem } from "../config/regionId";

/** What a region's child resource gives the component (each as REGION_OUTPUT_DOCS says). */
export interface RegionChild {
  readonly enabled: pulumi.Output<boolean>;
  readonly accountId: pulumi.Output<string>;
}

/** The component's outputs, in every face (each as {@link REGIONS_OUTPUT_DOCS} says). */
export interface RegionsOutputs {
  enabled: pulumi.Output<Record<string, boolean>>;
  enabledRegions: pulumi.Output<string[]>;
  accountId: pulumi.Output<string>;
}

/**
 * What each output of the component means: the text of the schema, and the text the TypeScript
 * faces' doc comments must hold (a unit test compares them).
 */
export const REGIONS_OUTPUT_DOCS: Readonly<Record<keyof RegionsOutputs, string>> = {
  enabled:
    "`true` for each region once `pulumi up` has activated (or adopted) it, by region ID. Not a live reading: a resource stays in the state only while its region is on (a refresh that finds it off removes it); the status function reads the live state.",
  enabledRegions: "The regions this component activates, sorted: `regionIds` once `pulumi up` has succeeded.",
  accountId:
    "The account the regions were activated in (the role's, or the credentials' own; none for an empty list).",
};

/**
 * Refuses `regionIds` unless it is a list of distinct region IDs, naming the component: the same
 * error in both faces, thrown before the component is registered.
 */
export function assertRegionIds(
  type: string,
  name: string,
  regionIds: unknown,
): asserts regionIds is string[] {
  const problem = regionIdsProblem(regionIds);
  if (problem) {
    throw new pulumi.InputPropertyError({ propertyPath: "regionIds", reason: `${type} ${name}: ${problem}` });
  }
}

/**
 * Declares one child per region under `component`, named `<name>-<regionId>`, by `child`; returns
 * the children by region ID and the component's outputs.
 */
export function declareRegions<C extends RegionChild>(
  component: pulumi.ComponentResource,
  name: string,
  regionIds: readonly string[],
  child: (childName: string, regionId: string, opts: pulumi.CustomResourceOptions) => C,
): RegionsOutputs & { children: Readonly<Record<string, C>> } {
  // Maps with no prototype: a key is only ever a region.
  const children: Record<string, C> = Object.create(null);
  const enabledByRegion: Record<string, pulumi.Output<boolean>> = Object.create(null);
  for (const regionId of regionIds) {
    children[regionId] = child(`${name}-${regionId}`, regionId, { parent: component });
    enabledByRegion[regionId] = children[regionId].enabled;
  }
  const enabled = pulumi.all(enabledByRegion);
  const enabledRegions = enabled.apply((e) =>
    Object.keys(e)
      .filter((r) => e[r])
      .sort(),
  );
  // Every child acts in the same account; an empty list acts in none.
  const first = Object.values(children)[0];
  const accountId = first ? first.accountId : pulumi.output("");
  return { children, enabled, enabledRegions, accountId };
}
