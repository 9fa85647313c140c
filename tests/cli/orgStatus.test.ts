// `status --org` as users run it, against the emulator's resource directory: the members from
// ListAccounts, each read through its role, the matrix and the JSON held against the emulator's
// state cell for cell, and the exit codes the help documents.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { runCommand } from "../support/commands";
import { emulatorSuite } from "../support/suite";

const BIN = join(REPO_ROOT, "node_modules", ".bin", "alicloud-ip-pool-service");
const REGIONS = ["cn-hangzhou", "cn-shanghai", "eu-central-1"];

/** What `status --org --json` prints. */
interface OrgReport {
  summary: {
    accounts: number;
    accountsFullyOn: number;
    unreadableAccounts: number;
    regions: number;
    regionsOn: number;
  };
  accounts: Array<{
    accountId: string;
    displayName: string | null;
    folderId: string | null;
    regions: Record<string, boolean | null>;
    errors: Array<{ regionId: string; code: string }>;
  }>;
  notJoined: Array<{ accountId: string; status: string }>;
}

describe("status --org: the organisation in one view", function () {
  this.timeout(120_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  /** Runs the installed command as the management account, against the emulator. */
  const org = (args: string[]) =>
    runCommand(BIN, ["status", "--org", "--region", REGIONS.join(","), ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...emulator.endpointEnv,
        ALICLOUD_RESOURCEMANAGER_ENDPOINT: emulator.secureEndpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.defaultAccount.keys[0].accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.defaultAccount.keys[0].accessKeySecret,
      },
      timeoutMs: 100_000,
    });

  /** A directory of 30 members in two folders: one still PromoteVerifying, one not allowlisted, regions on at random. */
  function directory() {
    const prod = emulator.addFolder("Production");
    const eu = emulator.addFolder("EU", prod);
    const test = emulator.addFolder("Test");
    const members = Array.from({ length: 30 }, (_, i) =>
      emulator.addMember({
        displayName: `member-${i}`,
        folderId: i < 12 ? eu : i < 20 ? prod : test,
        status: i === 7 ? "PromoteVerifying" : "CreateSuccess",
        openError: i === 9 ? "Forbidden.OpenPublicIpAddressPool" : undefined,
        enabledRegions: REGIONS.filter((_, r) => (i + r) % 3 !== 0),
        tags: { env: i < 20 ? "prod" : "test" },
      }),
    );
    return { prod, eu, test, members };
  }

  it("reads every joined member through its role: the JSON matches the emulator cell for cell; some off: exit 3", async () => {
    const { members } = directory();
    const run = await org(["--json"]);
    assert.equal(run.code, 3, run.stderr);
    const report = JSON.parse(run.stdout) as OrgReport;
    const joined = members.filter((_, i) => i !== 7);
    assert.deepEqual(report.accounts.map((a) => a.accountId).sort(), joined.map((m) => m.uid).sort());
    for (const account of report.accounts) {
      assert.deepEqual(
        account.regions,
        Object.fromEntries(REGIONS.map((r) => [r, emulator.isEnabled(account.accountId, r)])),
        `account ${account.accountId}`,
      );
    }
    assert.deepEqual(report.notJoined, [
      { accountId: members[7].uid, displayName: "member-7", status: "PromoteVerifying" },
    ]);
    const cells = joined.length * REGIONS.length;
    const on = joined.flatMap((m) => REGIONS.filter((r) => emulator.isEnabled(m.uid, r))).length;
    assert.deepEqual(
      [
        report.summary.accounts,
        report.summary.regions,
        report.summary.regionsOn,
        report.summary.unreadableAccounts,
      ],
      [29, cells, on, 0],
    );
    // Each member was reached through ResourceDirectoryAccountAccessRole, and nothing was written.
    const assumed = emulator.log().filter((e) => e.action === "AssumeRole" && e.outcome === "OK");
    assert.equal(
      new Set(assumed.map((e) => e.accountUid)).size,
      1,
      "AssumeRole is called by the management account",
    );
    assert.equal(assumed.length, 29);
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
    assert.match(run.stderr, /status: 29\/29 accounts read/);
  });

  it("prints the matrix and the summary line, folder by folder; all on: exit 0", async () => {
    const { eu, members } = directory();
    for (const m of members) for (const r of REGIONS) emulator.setRegion(m.uid, r, { enabled: true });
    const run = await org(["--folder", eu]);
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout.split("\n").filter((l) => /^\d{16} /.test(l));
    assert.equal(rows.length, 11, "the 12 members of EU but the one still verifying");
    for (const row of rows) assert.match(row, /\+ \+ \+ +3\/3$/);
    assert.match(run.stdout, /^Regions: 1=cn-hangzhou 2=cn-shanghai 3=eu-central-1\n/);
    assert.match(
      run.stdout,
      /\n11 of 11 accounts fully on; 33 of 33 regions on; 0 accounts unreadable; 1 not joined, left out: \d{16} \(PromoteVerifying\)\n$/,
    );
  });

  it("lists a member whose role refuses with its reason, and reads the others: exit 4", async () => {
    const { members } = directory();
    const refused = members[3];
    emulator.removeAccount(refused.uid);
    emulator.addAccount({ uid: refused.uid }); // the account is back, without the directory's role
    const run = await org(["--json", "--tag", "env=prod", "--exclude-account", members[4].uid]);
    assert.equal(run.code, 4, run.stderr);
    const report = JSON.parse(run.stdout) as OrgReport;
    assert.equal(
      report.accounts.length,
      18,
      "the 20 prod members but the excluded one and the one still verifying",
    );
    const failed = report.accounts.find((a) => a.accountId === refused.uid)!;
    assert.deepEqual(Object.values(failed.regions), [null, null, null]);
    assert.equal(failed.errors[0].code, "EntityNotExist.Role");
    assert.equal(report.summary.unreadableAccounts, 1);
    assert.match(
      run.stderr,
      new RegExp(
        `\\n${refused.uid}: AssumeRole failed for role acs:ram::${refused.uid}:role/ResourceDirectoryAccountAccessRole`,
      ),
    );
  });

  it("says what to do when the credentials' account manages no directory: exit 1, nothing else read", async () => {
    const member = emulator.addMember();
    const run = await runCommand(BIN, ["status", "--org", "--region", "cn-hangzhou"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...emulator.endpointEnv,
        ALICLOUD_RESOURCEMANAGER_ENDPOINT: emulator.secureEndpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: member.keys[0].accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: member.keys[0].accessKeySecret,
      },
      timeoutMs: 60_000,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /ListAccounts failed: EntityNotExists\.ResourceDirectory/);
    assert.match(run.stderr, /Fix: run with credentials of the directory's management account/);
    assert.deepEqual(
      emulator.log().map((e) => e.action),
      ["ListAccounts"],
    );
  });

  it("refuses what cannot be used before any call: exit 2", async () => {
    for (const args of [
      ["--folder", "Production"],
      ["--tag", "env"],
      ["--exclude-account", "12"],
      ["--concurrency", "0"],
      ["--role-name", "no/slash"],
      ["--assume-role", "acs:ram::1234567890123456:role/x"],
    ]) {
      const run = await org(args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    }
    const alone = await runCommand(BIN, ["status", "--folder", "fd-x", "--region", "cn-hangzhou"], {
      cwd: REPO_ROOT,
      env: process.env,
      timeoutMs: 30_000,
    });
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--folder goes with --org/);
    assert.equal(emulator.log().length, 0);
  });
});
