// The organisation in one statement, as users run it: a YAML program with the organisation's
// component and all regions, through the `pulumi` CLI and the release's plugin, against the
// emulator's resource directory of 30 members (two folders, one still PromoteVerifying, one not
// allowlisted), judged by the emulator's log.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { releasedPlugin } from "../support/release";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";

const OPEN = "OpenPublicIpAddressPoolService";
const ACCOUNT = "alicloud-ip-pool-service:index:PublicIpAddressPoolServiceAccount";

describe("the organisation's component from a YAML program, through the CLI", function () {
  this.timeout(900_000);
  const suite = cliSuite({
    languages: ["yaml"],
    env: (e) => ({
      ALIBABA_CLOUD_ACCESS_KEY_ID: e.defaultAccount.keys[0].accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: e.defaultAccount.keys[0].accessKeySecret,
      ...e.endpointEnv,
      ALICLOUD_RESOURCEMANAGER_ENDPOINT: e.secureEndpoint,
      PULUMI_SKIP_CONFIRMATIONS: "true",
    }),
  });
  let emulator: Emulator;
  let cli: PulumiCli;
  let plugin: string;
  before(async function () {
    this.timeout(900_000);
    plugin = await releasedPlugin();
  });
  beforeEach(() => ({ emulator, cli } = suite.current()));

  /** A directory of 30 members in two folders: member 7 still PromoteVerifying, member 9 not allowlisted. */
  function directory() {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const test = emulator.addFolder("Test");
    return Array.from({ length: 30 }, (_, i) =>
      emulator.addMember({
        displayName: `member-${i}`,
        folderId: i < 12 ? eu : i < 20 ? prod : test,
        status: i === 7 ? "PromoteVerifying" : "CreateSuccess",
        openError: i === 9 ? "Forbidden.OpenPublicIpAddressPool" : undefined,
        enabledRegions: i % 4 === 0 ? ["cn-hangzhou"] : [],
      }),
    );
  }

  it("preview writes nothing; up --continue-on-error activates all but one member; allowlisted, it alone is opened; members that join or leave are one create or one delete", async () => {
    const members = directory();
    const regions = emulator.regions().map((r) => r.regionId);
    const dir = mkdtempSync(join(tmpdir(), "plugin-org-"));
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      [
        "name: org",
        "runtime: yaml",
        "packages:",
        `  alicloud-ip-pool-service: ${plugin}`,
        "resources:",
        "  org:",
        "    type: alicloud-ip-pool-service:index:PublicIpAddressPoolServiceOrganization",
        "outputs:",
        "  notJoined: ${org.notJoined}",
        "",
      ].join("\n"),
    );
    ok(await cli.pulumi(dir, "stack", "init", "test"), "pulumi stack init");
    try {
      const preview = ok(await cli.pulumi(dir, "preview"), "pulumi preview");
      assert.equal(emulator.log().filter((e) => e.wrote).length, 0, "a preview writes nothing");
      const planned = preview.split("\n").filter((l) => l.includes(ACCOUNT) && /\bcreate\b/.test(l));
      assert.equal(planned.length, 29, preview);
      assert.ok(
        !preview.includes(`org-${members[7].uid}`),
        "the member still PromoteVerifying is not declared",
      );

      emulator.clearLog();
      const up = await cli.pulumi(dir, "up", "--continue-on-error");
      assert.notEqual(up.code, 0, "the member that is not allowlisted fails the up");
      const failed = members[9].uid;
      const output = up.stdout + up.stderr;
      assert.match(
        output,
        new RegExp(`Account ${failed}: ${regions.length} of ${regions.length} regions failed`),
      );
      assert.match(output, /Forbidden\.OpenPublicIpAddressPool/);
      assert.match(output, /Fix: apply for the public IP address pool privilege/);
      for (const [i, m] of members.entries()) {
        const want = i === 7 || i === 9 ? (i % 4 === 0 ? ["cn-hangzhou"] : []) : [...regions].sort();
        assert.deepEqual(emulator.enabledRegions(m.uid).sort(), want, `member ${i}`);
      }
      // `pulumi up` is two passes of the engine (its preview, then the update), each its own plugin process.
      const calls = (action: string) => emulator.log().filter((e) => e.action === action);
      assert.equal(calls("ListAccounts").length, 2, "the directory is listed once per pass");
      const perAccount = (action: string) => {
        const counts = new Map<string, number>();
        for (const e of calls(action))
          counts.set(String(e.accountUid), (counts.get(String(e.accountUid)) ?? 0) + 1);
        return [...new Set(counts.values())];
      };
      assert.deepEqual(perAccount("DescribeRegions"), [2], "each account's regions are asked once per pass");

      emulator.setAccount(failed, { openError: null });
      emulator.clearLog();
      ok(await cli.pulumi(dir, "up"), "pulumi up, once allowlisted");
      const opened = emulator.log().filter((e) => e.action === OPEN);
      assert.deepEqual(
        [...new Set(opened.map((e) => e.accountUid))],
        [failed],
        "only that member is written",
      );
      assert.deepEqual(opened.map((e) => e.regionId).sort(), [...regions].sort());

      const joined = emulator.addMember({ displayName: "newcomer", folderId: undefined });
      emulator.removeMember(members[3].uid);
      emulator.clearLog();
      const next = ok(await cli.pulumi(dir, "preview"), "pulumi preview after the directory changed");
      assert.match(next, new RegExp(`\\+\\s+${ACCOUNT}\\s+org-${joined.uid}\\s+create`));
      assert.match(next, new RegExp(`-\\s+${ACCOUNT}\\s+org-${members[3].uid}\\s+delete`));
      assert.match(next, /\+ 1 to create/);
      assert.match(next, /- 1 to delete/);
      assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
      const last = ok(await cli.pulumi(dir, "up"), "pulumi up after the directory changed");
      assert.match(last, /the Public IP Address Pool feature stays enabled in cn-hangzhou of account/);
      assert.deepEqual(
        [
          ...new Set(
            emulator
              .log()
              .filter((e) => e.action === OPEN)
              .map((e) => e.accountUid),
          ),
        ],
        [joined.uid],
      );
    } finally {
      await cli.pulumi(dir, "stack", "rm", "--yes", "--force", "test");
    }
  });
});
