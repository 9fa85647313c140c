// The command in the right account: rows are labelled with the account STS reports, a lying STS
// is refused, no session secret is printed, role ARNs are checked before STS is asked, and no wait
// keeps the command from ending.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import {
  hostileEndpointFor,
  startHostileEndpoint,
  type HostileEndpoint,
  type PassedReply,
} from "../support/hostileEndpoint";
import { runCommand } from "../support/commands";
import { assumeWithSdk, sessionOfAnotherRole } from "../support/sts";
import { emulatorSuite } from "../support/suite";
import { ramRoleArnProfileFile } from "../support/cliProfiles";
import { fifo } from "../support/files";

const CLI = join(REPO_ROOT, "dist", "command", "cli.js");
const VPC_ACTIONS = new Set(["OpenPublicIpAddressPoolService", "GetPublicIpAddressPoolServiceStatus"]);

/** Runs the command with only the environment given (and the tests' CA), timing it. */
async function status(args: string[], env: Record<string, string>) {
  const started = Date.now();
  const run = await runCommand(process.execPath, [CLI, "status", ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? tmpdir(),
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? "",
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
      ...env,
    },
    timeoutMs: 60_000,
  });
  return { ...run, all: run.stdout + run.stderr, ms: Date.now() - started };
}

describe("the command in the right account", function () {
  this.timeout(90_000);
  const suite = emulatorSuite();
  const hostileSts = hostileEndpointFor(suite.emulator, { tls: true });
  let emulator: Emulator;
  let sts: HostileEndpoint;
  beforeEach(() => {
    emulator = suite.emulator();
    sts = hostileSts();
  });

  const env = (extra: Record<string, string> = {}) => ({
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.defaultAccount.keys[0].accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.defaultAccount.keys[0].accessKeySecret,
    ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
    ALICLOUD_STS_ENDPOINT: sts.host,
    ...extra,
  });
  const vpcCalls = () => emulator.log().filter((e) => e.action !== undefined && VPC_ACTIONS.has(e.action));
  function role(name: string, trusted = [emulator.defaultAccount.uid], externalId?: string) {
    const { uid } = emulator.addAccount();
    return { uid, roleArn: emulator.addRole(uid, { name, trustedAccounts: trusted, externalId }) };
  }

  it("labels each account with the account STS reports for the role's session", async () => {
    const a = role("reader");
    emulator.setRegion(a.uid, "cn-hangzhou", { enabled: true });
    const run = await status(["--region", "cn-hangzhou", "--assume-role", a.roleArn, "--json"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [{ accountId: a.uid, regionId: "cn-hangzhou", enabled: true }]);
  });

  it("refuses a session of another account than the role's, naming both, and reads nothing", async () => {
    const one = role("one");
    const two = role("two");
    emulator.setRegion(two.uid, "cn-hangzhou", { enabled: true });
    const other = await assumeWithSdk(emulator, emulator.defaultAccount.keys[0], two.roleArn, {
      sessionName: "lie",
    });
    emulator.clearLog();
    sts.on(
      sessionOfAnotherRole(one.roleArn, other, {
        requestId: "LIE-0000-0000-0000-000000000000",
        assumedRoleId: "3:lie",
      }),
    );
    const run = await status(["--region", "cn-hangzhou", "--assume-role", one.roleArn], env());
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "", "no table labels account two's status as account one's");
    assert.match(run.stderr, /AccountMismatch/);
    assert.match(run.stderr, new RegExp(`belongs to account ${one.uid}.*of account ${two.uid}`));
    assert.deepEqual(vpcCalls(), []);
    assert.ok(!run.all.includes(other.credentials!.accessKeySecret!));
  });

  it("prints no secret of the environment's role when STS quotes it in refusing --assume-role's", async () => {
    const hub = role("hub");
    const member = role("member", [hub.uid]);
    sts.on({
      action: "AssumeRole",
      params: { RoleArn: member.roleArn },
      reply: (passed: readonly PassedReply[]) => {
        const issued = passed.find((r) => r.action === "AssumeRole" && r.params.RoleArn === hub.roleArn);
        const c = (issued!.body as { Credentials: Record<string, string> }).Credentials;
        return {
          kind: "json",
          status: 403,
          body: {
            RequestId: "ECHO",
            Code: "NoPermission",
            Message: `denied for key ${c.AccessKeySecret} token ${c.SecurityToken}`,
          },
        };
      },
    });
    const run = await status(
      ["--region", "cn-hangzhou", "--assume-role", member.roleArn],
      env({ ALICLOUD_ASSUME_ROLE_ARN: hub.roleArn }),
    );
    assert.equal(run.code, 1);
    const issued = sts.passed().find((r) => r.params.RoleArn === hub.roleArn)!;
    const c = (issued.body as { Credentials: Record<string, string> }).Credentials;
    assert.match(run.stderr, /Alibaba Cloud said: denied for key \*\*\* token \*\*\*/);
    assert.ok(!run.all.includes(c.AccessKeySecret) && !run.all.includes(c.SecurityToken), run.all);
    // The flag is named as the command's, not as a resource's property.
    assert.match(run.stderr, /set --external-id/);
    assert.doesNotMatch(run.stderr, /the resource's assumeRole/);
  });

  it("--external-id reaches a role whose trust policy requires one", async () => {
    const member = role("member", undefined, "org-rollout");
    const run = await status(
      ["--region", "cn-hangzhou", "--assume-role", member.roleArn, "--external-id", "org-rollout"],
      env(),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^ACCOUNT +REGION +ENABLED\\n${member.uid} +cn-hangzhou +no\\n$`));
  });

  for (const account of ["12", "9".repeat(400), "0123456789012345"]) {
    it(`exits 2 for a role ARN whose account is ${account.length} digits${account.startsWith("0") ? " with a leading zero" : ""}, asking no one`, async () => {
      const run = await status(
        ["--region", "cn-hangzhou", "--assume-role", `acs:ram::${account}:role/x`],
        env(),
      );
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /--assume-role: the account in it must be an Alibaba Cloud account ID, 16 digits/,
      );
      assert.equal(emulator.log().length + sts.requests().length, 0);
    });
  }

  it("names --endpoint in the fix when something else answers at the endpoint", async () => {
    const proxy = await startHostileEndpoint(emulator.endpoint);
    try {
      proxy.on({ reply: { kind: "html", status: 404 } });
      const run = await status(["--region", "cn-hangzhou", "--endpoint", proxy.endpoint], {
        ...env(),
        ALICLOUD_VPC_ENDPOINT: "",
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /Fix: check the endpoint \(--endpoint or ALICLOUD_VPC_ENDPOINT, if set\)/);
    } finally {
      await proxy.close();
    }
  });

  describe("no wait keeps it from ending", () => {
    for (const [label, path] of [
      ["/dev/zero", () => "/dev/zero"],
      ["a FIFO", fifo],
    ] as const) {
      it(`ALICLOUD_SHARED_CREDENTIALS_FILE=${label}: refused at once, naming the file`, async () => {
        const file = path();
        const run = await status(["--region", "cn-hangzhou"], {
          ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
          ALICLOUD_SHARED_CREDENTIALS_FILE: file,
        });
        assert.ok(run.ms < 10_000, `took ${run.ms} ms`);
        assert.equal(run.code, 1);
        assert.match(
          run.stderr,
          new RegExp(
            `environment ALICLOUD_SHARED_CREDENTIALS_FILE could not be used: ${file} is (a device|a FIFO)`,
          ),
        );
      });
    }

    /** Runs `status` with credentials from a URI that `handler` serves on loopback; every socket is ended after. */
    async function statusWithCredentialsUri(handler: Parameters<typeof createServer>[1]) {
      const sockets = new Set<import("node:net").Socket>();
      const server: Server = createServer(handler);
      server.on("connection", (s) => sockets.add(s));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      try {
        return await status(["--region", "cn-hangzhou"], {
          ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
          ALICLOUD_CREDENTIALS_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`,
        });
      } finally {
        for (const s of sockets) s.destroy();
        server.close();
      }
    }

    it("a credentials URI that trickles one byte a second: the error comes in time and the process ends", async function () {
      const run = await statusWithCredentialsUri((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const body = '{"Code":"Success","AccessKeyId":"x"}';
        let i = 0;
        const timer = setInterval(() => {
          if (i < body.length) res.write(body[i++]);
        }, 1_000);
        res.on("close", () => clearInterval(timer));
      });
      assert.equal(run.code, 1);
      assert.ok(run.ms < 20_000, `the command ended after ${run.ms} ms`);
      assert.match(
        run.stderr,
        /environment ALICLOUD_CREDENTIALS_URI could not give credentials: it did not answer in time/,
      );
    });

    it("a credentials URI that answers 500 is named, with the status, and never quoted", async () => {
      const run = await statusWithCredentialsUri((_req, res) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("secret-in-the-error-page");
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /could not give credentials: it answered HTTP 500 \(text\/plain\)/);
      assert.ok(!run.all.includes("secret-in-the-error-page"));
    });
  });

  it("a RamRoleArn profile whose session name STS refuses says why", async () => {
    const member = role("member");
    const file = ramRoleArnProfileFile({
      accessKeyId: emulator.defaultAccount.keys[0].accessKeyId,
      accessKeySecret: emulator.defaultAccount.keys[0].accessKeySecret,
      roleArn: member.roleArn,
      sessionName: "ok",
    });
    sts.on({
      action: "AssumeRole",
      reply: {
        kind: "json",
        status: 400,
        body: {
          RequestId: "R",
          Code: "InvalidParameter.RoleSessionName",
          Message: "The parameter RoleSessionName is wrongly formed.",
        },
      },
    });
    const run = await status(["--region", "cn-hangzhou"], {
      ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
      ALICLOUD_STS_ENDPOINT: sts.host,
      ALICLOUD_SHARED_CREDENTIALS_FILE: file,
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /InvalidParameter\.RoleSessionName/);
    assert.match(run.stderr, new RegExp(`STS does not accept the session name of role ${member.roleArn}`));
  });
});
