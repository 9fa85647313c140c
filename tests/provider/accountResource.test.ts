// The account's resource, driven through the plugin as the engine drives it (check, diff, create,
// read, update, delete, import) over the official clients against the emulator's resource
// directory: its regions from DescribeRegions, each member reached through its role, Opens only
// where the feature is off, and a failure that names each region, its code and its fix.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";
import { PoolServicePlugin } from "../../provider/plugin/pluginProvider";
import { ACCOUNT_TOKEN } from "../../provider/plugin/organizationSchema";
import { PoolServiceError } from "../../provider/diagnostics/poolServiceError";

const URN = `urn:pulumi:dev::proj::${ACCOUNT_TOKEN}::member`;
const OPEN = "OpenPublicIpAddressPoolService";

/** A plugin configured as the management account, and the lines it shows. */
function managementPlugin(emulator: Emulator) {
  const key = emulator.defaultAccount.keys[0];
  const lines: string[] = [];
  const plugin = new PoolServicePlugin(
    { version: "0.0.0-test", pluginDownloadURL: "http://127.0.0.1:1/" },
    {},
    (line) => lines.push(line),
  );
  plugin.configure({
    accessKey: key.accessKeyId,
    secretKey: key.accessKeySecret,
    vpcEndpoint: emulator.endpoint,
    endpoints: JSON.stringify([{ sts: emulator.secureHost }]),
  });
  return { plugin, lines };
}

/** The member's role, as the organisation's component names it. */
const role = (m: { uid: string }) => ({
  roleArn: `acs:ram::${m.uid}:role/ResourceDirectoryAccountAccessRole`,
});

