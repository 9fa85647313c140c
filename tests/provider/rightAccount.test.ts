// The right account, always: the account a call acts in is what STS reports for its session, never a
// label; every secret of every session reaches the scrubber when it is issued; STS faults are
// retried; every STS call of every source goes to the configured endpoint; no wait is unbounded.
// Driven through the provider object and the official clients, against the emulator and a hostile
// STS in front of it (TLS on loopback, with the emulator's test certificate).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { hostileEndpointFor, type HostileEndpoint, type PassedReply } from "../support/hostileEndpoint";
import { providerHarness, setEnv } from "../support/providerHarness";
import { rejectionOf } from "../support/rejection";
import { assumeWithSdk, sessionOfAnotherRole } from "../support/sts";
import { emulatorSuite } from "../support/suite";
import type { PoolServiceError } from "../../provider/diagnostics/poolServiceError";
import { stackConfigFor } from "../../scripts/harness/stackConfig";
import { fifo } from "../support/files";

/** This file's provider harness. */
const harness = providerHarness();
const { check, provider, useStackConfig, createRegion } = harness;

const OPEN = "OpenPublicIpAddressPoolService";
const VPC_ACTIONS = new Set([OPEN, "GetPublicIpAddressPoolServiceStatus", "DescribeRegions"]);

/** The session a role got from STS, as the hostile STS passed it through (the last one). */
function sessionOf(passed: readonly PassedReply[], roleArn: string): { secret: string; token: string } {
  const replies = passed.filter(
    (r) => r.action === "AssumeRole" && r.params.RoleArn === roleArn && r.status === 200,
  );
  const body = replies[replies.length - 1]?.body as { Credentials?: Record<string, string> } | undefined;
  assert.ok(body?.Credentials, `no session of ${roleArn} went through`);
  return { secret: body.Credentials.AccessKeySecret, token: body.Credentials.SecurityToken };
}

/** A refusal that quotes a session's secret and token back, as a careless STS (or a proxy) might. */
function echoing(roleArn: string) {
  return (passed: readonly PassedReply[]) => {
    const { secret, token } = sessionOf(passed, roleArn);
    return {
      kind: "json" as const,
      status: 403,
      requestId: "ECHO-0000-0000-0000-000000000000",
      body: {
        RequestId: "ECHO-0000-0000-0000-000000000000",
        Code: "NoPermission",
        Message: `denied for key ${secret} token ${token}`,
      },
    };
  };
}

