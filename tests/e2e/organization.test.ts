// The organisation's component of the TypeScript face (dynamic resources), through the real
// engine: the directory read in the program, one account resource per joined member, each member's
// regions from DescribeRegions, and a member that joins as exactly one create.
import assert from "node:assert/strict";
import {
  getOrganizationMembers,
  getOrganizationStatus,
  PublicIpAddressPoolServiceOrganization,
} from "pulumi-alicloud-ip-pool-service";
import { DEFAULT_REGIONS, type Emulator } from "../../emulator";
import { createTestStack } from "../../scripts/harness/stack";
import { credentialConfig } from "../../scripts/harness/stackConfig";
import { emulatorSuite } from "../support/suite";

const OPEN = "OpenPublicIpAddressPoolService";
const REGIONS = ["ap-southeast-1", "cn-hangzhou", "cn-shanghai", "eu-central-1"];

describe("end to end: the organisation's component (TypeScript), through the real Pulumi engine", function () {
  this.timeout(300_000);
  const suite = emulatorSuite({
    engine: true,
    regions: DEFAULT_REGIONS.filter((r) => REGIONS.includes(r.regionId)),
  });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  it("activates every region of every joined member in a folder, and a member that joins is one create", async () => {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const inEu = emulator.addMember({ folderId: eu, enabledRegions: ["cn-hangzhou"] });
    const inProd = emulator.addMember({ folderId: prod });
    const verifying = emulator.addMember({ folderId: prod, status: "PromoteVerifying" });
    const elsewhere = emulator.addMember();
    const s = suite.track(
      await createTestStack({
        emulator,
        config: {
          ...credentialConfig(emulator.defaultAccount.keys[0]),
          // The program reads the directory in its own process: the endpoints are the stack's settings.
          "alicloud:endpoints": {
            value: JSON.stringify([
              { vpc: emulator.endpoint, sts: emulator.secureHost, resourcemanager: emulator.secureHost },
            ]),
          },
        },
        program: async () => {
          const org = await PublicIpAddressPoolServiceOrganization.create("org", {
            folderId: prod,
            excludeRegionIds: ["eu-central-1"],
          });
          // What is on before this run's changes: read in the program, changing nothing.
          const status = await getOrganizationStatus({ folderId: prod, excludeRegionIds: ["eu-central-1"] });
          return {
            accountIds: org.accountIds,
            enabledRegions: org.enabledRegions,
            notJoined: org.notJoined,
            statusLine: status.summary.line,
            members: (await getOrganizationMembers({ folderId: prod })).members.map((m) => m.accountId),
          };
        },
      }),
    );
    const preview = await s.stack.preview();
    assert.equal(
      preview.changeSummary.create,
      2 + 2,
      "the stack, the component, and one account resource per joined member",
    );
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0, "a preview writes nothing");
    const up = await s.stack.up();
    const wanted = REGIONS.filter((r) => r !== "eu-central-1");
    assert.deepEqual(up.outputs.accountIds.value, [inEu.uid, inProd.uid].sort());
    assert.deepEqual(up.outputs.enabledRegions.value, { [inEu.uid]: wanted, [inProd.uid]: wanted });
    assert.deepEqual(up.outputs.notJoined.value, { [verifying.uid]: "PromoteVerifying" });
    for (const m of [inEu, inProd]) assert.deepEqual(emulator.enabledRegions(m.uid).sort(), wanted);
    assert.deepEqual(
      emulator.enabledRegions(elsewhere.uid),
      [],
      "a member outside the folder is not touched",
    );
    const opens = emulator.log().filter((e) => e.action === OPEN);
    assert.equal(opens.length, 2 * wanted.length - 1, "the region already on is adopted");

    const joined = emulator.addMember({ folderId: eu });
    emulator.clearLog();
    const next = await s.stack.preview();
    assert.equal(next.changeSummary.create, 1);
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
    const last = await s.stack.up();
    assert.deepEqual(
      [...(last.outputs.members.value as string[])].sort(),
      [inEu.uid, inProd.uid, joined.uid].sort(),
      "getOrganizationMembers lists the folder's joined members",
    );
    assert.deepEqual(emulator.enabledRegions(joined.uid).sort(), wanted);
    assert.match(
      last.outputs.statusLine.value as string,
      /^2 of 3 accounts fully on; 6 of 9 regions on; 0 accounts unreadable; 1 not joined, left out: \d+ \(PromoteVerifying\)$/,
    );
  });
});
