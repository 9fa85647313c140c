// The command with broken local files, replies that are not the API's, and hostile values from
// the environment: no secret is shown, nothing is read as "disabled", nothing is built from an
// unchecked value, and nothing goes on the network without credentials.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { hostileEndpointFor, type HostileEndpoint } from "../support/hostileEndpoint";
import { runCommand } from "../support/commands";
import { emulatorSuite } from "../support/suite";

const CLI = join(REPO_ROOT, "dist", "command", "cli.js");
const SECRET = "S3CRET-abc";

/** Runs the command with only the environment given (as `env -i` would), and what it printed. */
async function cli(args: string[], env: Record<string, string>, preload: string[] = []) {
  const run = await runCommand(process.execPath, [...preload, CLI, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...env },
    timeoutMs: 60_000,
  });
  return { ...run, all: run.stdout + run.stderr };
}

describe("the command with untrusted input", function () {
  this.timeout(120_000);
  const suite = emulatorSuite();
  const hostileEndpoint = hostileEndpointFor(suite.emulator);
  let emulator: Emulator;
  let hostile: HostileEndpoint;
  let home: string;
  beforeEach(() => {
    emulator = suite.emulator();
    hostile = hostileEndpoint();
    home = mkdtempSync(join(tmpdir(), "ip-pool-home-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const keys = () => ({
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.defaultAccount.keys[0].accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.defaultAccount.keys[0].accessKeySecret,
  });

  describe("broken credential files hold a secret: it is never shown", () => {
    const file = (path: string, text: string) => {
      mkdirSync(join(home, path, ".."), { recursive: true });
      writeFileSync(join(home, path), text);
    };
    const cases: Array<[string, () => void, RegExp]> = [
      [
        "~/.aliyun/config.json that is not valid JSON (the issue's command)",
        () =>
          file(
            ".aliyun/config.json",
            `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAIx","access_key_secret":"${SECRET}",}]}`,
          ),
        /\.aliyun\/config\.json is not valid JSON at line 1, column 121: correct it, or run `aliyun configure`/,
      ],
      [
        "a profile with a mode the library cannot use",
        () =>
          file(
            ".aliyun/config.json",
            JSON.stringify({
              current: "default",
              profiles: [{ name: "default", mode: "Bogus", access_key_secret: SECRET }],
            }),
          ),
        /profile "default" in .*\.aliyun\/config\.json has a mode @alicloud\/credentials cannot use: use one of AK, StsToken/,
      ],
      [
        "~/.alibabacloud/credentials that is not valid INI",
        () =>
          file(
            ".alibabacloud/credentials",
            `[default\ntype = access_key\naccess_key_id = LTAIx\naccess_key_secret = ${SECRET}\n`,
          ),
        /\.alibabacloud\/credentials is not a valid credentials file at line 1: each line is a \[profile\] header or key = value/,
      ],
    ];
    for (const [label, arrange, names] of cases) {
      it(label, async () => {
        arrange();
        const run = await cli(["status", "--region", "cn-hangzhou"], {
          HOME: home,
          ALICLOUD_VPC_ENDPOINT: "http://127.0.0.1:1",
        });
        assert.equal(run.code, 1);
        assert.match(run.stderr, names);
        assert.ok(!run.all.includes(SECRET), `the secret was printed:\n${run.all}`);
        assert.ok(!run.all.includes("LTAIx"), "the file's content was quoted");
      });
    }
  });

  describe("a status reply that is not understood", () => {
    it("exits 1 with UnexpectedResponse, and never prints `no`", async () => {
      hostile.on({ action: "GetPublicIpAddressPoolServiceStatus", reply: { kind: "json", body: {} } });
      const run = await cli(["status", "--region", "cn-hangzhou"], {
        ...keys(),
        ALICLOUD_VPC_ENDPOINT: hostile.endpoint,
      });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^REGION +ENABLED\ncn-hangzhou +error: UnexpectedResponse\n$/);
      assert.match(
        run.stderr,
        /GetPublicIpAddressPoolServiceStatus failed in region cn-hangzhou: UnexpectedResponse \(HTTP 200/,
      );
    });

    it("--all-regions exits 1 when DescribeRegions lists no regions", async () => {
      hostile.on({ action: "DescribeRegions", reply: { kind: "json", body: { RequestId: "R-1" } } });
      const run = await cli(["status", "--all-regions"], {
        ...keys(),
        ALICLOUD_VPC_ENDPOINT: hostile.endpoint,
      });
      assert.equal(run.code, 1);
      assert.equal(run.stdout, "");
      assert.match(
        run.stderr,
        /^DescribeRegions failed: UnexpectedResponse \(HTTP 200\b.*\nMeaning: the reply is not what DescribeRegions returns: it lists no regions/,
      );
    });
  });

  describe("region values from anywhere are checked before a host is built from them", () => {
    it("a default region from the environment that is not a region ID is a usage error, and nothing is sent", async () => {
      const run = await cli(["status"], {
        ...keys(),
        ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
        ALIBABA_CLOUD_REGION: "x@127.0.0.1:9#",
      });
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /the region "x@127\.0\.0\.1:9#" is not a region ID: .* \(from environment ALIBABA_CLOUD_REGION\)/,
      );
      assert.equal(emulator.log().length, 0);
    });

    it("a region ID in DescribeRegions' reply that is not one is refused, and no request goes to it", async () => {
      hostile.on({
        action: "DescribeRegions",
        reply: {
          kind: "json",
          body: {
            RequestId: "R-2",
            Regions: { Region: [{ RegionId: "cn-hangzhou" }, { RegionId: "x@127.0.0.1:9#" }] },
          },
        },
      });
      const net = join(home, "network.json");
      const run = await cli(
        ["status", "--all-regions"],
        { ...keys(), ALICLOUD_VPC_ENDPOINT: hostile.endpoint, RECORD_NETWORK_FILE: net },
        ["-r", join(REPO_ROOT, "tests", "support", "recordNetwork.js")],
      );
      assert.equal(run.code, 1);
      assert.match(
        run.stderr,
        /UnexpectedResponse .*\nMeaning: the reply is not what DescribeRegions returns: it lists "x@127\.0\.0\.1:9#", which is not a region ID/,
      );
      assert.deepEqual(
        hostile.requests().map((r) => r.action),
        ["DescribeRegions"],
      );
      const hosts = (JSON.parse(readFileSync(net, "utf8")) as Array<{ connect?: string }>).flatMap((e) =>
        e.connect ? [e.connect] : [],
      );
      assert.deepEqual(hosts, [hostile.endpoint.replace("http://", "")]);
    });
  });

  describe("the rest", () => {
    it("a bad endpoint from ALICLOUD_VPC_ENDPOINT is a usage error (exit 2), as from --endpoint", async () => {
      const run = await cli(["status", "--region", "cn-hangzhou"], {
        ...keys(),
        ALICLOUD_VPC_ENDPOINT: "http://vpc.aliyuncs.com",
      });
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /ALICLOUD_VPC_ENDPOINT "http:\/\/vpc\.aliyuncs\.com" uses plain HTTP to a non-loopback host/,
      );
      assert.match(run.stderr, /Usage: alicloud-ip-pool-service status/);
    });

    it("with no credentials at all, makes no DNS lookup and no connection, and says where it looked", async () => {
      const net = join(home, "network.json");
      const run = await cli(
        ["status", "--region", "cn-hangzhou"],
        { HOME: home, ALICLOUD_VPC_ENDPOINT: emulator.endpoint, RECORD_NETWORK_FILE: net },
        ["-r", join(REPO_ROOT, "tests", "support", "recordNetwork.js")],
      );
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^No Alibaba Cloud credentials were found\./);
      assert.ok(!/undefined|ENOTFOUND/.test(run.stderr), run.stderr);
      assert.deepEqual(JSON.parse(readFileSync(net, "utf8")), []);
      assert.equal(emulator.log().length, 0);
    });
  });
});
