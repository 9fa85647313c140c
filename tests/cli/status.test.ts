import assert from "node:assert/strict";
import { join } from "node:path";
import type { AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { emulatorSuite } from "../support/suite";
import { runCommand } from "../support/commands";
import { REPO_ROOT } from "../../scripts/harness/engine";

const BIN = join(REPO_ROOT, "node_modules", ".bin", "alicloud-ip-pool-service");
const STATUS = "GetPublicIpAddressPoolServiceStatus";

/** Runs the installed command as a user would, with credentials in the environment. */
function cli(args: string[], env: Record<string, string | undefined>) {
  return runCommand(BIN, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeoutMs: 60_000 });
}

describe("the alicloud-ip-pool-service status command", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const credentials = (key: AccessKey = emulator.defaultAccount.keys[0]) => ({
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
  });

  it("prints a sorted table for two regions with different states", async () => {
    emulator.setRegion(emulator.defaultAccount.uid, "cn-shanghai", { enabled: true });
    const run = await cli(["status", "--region", "cn-shanghai", "--region", "cn-beijing"], credentials());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, ["REGION       ENABLED", "cn-beijing   no", "cn-shanghai  yes", ""].join("\n"));
    assert.equal(emulator.log().filter((e) => e.wrote).length, 0);
  });

  it("prints only a JSON array on stdout with --json", async () => {
    emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
    const run = await cli(["status", "--region", "cn-hangzhou,ap-southeast-1", "--json"], credentials());
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [
      { regionId: "ap-southeast-1", enabled: false },
      { regionId: "cn-hangzhou", enabled: true },
    ]);
  });

  it("lists every region the emulator knows with --all-regions, with local names", async () => {
    const run = await cli(["status", "--all-regions", "--json"], credentials());
    assert.equal(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as Array<{ regionId: string; enabled: boolean; localName: string }>;
    assert.deepEqual(
      rows.map((r) => r.regionId),
      emulator
        .regions()
        .map((r) => r.regionId)
        .sort(),
    );
    assert.equal(rows.find((r) => r.regionId === "ap-southeast-1")?.localName, "Singapore");
    const table = await cli(["status", "--all-regions"], credentials());
    assert.match(table.stdout, /^REGION +NAME +ENABLED\n/);
    assert.match(table.stdout, /\neu-central-1 +Germany \(Frankfurt\) +no\n/);
  });

  it("retries a throttled region and reports it", async () => {
    emulator.addFault({ kind: "throttling", action: STATUS, regionId: "cn-beijing", count: 2 });
    const run = await cli(["status", "--region", "cn-beijing,cn-hangzhou"], credentials());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\ncn-beijing +no\n/);
    assert.equal(emulator.log().filter((e) => e.regionId === "cn-beijing").length, 3);
  });

  it("reports a forbidden region with its diagnostic, still shows the others, and exits 1", async () => {
    const uid = emulator.defaultAccount.uid;
    emulator.setRegion(uid, "cn-hangzhou", { enabled: true });
    // A RAM policy that denies the status action in one region only.
    emulator.setAccount(uid, { deniedActions: [`${STATUS}@cn-shenzhen`] });
    const run = await cli(["status", "--region", "cn-shenzhen,cn-hangzhou"], credentials());
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      ["REGION       ENABLED", "cn-hangzhou  yes", "cn-shenzhen  error: Forbidden.RAM", ""].join("\n"),
    );
    const denied = emulator.log().find((e) => e.regionId === "cn-shenzhen")!;
    assert.ok(
      run.stderr.includes(
        `GetPublicIpAddressPoolServiceStatus failed in region cn-shenzhen: Forbidden.RAM (HTTP 400, request ID ${denied.requestId}).`,
      ),
      run.stderr,
    );
    assert.match(run.stderr, /Fix: grant the RAM action "vpc:GetPublicIpAddressPoolServiceStatus"/);
    assert.equal(
      emulator.log().filter((e) => e.regionId === "cn-shenzhen").length,
      1,
      "Forbidden.RAM must not be retried",
    );
  });

  it("gives the signature diagnostic once for a wrong secret, and exits 1", async () => {
    const key = { ...emulator.defaultAccount.keys[0], accessKeySecret: "wrong" };
    const run = await cli(["status", "--region", "cn-hangzhou,cn-beijing,cn-shanghai"], credentials(key));
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr.match(/SignatureDoesNotMatch/g)?.length, 1, run.stderr);
    assert.match(run.stderr, /Fix: set the right secret/);
    assert.equal(emulator.log().length, 3, "each region was asked once, without retries");
  });

  it("lists where it looked when there are no credentials, and exits 1", async () => {
    const run = await cli(["status", "--region", "cn-hangzhou"], {
      ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^No Alibaba Cloud credentials were found\./);
    assert.equal(emulator.log().length, 0);
  });

  const usageCases: Array<[string, string[], RegExp]> = [
    ["an unknown flag", ["status", "--regoin", "cn-hangzhou"], /Unknown option '--regoin'/],
    [
      "a bad region",
      ["status", "--region", "CN-Hangzhou"],
      /the region "CN-Hangzhou" has upper-case letters/,
    ],
    [
      "both region flags",
      ["status", "--region", "cn-hangzhou", "--all-regions"],
      /either --region or --all-regions/,
    ],
    [
      "plain HTTP to a remote host",
      ["status", "--region", "cn-hangzhou", "--endpoint", "http://vpc.aliyuncs.com"],
      /plain HTTP/,
    ],
    ["no region at all", ["status"], /give --region <id>/],
    ["an unknown command", ["enable"], /unknown command 'enable'/],
  ];
  for (const [label, args, message] of usageCases) {
    it(`prints usage and exits 2 for ${label}`, async () => {
      const run = await cli(args, credentials());
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: alicloud-ip-pool-service/);
      assert.equal(run.stdout, "");
      assert.equal(emulator.log().length, 0);
    });
  }

  it("takes --endpoint like ALICLOUD_VPC_ENDPOINT", async () => {
    const { ALICLOUD_VPC_ENDPOINT, ...rest } = credentials();
    const run = await cli(["status", "--region", "cn-hangzhou", "--endpoint", ALICLOUD_VPC_ENDPOINT], rest);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(emulator.log().length, 1);
  });

  describe("--assume-role, across accounts", () => {
    /** Two member accounts whose roles the ready account may assume. */
    function members(): Array<{ uid: string; roleArn: string }> {
      return ["a", "b"].map((name) => {
        const { uid } = emulator.addAccount();
        return {
          uid,
          roleArn: emulator.addRole(uid, { name, trustedAccounts: [emulator.defaultAccount.uid] }),
        };
      });
    }
    const sts = () => ({ ...credentials(), ALICLOUD_STS_ENDPOINT: emulator.secureEndpoint });

    it("adds an ACCOUNT column, one row per account and region, each read in its account", async () => {
      const [a, b] = members();
      emulator.setRegion(a.uid, "cn-hangzhou", { enabled: true });
      emulator.setRegion(b.uid, "cn-shanghai", { enabled: true });
      const run = await cli(
        [
          "status",
          "--region",
          "cn-hangzhou,cn-shanghai",
          "--assume-role",
          a.roleArn,
          "--assume-role",
          b.roleArn,
        ],
        sts(),
      );
      assert.equal(run.code, 0, run.stderr);
      const [first, second] = [a.uid, b.uid].sort();
      const enabled = (uid: string, region: string) =>
        uid === a.uid ? region === "cn-hangzhou" : region === "cn-shanghai";
      const rows = [first, second].flatMap((uid) =>
        ["cn-hangzhou", "cn-shanghai"].map((r) =>
          `${uid}  ${r.padEnd(11)}  ${enabled(uid, r) ? "yes" : "no"}`.trimEnd(),
        ),
      );
      assert.equal(run.stdout, [`ACCOUNT${" ".repeat(9)}  REGION       ENABLED`, ...rows, ""].join("\n"));
      const reads = emulator.log().filter((e) => e.action === STATUS);
      assert.deepEqual(reads.map((e) => e.accountUid).sort(), [a.uid, a.uid, b.uid, b.uid].sort());
      assert.equal(emulator.log().filter((e) => e.action === "AssumeRole").length, 2);
    });

    it("puts accountId in the JSON", async () => {
      const [a] = members();
      const run = await cli(
        ["status", "--region", "cn-hangzhou", "--assume-role", a.roleArn, "--json"],
        sts(),
      );
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), [
        { accountId: a.uid, regionId: "cn-hangzhou", enabled: false },
      ]);
    });

    it("shows the accounts it could read when a role cannot be assumed, and says why once", async () => {
      const [a] = members();
      const { uid } = emulator.addAccount();
      const untrusted = emulator.addRole(uid, { name: "closed" });
      const run = await cli(
        [
          "status",
          "--region",
          "cn-hangzhou,cn-beijing",
          "--assume-role",
          a.roleArn,
          "--assume-role",
          untrusted,
        ],
        sts(),
      );
      assert.equal(run.code, 1);
      assert.match(run.stdout, new RegExp(`${uid}  cn-beijing   error: NoPermission`));
      assert.match(run.stdout, new RegExp(`${a.uid}  cn-hangzhou  no`));
      assert.equal(run.stderr.match(/AssumeRole failed for role/g)?.length, 1, run.stderr);
      assert.match(
        run.stderr,
        new RegExp(`AssumeRole failed for role ${untrusted} \\(account ${uid}\\): NoPermission`),
      );
    });

    it("refuses something that is not a role ARN as a usage error", async () => {
      const run = await cli(["status", "--region", "cn-hangzhou", "--assume-role", "admin"], sts());
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /--assume-role: .*must be a RAM role ARN like "acs:ram::1234567890123456:role\/ip-pool-admin", got "admin"/,
      );
      assert.equal(emulator.log().length, 0);
    });
  });

  it("explains itself with --help", async () => {
    const run = await cli(["status", "--help"], {});
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--all-regions/);
    assert.match(run.stdout, /--assume-role <arn>/);
    assert.match(run.stdout, /Exit status: 0 every region was read; 1 .*; 2 usage error\./s);
  });
});