describe("the right account: what STS reports, and every session's secrets scrubbed", function () {
  this.timeout(60_000);
  const suite = emulatorSuite({ provider: harness });
  const hostileSts = hostileEndpointFor(suite.emulator, { tls: true });
  let emulator: Emulator;
  let sts: HostileEndpoint;
  let callerUid: string;
  beforeEach(() => {
    emulator = suite.emulator();
    sts = hostileSts();
    callerUid = emulator.defaultAccount.uid;
  });

  const caller = () => emulator.defaultAccount.keys[0];
  const vpcCalls = () => emulator.log().filter((e) => e.action !== undefined && VPC_ACTIONS.has(e.action));
  /** Stack config that signs with the caller's key and reaches STS through the hostile endpoint. */
  const throughHostileSts = (extra: Record<string, string> = {}) =>
    stackConfigFor(caller(), { "alicloud:endpoints": JSON.stringify([{ sts: sts.host }]), ...extra });

  function role(name: string, trusted: string[] = [callerUid]): { uid: string; roleArn: string } {
    const { uid } = emulator.addAccount();
    return { uid, roleArn: emulator.addRole(uid, { name, trustedAccounts: trusted }) };
  }

  const create = createRegion;

  describe("session secrets of every role in a chain are scrubbed", () => {
    it("a refusal of the second role quoting the first role's secret and token shows neither", async () => {
      const hub = role("hub");
      const member = role("member", [hub.uid]);
      sts.on({ action: "AssumeRole", params: { RoleArn: member.roleArn }, reply: echoing(hub.roleArn) });
      useStackConfig(throughHostileSts({ "alicloud:assumeRole": JSON.stringify({ roleArn: hub.roleArn }) }));
      const err = (await rejectionOf(
        create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } }),
      )) as PoolServiceError;
      const { secret, token } = sessionOf(sts.passed(), hub.roleArn);
      assert.match(err.message, /^AssumeRole failed for role .*: NoPermission/);
      assert.match(err.message, /Alibaba Cloud said: denied for key \*\*\* token \*\*\*$/m);
      assert.ok(!err.message.includes(secret) && !err.message.includes(token), err.message);
      assert.equal(vpcCalls().length, 0);
    });

    it("so are the secrets of a renewed session", async function () {
      this.timeout(30_000);
      const hub = role("hub");
      const member = role("member", [hub.uid]);
      useStackConfig(throughHostileSts({ "alicloud:assumeRole": JSON.stringify({ roleArn: hub.roleArn }) }));
      emulator.configure({ stsSessionMs: 1_500 });
      await create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } });
      const first = sessionOf(sts.passed(), hub.roleArn);
      // Both sessions expire; the member's renewal is signed with the hub's renewed session.
      await new Promise((r) => setTimeout(r, 1_600));
      sts.on({ action: "AssumeRole", params: { RoleArn: member.roleArn }, reply: echoing(hub.roleArn) });
      const err = (await rejectionOf(
        create("cn-shanghai", { assumeRole: { roleArn: member.roleArn } }),
      )) as PoolServiceError;
      const renewed = sessionOf(sts.passed(), hub.roleArn);
      assert.notEqual(renewed.secret, first.secret, "the hub's session was renewed");
      assert.match(err.message, /denied for key \*\*\* token \*\*\*/);
      for (const value of [renewed.secret, renewed.token, first.secret, first.token]) {
        assert.ok(!err.message.includes(value), "a session secret was shown");
      }
    });
  });

  describe("the account of a role's session is the one STS reports", () => {
    it("a session of another account than the role's ARN names is refused, naming both, and nothing is sent", async () => {
      const one = role("one");
      const two = role("two");
      const other = await assumeWithSdk(emulator, caller(), two.roleArn, { sessionName: "lie" });
      emulator.clearLog();
      sts.on(
        sessionOfAnotherRole(one.roleArn, other, {
          requestId: "LIE-0000-0000-0000-000000000000",
          assumedRoleId: "3:s",
        }),
      );
      useStackConfig(throughHostileSts());
      const err = (await rejectionOf(
        create("cn-hangzhou", { assumeRole: { roleArn: one.roleArn } }),
      )) as PoolServiceError;
      assert.equal(err.code, "AccountMismatch");
      assert.match(err.message, new RegExp(`role ${one.roleArn} belongs to account ${one.uid}`));
      assert.match(err.message, new RegExp(`of account ${two.uid}`));
      assert.deepEqual(vpcCalls(), [], "no VPC call in either account");
      assert.ok(!err.message.includes(other.credentials!.accessKeySecret!));
    });
  });

  describe("GetCallerIdentity is believed only when it says something", () => {
    it("an AccountId that is not an account ID is UnexpectedResponse, and no Open is sent", async () => {
      sts.on({
        action: "GetCallerIdentity",
        reply: { kind: "json", body: { RequestId: "WHO", AccountId: "12" } },
      });
      useStackConfig(throughHostileSts());
      const err = (await rejectionOf(create("cn-hangzhou"))) as PoolServiceError;
      assert.equal(err.code, "UnexpectedResponse");
      assert.match(err.message, /^GetCallerIdentity failed: UnexpectedResponse \(HTTP 200, request ID WHO\)/);
      assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);
    });

    it("another account than alicloud:accountId, as GetCallerIdentity tells it, stops the create", async () => {
      const other = emulator.addAccount().uid;
      sts.on({
        action: "GetCallerIdentity",
        reply: { kind: "json", body: { RequestId: "WHO", AccountId: other } },
      });
      useStackConfig(throughHostileSts({ "alicloud:accountId": callerUid }));
      const err = (await rejectionOf(create("cn-hangzhou"))) as PoolServiceError;
      assert.equal(err.code, "AccountMismatch");
      assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);
    });
  });

  describe("alicloud:accountId is checked against STS, never trusted", () => {
    it("another account's ID fails the create naming both accounts, and no Open is sent", async () => {
      const other = emulator.addAccount().uid;
      useStackConfig(stackConfigFor(caller(), { "alicloud:accountId": other }));
      const err = (await rejectionOf(create("cn-hangzhou"))) as PoolServiceError;
      assert.equal(err.code, "AccountMismatch");
      assert.match(
        err.message,
        new RegExp(`alicloud:accountId is ${other}, but the credentials act in account ${callerUid}`),
      );
      assert.match(err.message, new RegExp(`Fix: set alicloud:accountId to ${callerUid}`));
      assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);
      assert.equal(emulator.log().filter((e) => e.action === "GetCallerIdentity").length, 1);
    });

    it("the right one lets it through, and is still asked of STS", async () => {
      useStackConfig(stackConfigFor(caller(), { "alicloud:accountId": callerUid }));
      const { outs } = await create("cn-hangzhou");
      assert.equal(outs.accountId, callerUid);
      assert.equal(emulator.log().filter((e) => e.action === "GetCallerIdentity").length, 1);
    });

    for (const bad of ["abc", "123\n456", "12", "0123456789012345", "9".repeat(400)]) {
      it(`refuses the value ${JSON.stringify(bad.slice(0, 20))} before anything is sent`, async () => {
        useStackConfig(stackConfigFor(caller(), { "alicloud:accountId": bad }));
        await assert.rejects(
          check({}, { regionId: "cn-hangzhou" }),
          /stack config alicloud:accountId must be an Alibaba Cloud account ID, 16 digits not starting with 0/,
        );
        assert.equal(emulator.log().length, 0);
      });
    }

    for (const account of ["12", "9".repeat(400), "0123456789012345"]) {
      it(`refuses a role ARN whose account is ${account.length} digits${account.startsWith("0") ? " with a leading zero" : ""}, before STS is asked`, async () => {
        const result = await check(
          {},
          { regionId: "cn-hangzhou", assumeRole: { roleArn: `acs:ram::${account}:role/x` } },
        );
        assert.equal(result.failures?.[0]?.property, "assumeRole");
        assert.match(
          result.failures![0].reason,
          /the account in assumeRole\.roleArn must be an Alibaba Cloud account ID/,
        );
        assert.equal(emulator.log().length, 0);
      });
    }
  });

  describe("refresh acts only in the recorded account", () => {
    it("credentials of another account fail the read, naming both accounts and the fix, and read nothing", async () => {
      const { outs } = await create("cn-hangzhou");
      const b = emulator.addAccount();
      useStackConfig(stackConfigFor(b.keys[0]));
      emulator.clearLog();
      const err = (await rejectionOf(provider().read("cn-hangzhou", outs))) as PoolServiceError;
      assert.equal(err.code, "AccountMismatch");
      assert.match(
        err.message,
        new RegExp(`the state records account ${callerUid}, but the credentials now act in account ${b.uid}`),
      );
      assert.match(err.message, new RegExp(`Fix: run the refresh with credentials of account ${callerUid}`));
      assert.deepEqual(vpcCalls(), [], "no status was read in the other account");
    });
  });

  describe("STS faults are retried like the VPC API's", () => {
    it("resets and 503s of AssumeRole are retried, and the region is activated", async () => {
      const member = role("member");
      emulator.addFault({ kind: "reset", action: "AssumeRole", count: 1 });
      emulator.addFault({ kind: "unavailable", action: "AssumeRole", count: 1 });
      emulator.addFault({ kind: "throttling", action: "GetCallerIdentity", count: 1 });
      const { outs } = await create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } });
      assert.equal(outs.accountId, member.uid);
      assert.equal(emulator.log().filter((e) => e.action === "AssumeRole").length, 3);
      const { outs: own } = await create("cn-shanghai");
      assert.equal(own.accountId, callerUid);
      assert.equal(emulator.log().filter((e) => e.action === "GetCallerIdentity").length, 2);
    });

    it("a session one resource failed to get is asked for again by the next", async () => {
      const member = role("member");
      emulator.addFault({ kind: "unavailable", action: "AssumeRole" });
      await assert.rejects(
        create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } }),
        /ServiceUnavailable/,
      );
      const failed = emulator.log().filter((e) => e.action === "AssumeRole").length;
      assert.ok(failed > 1, "the failure was retried");
      emulator.clearFaults();
      const { outs } = await create("cn-shanghai", { assumeRole: { roleArn: member.roleArn } });
      assert.equal(outs.accountId, member.uid);
      assert.equal(emulator.log().filter((e) => e.action === "AssumeRole").length, failed + 1);
    });
  });

  describe("every STS call of every profile goes to the configured STS endpoint", () => {
    let undo: (() => void) | undefined;
    afterEach(() => {
      undo?.();
      rmSync(join(homedir(), ".aliyun"), { recursive: true, force: true });
    });

    /** Writes ~/.aliyun/config.json (the tests' HOME) and lets the CLI profile be read. */
    function cliConfig(profiles: object[], current: string) {
      mkdirSync(join(homedir(), ".aliyun"), { recursive: true });
      writeFileSync(join(homedir(), ".aliyun", "config.json"), JSON.stringify({ current, profiles }));
    }

    /** Creates a region with the environment's credentials; STS only through the hostile endpoint. */
    async function createThroughConfiguredSts(env: Record<string, string | undefined>) {
      undo = setEnv({
        ALICLOUD_STS_ENDPOINT: sts.host,
        ALIBABA_CLOUD_CLI_PROFILE_DISABLED: undefined,
        ...env,
      });
      useStackConfig({ "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": "4" });
      return create("cn-hangzhou");
    }

    const ak = () => ({ access_key_id: caller().accessKeyId, access_key_secret: caller().accessKeySecret });

    it("a RamRoleArn profile named by ALICLOUD_PROFILE", async () => {
      const member = role("member");
      cliConfig([{ name: "org", mode: "RamRoleArn", ...ak(), ram_role_arn: member.roleArn }], "other");
      const { outs } = await createThroughConfiguredSts({ ALICLOUD_PROFILE: "org" });
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        sts.requests().map((r) => r.action),
        ["AssumeRole"],
      );
    });

    it("the CLI's current profile, RamRoleArn, as the last step of the default chain", async () => {
      const member = role("member");
      cliConfig([{ name: "org", mode: "RamRoleArn", ...ak(), ram_role_arn: member.roleArn }], "org");
      const { outs } = await createThroughConfiguredSts({});
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        sts.requests().map((r) => r.action),
        ["AssumeRole"],
      );
    });

    it("a ChainableRamRoleArn profile: both roles of the chain", async () => {
      const hub = role("hub");
      const member = role("member", [hub.uid]);
      cliConfig(
        [
          { name: "hub", mode: "RamRoleArn", ...ak(), ram_role_arn: hub.roleArn },
          {
            name: "member",
            mode: "ChainableRamRoleArn",
            source_profile: "hub",
            ram_role_arn: member.roleArn,
          },
        ],
        "member",
      );
      const { outs } = await createThroughConfiguredSts({});
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        sts.requests().map((r) => r.action),
        ["AssumeRole", "AssumeRole"],
      );
    });

    it("an OIDC profile", async () => {
      const { uid } = emulator.addAccount();
      const providerArn = emulator.addOidcProvider(uid, "ci", ["token-of-the-run"]);
      const roleArn = emulator.addRole(uid, { name: "ci", oidcProviders: ["ci"] });
      const tokenFile = join(mkdtempSync(join(tmpdir(), "oidc-")), "token");
      writeFileSync(tokenFile, "token-of-the-run\n");
      cliConfig(
        [
          {
            name: "ci",
            mode: "OIDC",
            ram_role_arn: roleArn,
            oidc_provider_arn: providerArn,
            oidc_token_file: tokenFile,
          },
        ],
        "ci",
      );
      const { outs } = await createThroughConfiguredSts({});
      assert.equal(outs.accountId, uid);
      assert.deepEqual(
        sts.requests().map((r) => r.action),
        ["AssumeRoleWithOIDC"],
      );
    });

    it("a ram_role_arn profile of the credentials file", async () => {
      const member = role("member");
      const file = join(mkdtempSync(join(tmpdir(), "credentials-")), "credentials");
      writeFileSync(
        file,
        [
          "[default]",
          "type = ram_role_arn",
          `access_key_id = ${caller().accessKeyId}`,
          `access_key_secret = ${caller().accessKeySecret}`,
          `role_arn = ${member.roleArn}`,
          "role_session_name = from-file",
        ].join("\n"),
      );
      const { outs } = await createThroughConfiguredSts({ ALIBABA_CLOUD_CREDENTIALS_FILE: file });
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        sts.requests().map((r) => r.action),
        ["AssumeRole"],
      );
    });
  });

  describe("no wait is unbounded", () => {
    for (const [label, path] of [
      ["/dev/zero", () => "/dev/zero"],
      ["a FIFO", fifo],
      ["a directory", () => mkdtempSync(join(tmpdir(), "dir-"))],
    ] as const) {
      it(`an oidcTokenFile that is ${label} is refused at once, as a problem of this machine`, async () => {
        const { uid } = emulator.addAccount();
        const providerArn = emulator.addOidcProvider(uid, "ci", ["t"]);
        const roleArn = emulator.addRole(uid, { name: "ci", oidcProviders: ["ci"] });
        useStackConfig({
          "alicloud:assumeRoleWithOidc": JSON.stringify({
            roleArn,
            oidcProviderArn: providerArn,
            oidcTokenFile: path(),
          }),
        });
        const started = Date.now();
        const err = (await rejectionOf(create("cn-hangzhou"))) as PoolServiceError;
        assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
        assert.equal(err.origin, "local");
        assert.match(
          err.message,
          /alicloud:assumeRoleWithOidc\.oidcTokenFile could not be used: .* is (a device|a FIFO \(named pipe\)|a directory), not a regular file/,
        );
        assert.doesNotMatch(err.message, /no usable answer from STS/);
        assert.equal(emulator.log().length, 0);
      });
    }
  });

  describe("an Open whose outcome is unknown", () => {
    it("is sent again with the same token after a settle window as long as the attempt took (at least 1 s), within the default budgets", async function () {
      this.timeout(30_000);
      useStackConfig(stackConfigFor(caller(), { "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": "" }));
      emulator.addFault({ kind: "reset", action: OPEN, count: 1 });
      const { outs } = await create("cn-hangzhou");
      assert.equal(outs.enabled, true);
      const opens = emulator.log().filter((e) => e.action === OPEN);
      assert.equal(opens.length, 2);
      assert.equal(opens[0].clientToken, opens[1].clientToken, "the same idempotency token");
      const gap = opens[1].startMs - opens[0].startMs;
      // The connection was dropped at once, so the window is its shortest, 1 s (5 s after a 10 s timeout).
      assert.ok(gap >= 1_000 && gap < 4_000, `the Open was sent again ${gap} ms later`);
    });
  });
});
