// The organisation in one statement, as users run it: a YAML program and a Python program (the
// wheel, in a fresh virtual environment), each with the organisation's component and all regions,
// through the `pulumi` CLI and the release's plugin, against the emulator's resource directory of
// 30 members (two folders, one still PromoteVerifying, one not allowlisted), judged by the
// emulator's log; and `pulumi import` of an account.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import type { CommandRun } from "../support/commands";
import { release, releasedPlugin } from "../support/release";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { cliSuite, defaultAccountEnv } from "../support/cliSuite";
import { installWheel, python3, userProject } from "../support/userProject";

const OPEN = "OpenPublicIpAddressPoolService";
const ACCOUNT = "alicloud-ip-pool-service:index:PublicIpAddressPoolServiceAccount";
const ORGANIZATION = "alicloud-ip-pool-service:index:PublicIpAddressPoolServiceOrganization";

describe("the organisation's component from YAML and Python programs, through the CLI", function () {
  this.timeout(900_000);
  const suite = cliSuite({
    languages: ["yaml", "python"],
    env: defaultAccountEnv,
  });
  let emulator: Emulator;
  let cli: PulumiCli;
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

  const opened = () => emulator.log().filter((e) => e.action === OPEN);
  const writes = () => emulator.log().filter((e) => e.wrote).length;

  /**
   * Preview, `up --continue-on-error`, allowlisting and up again, then a member that joins and one
   * that leaves, as the acceptance of the organisation asks, through `pulumi` (run in the
   * program's folder).
   */
  async function rollout(pulumi: (...args: string[]) => Promise<CommandRun>) {
    const members = directory();
    const regions = emulator
      .regions()
      .map((r) => r.regionId)
      .sort();
    const preview = ok(await pulumi("preview"), "pulumi preview");
    assert.equal(writes(), 0, "a preview writes nothing");
    const planned = preview.split("\n").filter((l) => l.includes(ACCOUNT) && /\bcreate\b/.test(l));
    assert.equal(planned.length, 29, preview);
    assert.ok(
      !preview.includes(`org-${members[7].uid}`),
      "the member still PromoteVerifying is not declared",
    );

    emulator.clearLog();
    const up = await pulumi("up", "--continue-on-error");
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
      const want = i === 7 || i === 9 ? (i % 4 === 0 ? ["cn-hangzhou"] : []) : regions;
      assert.deepEqual(emulator.enabledRegions(m.uid).sort(), want, `member ${i}`);
    }
    // `pulumi up` is two passes of the engine (its preview, then the update), each its own plugin process.
    const calls = (action: string) => emulator.log().filter((e) => e.action === action);
    assert.equal(calls("ListAccounts").length, 2, "the directory is listed once per pass");
    const perAccount = new Map<string, number>();
    for (const e of calls("DescribeRegions"))
      perAccount.set(String(e.accountUid), (perAccount.get(String(e.accountUid)) ?? 0) + 1);
    assert.deepEqual(
      [...new Set(perAccount.values())],
      [2],
      "each account's regions are asked once per pass",
    );

    emulator.setAccount(failed, { openError: null });
    emulator.clearLog();
    ok(await pulumi("up"), "pulumi up, once allowlisted");
    assert.deepEqual(
      [...new Set(opened().map((e) => e.accountUid))],
      [failed],
      "only that member is written",
    );
    assert.deepEqual(
      opened()
        .map((e) => e.regionId)
        .sort(),
      regions,
    );

    // A member that joins is exactly one create; one that leaves is one delete, with the note.
    const joined = emulator.addMember({ displayName: "newcomer" });
    emulator.removeMember(members[3].uid);
    emulator.clearLog();
    const next = ok(await pulumi("preview"), "pulumi preview after the directory changed");
    assert.match(next, new RegExp(`\\+\\s+${ACCOUNT}\\s+org-${joined.uid}\\s+create`));
    assert.match(next, new RegExp(`-\\s+${ACCOUNT}\\s+org-${members[3].uid}\\s+delete`));
    assert.match(next, /\+ 1 to create/);
    assert.match(next, /- 1 to delete/);
    assert.equal(writes(), 0);
    const last = ok(await pulumi("up"), "pulumi up after the directory changed");
    assert.match(
      last,
      new RegExp(
        `Account ${members[3].uid}: the Public IP Address Pool feature stays enabled in ${regions.length} regions \\(${regions.join(", ")}\\)`,
      ),
    );
    assert.deepEqual([...new Set(opened().map((e) => e.accountUid))], [joined.uid]);
  }

  it("YAML: the rollout, then a member that joins is exactly one create, one that leaves one delete with the note", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plugin-org-"));
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      `name: org\nruntime: yaml\npackages:\n  alicloud-ip-pool-service: ${await releasedPlugin()}\n` +
        `resources:\n  org:\n    type: ${ORGANIZATION}\noutputs:\n  notJoined: \${org.notJoined}\n`,
    );
    const pulumi = (...args: string[]) => cli.pulumi(dir, ...args);
    ok(await pulumi("stack", "init", "test"), "pulumi stack init");
    try {
      await rollout(pulumi);
    } finally {
      await pulumi("stack", "rm", "--yes", "--force", "test");
    }
  });

  it("Python: the same, from the wheel in a fresh virtual environment", async () => {
    const rel = await release();
    const project = await userProject(
      cli,
      emulator,
      "python",
      {
        "Pulumi.yaml": "name: org-python\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n",
        "__main__.py": [
          "import pulumi",
          "import pulumi_alicloud_ip_pool_service as ip_pool",
          "",
          'org = ip_pool.PublicIpAddressPoolServiceOrganization("org")',
          'pulumi.export("notJoined", org.not_joined)',
          "",
        ].join("\n"),
      },
      { python3: python3() },
    );
    // The engine downloads the plugin from the release's loopback host, as from a user's mirror.
    project.env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES = rel.override();
    await installWheel(project, rel.file(/\.whl$/));
    await rollout((...args) => project.pulumi(600_000, ...args));
  });

  it("pulumi import of an account adopts its regions that are on, through its directory role, with no write", async () => {
    const member = emulator.addMember({ enabledRegions: ["cn-hangzhou", "eu-central-1"] });
    const dir = mkdtempSync(join(tmpdir(), "plugin-org-import-"));
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      `name: org-import\nruntime: yaml\npackages:\n  alicloud-ip-pool-service: ${await releasedPlugin()}\n`,
    );
    const pulumi = (...args: string[]) => cli.pulumi(dir, ...args);
    ok(await pulumi("stack", "init", "test"), "pulumi stack init");
    try {
      const imported = ok(await pulumi("import", ACCOUNT, "member", member.uid, "--yes"), "pulumi import");
      assert.match(imported, /= 1 imported/);
      assert.equal(writes(), 0, "an import writes nothing");
      assert.match(imported, /regionIds:\s*\n\s*- cn-hangzhou\s*\n\s*- eu-central-1/);
      assert.match(
        imported,
        new RegExp(`roleArn: acs:ram::${member.uid}:role/ResourceDirectoryAccountAccessRole`),
      );
      const state = JSON.parse(ok(await pulumi("stack", "export"), "pulumi stack export")) as {
        deployment: {
          resources: Array<{ type: string; id?: string; outputs?: { enabledRegions?: string[] } }>;
        };
      };
      const account = state.deployment.resources.find((r) => r.type === ACCOUNT);
      assert.equal(account?.id, member.uid);
      assert.deepEqual(account?.outputs?.enabledRegions, ["cn-hangzhou", "eu-central-1"]);
    } finally {
      await pulumi("stack", "rm", "--yes", "--force", "test");
    }
  });
});