describe("the account's resource: one resource per account, its regions its unit", function () {
  this.timeout(60_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const opens = () => emulator.log().filter((e) => e.action === OPEN);

  it("takes every region DescribeRegions lists (less the excluded), asked once, and opens only those that are off", async () => {
    const member = emulator.addMember({ enabledRegions: ["cn-hangzhou"] });
    const { plugin } = managementPlugin(emulator);
    const news = { accountId: member.uid, assumeRole: role(member), excludeRegionIds: ["cn-beijing"] };
    const checked = await plugin.check(URN, {}, news);
    assert.deepEqual(checked.failures, []);
    const all = emulator.regions().map((r) => r.regionId);
    const wanted = all.filter((r) => r !== "cn-beijing").sort();
    assert.deepEqual(checked.inputs!.regionIds, wanted);
    // A second check (the up after the preview) asks DescribeRegions no more, and keeps each token.
    const again = await plugin.check(URN, checked.inputs, news);
    assert.deepEqual(again.inputs!.clientTokens, checked.inputs!.clientTokens);
    assert.equal(emulator.log().filter((e) => e.action === "DescribeRegions").length, 1);
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0, "check writes nothing");

    const created = await plugin.create(URN, checked.inputs);
    assert.equal(created.id, member.uid);
    assert.deepEqual(created.outs.enabledRegions, wanted);
    assert.deepEqual(created.outs.adoptedRegions, ["cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(member.uid).sort(), wanted);
    assert.deepEqual(
      opens()
        .map((e) => [e.regionId, e.accountUid, e.clientToken])
        .sort(),
      wanted.filter((r) => r !== "cn-hangzhou").map((r) => [r, member.uid, checked.inputs!.clientTokens[r]]),
      "one Open per region that was off, in the member's account, with its token",
    );
    assert.ok(!emulator.isEnabled(member.uid, "cn-beijing"));
  });

  it("adds a region as an update that opens only it; a region removed stays on, and it says so", async () => {
    const member = emulator.addMember();
    const { plugin, lines } = managementPlugin(emulator);
    const first = await plugin.check(
      URN,
      {},
      { accountId: member.uid, assumeRole: role(member), regionIds: ["cn-hangzhou", "cn-shanghai"] },
    );
    const created = await plugin.create(URN, first.inputs);
    emulator.clearLog();
    const news = {
      accountId: member.uid,
      assumeRole: role(member),
      regionIds: ["cn-shanghai", "eu-central-1"],
    };
    const checked = await plugin.check(URN, first.inputs, news);
    assert.equal(checked.inputs!.clientTokens["cn-shanghai"], first.inputs!.clientTokens["cn-shanghai"]);
    const diff = await plugin.diff(member.uid, URN, created.outs, checked.inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    const updated = await plugin.update(member.uid, URN, created.outs, checked.inputs);
    assert.deepEqual(
      opens().map((e) => e.regionId),
      ["eu-central-1"],
    );
    assert.deepEqual(updated.outs.enabledRegions, ["cn-shanghai", "eu-central-1"]);
    assert.ok(emulator.isEnabled(member.uid, "cn-hangzhou"), "the removed region stays on");
    assert.ok(
      lines.some((l) =>
        new RegExp(
          `Account ${member.uid}: the Public IP Address Pool feature stays enabled in cn-hangzhou;`,
        ).test(l),
      ),
      lines.join("\n"),
    );
    // The same again: no change, and another account replaces it.
    assert.equal((await plugin.diff(member.uid, URN, updated.outs, checked.inputs)).changes, false);
    const other = emulator.addMember();
    const moved = await plugin.diff(member.uid, URN, updated.outs, {
      ...checked.inputs,
      accountId: other.uid,
    });
    assert.deepEqual(moved.replaces, ["accountId"]);
  });

  it("fails naming each region, its code and its fix, the others done; once allowlisted, a re-run opens only what is left", async () => {
    const member = emulator.addMember({ enabledRegions: ["cn-shanghai"] });
    const regionIds = ["cn-hangzhou", "cn-shanghai", "eu-central-1"];
    emulator.setRegion(member.uid, "eu-central-1", { openError: "Forbidden.OpenPublicIpAddressPool" });
    const { plugin } = managementPlugin(emulator);
    const checked = await plugin.check(
      URN,
      {},
      { accountId: member.uid, assumeRole: role(member), regionIds },
    );
    const err = await rejectionOf(plugin.create(URN, checked.inputs));
    assert.ok(err instanceof PoolServiceError);
    assert.equal(err.code, "Forbidden.OpenPublicIpAddressPool");
    assert.match(
      err.message,
      new RegExp(
        `Account ${member.uid}: 1 of 3 regions failed: eu-central-1 \\(Forbidden.OpenPublicIpAddressPool\\)`,
      ),
    );
    assert.match(err.message, /\[eu-central-1\][\s\S]*Fix: /);
    assert.ok(emulator.isEnabled(member.uid, "cn-hangzhou"), "the other regions went on");

    emulator.setRegion(member.uid, "eu-central-1", { openError: null });
    emulator.clearLog();
    const created = await plugin.create(URN, checked.inputs);
    assert.deepEqual(
      opens().map((e) => e.regionId),
      ["eu-central-1"],
      "regions already on are read, not written",
    );
    assert.deepEqual(created.outs.enabledRegions, regionIds);
  });

  it("refuses a role in another account, and credentials that act in another account, before any write", async () => {
    const member = emulator.addMember();
    const other = emulator.addMember();
    const { plugin } = managementPlugin(emulator);
    const checked = await plugin.check(
      URN,
      {},
      { accountId: member.uid, assumeRole: role(other), regionIds: ["cn-hangzhou"] },
    );
    assert.equal(checked.failures?.[0]?.property, "assumeRole");
    assert.match(
      checked.failures![0].reason,
      new RegExp(`names account ${other.uid}, but accountId is ${member.uid}`),
    );
    const direct = await plugin.check(URN, {}, { accountId: member.uid, regionIds: ["cn-hangzhou"] });
    const err = await rejectionOf(plugin.create(URN, direct.inputs));
    assert.ok(err instanceof PoolServiceError);
    assert.equal(err.code, "AccountMismatch");
    assert.match(err.message, new RegExp(`role/ResourceDirectoryAccountAccessRole`));
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
  });

  it("refresh reads every region; import by account ID adopts the regions that are on, with no write", async () => {
    const member = emulator.addMember({ enabledRegions: ["cn-hangzhou", "ap-southeast-1"] });
    const { plugin } = managementPlugin(emulator);
    const imported = await plugin.read(member.uid, URN, undefined);
    assert.equal(imported.id, member.uid);
    assert.deepEqual(imported.props!.enabledRegions, ["ap-southeast-1", "cn-hangzhou"]);
    assert.deepEqual(imported.inputs!.regionIds, ["ap-southeast-1", "cn-hangzhou"]);
    assert.deepEqual(imported.inputs!.assumeRole, role(member));
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);

    emulator.setRegion(member.uid, "cn-hangzhou", { enabled: false });
    emulator.clearLog();
    const refreshed = await plugin.read(member.uid, URN, imported.props);
    assert.deepEqual(refreshed.props!.enabledRegions, ["ap-southeast-1"]);
    assert.equal(emulator.log().filter((e) => e.action === "GetPublicIpAddressPoolServiceStatus").length, 2);
    // The next up opens the region found off.
    const checked = await plugin.check(URN, imported.inputs, {
      accountId: member.uid,
      assumeRole: role(member),
      regionIds: ["ap-southeast-1", "cn-hangzhou"],
    });
    assert.equal((await plugin.diff(member.uid, URN, refreshed.props, checked.inputs)).changes, true);

    const none = emulator.addMember();
    const err = await rejectionOf(plugin.read(none.uid, URN, undefined));
    assert.ok(err instanceof PoolServiceError);
    assert.equal(err.code, "NotActive");
  });
});
