import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import {
  COMPONENT_TYPE,
  COMPONENT_TYPE_BEFORE_0_2,
  PublicIpAddressPoolServiceRegions,
} from "../../provider/dynamic/publicIpAddressPoolServiceRegions";
import { RegionsComponent } from "../../provider/plugin/regionsComponent";
import { REPO_ROOT } from "../../scripts/harness/engine";
import type { RegisteredUnderMocks as Registered } from "../support/registerUnderMocks";

const RESOURCE_TYPE = "pulumi-nodejs:dynamic/alicloud:PublicIpAddressPoolService";

describe("the resource and the component under Pulumi's mocks", () => {
  let registered: Registered;
  before(async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join("tests", "support", "registerUnderMocks.ts")],
      { cwd: REPO_ROOT },
    );
    registered = JSON.parse(stdout) as Registered;
  });

  it("registers the resource with its type token, its region and a provider, and nothing else", () => {
    const [one] = registered.registrations;
    assert.deepEqual(one, {
      type: RESOURCE_TYPE,
      name: "one",
      custom: true,
      props: { regionId: "cn-hangzhou", __provider: "object" },
      aliases: [],
    });
    assert.equal(registered.single, `urn:pulumi:stack::project::${RESOURCE_TYPE}::one`);
  });

  it("registers the component under its new type, aliased to the type it had before", () => {
    const component = registered.registrations.find((r) => r.name === "many");
    assert.deepEqual(component?.type, COMPONENT_TYPE);
    assert.equal(component?.custom, false);
    assert.deepEqual(component?.aliases, [{ type: COMPONENT_TYPE_BEFORE_0_2 }]);
    assert.equal(registered.component, `urn:pulumi:stack::project::${COMPONENT_TYPE}::many`);
  });

  it("gives the component one child per region, named <name>-<region> and parented to it", () => {
    const children = registered.registrations.filter((r) => r.parent === "many");
    assert.deepEqual(
      children.map((c) => [c.type, c.name, c.props.regionId]),
      [
        [RESOURCE_TYPE, "many-cn-shanghai", "cn-shanghai"],
        [RESOURCE_TYPE, "many-ap-southeast-1", "ap-southeast-1"],
      ],
    );
    for (const urn of registered.children)
      assert.match(urn, new RegExp(`::${COMPONENT_TYPE}\\$${RESOURCE_TYPE}::many-`));
    assert.deepEqual(registered.enabledRegions, ["ap-southeast-1", "cn-shanghai"]);
  });
});

describe("the component's check of regionIds, the same in both faces", () => {
  const faces: Array<[string, (regionIds: unknown) => unknown]> = [
    [
      "the dynamic face",
      (regionIds) => new PublicIpAddressPoolServiceRegions("pools", { regionIds } as never),
    ],
    ["the plugin", (regionIds) => new RegionsComponent("pools", { regionIds } as never, {})],
  ];
  for (const [face, declare] of faces) {
    it(`${face}: refuses a region listed twice, or no list, with an input property error naming the component`, () => {
      for (const [regionIds, reason] of [
        [
          ["cn-hangzhou", "cn-hangzhou"],
          "regionIds lists cn-hangzhou more than once; list each region once.",
        ],
        [
          "cn-hangzhou",
          'regionIds must be a list of region IDs, like ["cn-hangzhou", "ap-southeast-1"], got a string.',
        ],
      ] as const) {
        assert.throws(
          () => declare(regionIds),
          (err: unknown) =>
            pulumi.InputPropertyError.isInstance(err) &&
            err.propertyPath === "regionIds" &&
            err.message === `PublicIpAddressPoolServiceRegions pools: ${reason}`,
        );
      }
    });
  }
});
