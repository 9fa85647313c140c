// Which account each call acts in: @pulumi/alicloud's configuration (assumeRole, OIDC, endpoints,
// profiles, credentials URI) and the resource's own assumeRole, through the provider object, the
// official clients and the emulator's STS over TLS. The emulator's log is the judge.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKey, type AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { assertOpensApart, opensOverlapAcrossAccounts } from "../support/opens";
import { rejectionOf } from "../support/rejection";
import { providerHarness, setEnv } from "../support/providerHarness";
import { emulatorSuite } from "../support/suite";
import type { PublicIpAddressPoolServiceInputs } from "../../provider/dynamic/publicIpAddressPoolService";
import type { PoolServiceError } from "../../provider/diagnostics/poolServiceError";
import { stackConfigFor, type StackConfig } from "../../scripts/harness/stackConfig";
import { ramRoleArnProfileFile } from "../support/cliProfiles";

/** This file's provider harness. */
const harness = providerHarness();
const { check, provider, useStackConfig, createRegion } = harness;

const OPEN = "OpenPublicIpAddressPoolService";

describe("accounts: which account each call acts in", function () {
  this.timeout(60_000);
  const suite = emulatorSuite({ provider: harness });
  let emulator: Emulator;
  let caller: AccessKey;
  let callerUid: string;
  beforeEach(() => {
    emulator = suite.emulator();
    caller = emulator.defaultAccount.keys[0];
    callerUid = emulator.defaultAccount.uid;
  });

  const opens = () => emulator.log().filter((e) => e.action === OPEN);
  const calls = (action: string) => emulator.log().filter((e) => e.action === action);

  /** A member account with a role the caller's account may assume. */
  function memberRole(spec: { externalId?: string; name?: string } = {}): { uid: string; roleArn: string } {
    const { uid } = emulator.addAccount();
    const roleArn = emulator.addRole(uid, {
      name: spec.name ?? "IpPoolAdmin",
      trustedAccounts: [callerUid],
      externalId: spec.externalId,
    });
    return { uid, roleArn };
  }

  const create = createRegion;

  describe("the stack's own configuration", () => {
    it("alicloud:assumeRole: activates the role's account, never the caller's", async () => {
      const member = memberRole();
      useStackConfig(
        stackConfigFor(caller, { "alicloud:assumeRole": JSON.stringify({ roleArn: member.roleArn }) }),
      );
      const { outs } = await create("cn-hangzhou");
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        opens().map((e) => e.accountUid),
        [member.uid],
      );
      assert.deepEqual(emulator.enabledRegions(member.uid), ["cn-hangzhou"]);
      assert.deepEqual(emulator.enabledRegions(callerUid), []);
      const assume = calls("AssumeRole");
      assert.equal(assume.length, 1);
      assert.equal(assume[0].accountUid, callerUid, "the caller's key signed AssumeRole");
      assert.equal(
        calls("GetCallerIdentity").length,
        0,
        "the role's ARN names the account: STS is not asked",
      );
    });

    it("ALICLOUD_ASSUME_ROLE_ARN does the same from the environment", async () => {
      const member = memberRole();
      const undo = setEnv({
        ALICLOUD_ASSUME_ROLE_ARN: member.roleArn,
        ALICLOUD_ASSUME_ROLE_SESSION_NAME: "from-env",
      });
      try {
        useStackConfig(stackConfigFor(caller));
        const { outs } = await create("cn-shanghai");
        assert.equal(outs.accountId, member.uid);
        assert.deepEqual(emulator.enabledRegions(member.uid), ["cn-shanghai"]);
        assert.deepEqual(emulator.enabledRegions(callerUid), []);
      } finally {
        undo();
      }
    });

    it("alicloud:assumeRoleWithOidc: activates the role's account with a token, and no AccessKey at all", async () => {
      const { uid } = emulator.addAccount();
      const providerArn = emulator.addOidcProvider(uid, "github", ["a-token-of-the-ci-run"]);
      const roleArn = emulator.addRole(uid, { name: "ci", oidcProviders: ["github"] });
      useStackConfig({
        "alicloud:assumeRoleWithOidc": JSON.stringify({
          roleArn,
          oidcProviderArn: providerArn,
          oidcToken: "a-token-of-the-ci-run",
        }),
      });
      const { outs } = await create("cn-beijing");
      assert.equal(outs.accountId, uid);
      assert.deepEqual(
        opens().map((e) => e.accountUid),
        [uid],
      );
      assert.equal(calls("AssumeRoleWithOIDC").length, 1);
      assert.deepEqual(emulator.enabledRegions(callerUid), []);
    });

    it("alicloud:endpoints: VPC and STS calls go where it says, over the environment's endpoints", async () => {
      const member = memberRole();
      // The environment's endpoints are dead loopback ports (isolateEnvironment's guard).
      const undo = setEnv({
        ALICLOUD_VPC_ENDPOINT: "http://127.0.0.1:9",
        ALICLOUD_STS_ENDPOINT: "https://127.0.0.1:9",
      });
      try {
        useStackConfig(
          stackConfigFor(caller, {
            "alicloud:assumeRole": JSON.stringify({ roleArn: member.roleArn }),
            "alicloud:endpoints": JSON.stringify([{ vpc: emulator.host, sts: emulator.secureHost }]),
            "alicloud:protocol": "HTTP",
          }),
        );
        const { outs } = await create("cn-hangzhou");
        assert.equal(outs.accountId, member.uid);
        assert.deepEqual(
          opens().map((e) => e.accountUid),
          [member.uid],
        );
        assert.equal(calls("AssumeRole").length, 1);
      } finally {
        undo();
      }
    });

    it("refuses plain HTTP to STS, and an alicloud:* key it cannot honour, before any call", async () => {
      useStackConfig(
        stackConfigFor(caller, {
          "alicloud:endpoints": JSON.stringify([{ sts: `http://${emulator.secureHost}` }]),
        }),
      );
      await assert.rejects(
        check({}, { regionId: "cn-hangzhou" }),
        /alicloud:endpoints\[0\]\.sts .* uses plain HTTP, and STS is reached over HTTPS only, on any host: use https:/,
      );
      for (const key of ["alicloud:sourceIp", "alicloud:securityTransport", "alicloud:secureTransport"]) {
        useStackConfig(stackConfigFor(caller, { [key]: "x" }));
        await assert.rejects(check({}, { regionId: "cn-hangzhou" }), (err: Error) => {
          assert.match(
            err.message,
            new RegExp(`^${key} is set, and this package cannot honour it: .*pulumi config rm ${key}`),
          );
          return true;
        });
      }
      useStackConfig(
        stackConfigFor(caller, {
          "alicloud:assumeRole": JSON.stringify({ roleArn: "arn:aws:iam::1:role/x" }),
        }),
      );
      await assert.rejects(
        check({}, { regionId: "cn-hangzhou" }),
        /alicloud:assumeRole\.roleArn must be a RAM role ARN/,
      );
      assert.equal(emulator.log().length, 0);
    });

    it("alicloud:credentialsUri: the credentials a URI serves (loopback server)", async () => {
      const key: AccessKey = { ...generateKey(), securityToken: "uri-served-token" };
      emulator.addKey(callerUid, key);
      let served = 0;
      const server: Server = createServer((_req, res) => {
        served++;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            Code: "Success",
            AccessKeyId: key.accessKeyId,
            AccessKeySecret: key.accessKeySecret,
            SecurityToken: key.securityToken,
            Expiration: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z"),
          }),
        );
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      try {
        const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`;
        useStackConfig({ "alicloud:credentialsUri": uri, "alicloud:accountId": callerUid });
        const { outs } = await create("cn-hangzhou");
        assert.equal(outs.accountId, callerUid);
        assert.deepEqual(
          opens().map((e) => e.accessKeyId),
          [key.accessKeyId],
        );
        assert.ok(served >= 1);
      } finally {
        server.close();
      }
    });

    it("alicloud:profile with alicloud:sharedCredentialsFile: a RamRoleArn profile activates the role's account", async () => {
      const member = memberRole();
      const file = ramRoleArnProfileFile({
        accessKeyId: caller.accessKeyId,
        accessKeySecret: caller.accessKeySecret,
        roleArn: member.roleArn,
        sessionName: "from-profile",
      });
      useStackConfig({ "alicloud:profile": "org", "alicloud:sharedCredentialsFile": file });
      const { outs } = await create("cn-hangzhou");
      assert.equal(outs.accountId, member.uid);
      assert.deepEqual(
        opens().map((e) => e.accountUid),
        [member.uid],
      );
    });
  });

  describe("the resource's assumeRole", () => {
    it("activates each role's account; one AssumeRole per role, reused for every region", async () => {
      const a = memberRole({ name: "a" });
      const b = memberRole({ name: "b" });
      const regions = ["cn-hangzhou", "cn-shanghai", "cn-beijing"];
      const results = await Promise.all(
        [a, b].flatMap((m) =>
          regions.map((regionId) => create(regionId, { assumeRole: { roleArn: m.roleArn } })),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.outs.accountId),
        [...regions.map(() => a.uid), ...regions.map(() => b.uid)],
      );
      assert.deepEqual(emulator.enabledRegions(a.uid), [...regions].sort());
      assert.deepEqual(emulator.enabledRegions(b.uid), [...regions].sort());
      assert.deepEqual(emulator.enabledRegions(callerUid), []);
      const assumed = calls("AssumeRole").map((e) => e.issuedKeyId);
      assert.equal(assumed.length, 2, "one AssumeRole per role");
      assert.equal(results[0].outs.assumeRole?.roleArn, a.roleArn);
    });

    it("assumes the stack's role once, then each resource's role with it", async () => {
      const hubUid = emulator.addAccount().uid;
      const hub = emulator.addRole(hubUid, { name: "hub", trustedAccounts: [callerUid] });
      const members = [0, 1, 2].map((i) => {
        const { uid } = emulator.addAccount();
        return { uid, roleArn: emulator.addRole(uid, { name: `member${i}`, trustedAccounts: [hubUid] }) };
      });
      useStackConfig(stackConfigFor(caller, { "alicloud:assumeRole": JSON.stringify({ roleArn: hub }) }));
      await Promise.all(members.map((m) => create("cn-hangzhou", { assumeRole: { roleArn: m.roleArn } })));
      for (const m of members) assert.deepEqual(emulator.enabledRegions(m.uid), ["cn-hangzhou"]);
      assert.deepEqual(emulator.enabledRegions(hubUid), []);
      const assume = calls("AssumeRole");
      assert.equal(assume.length, 4, "the hub role once, and each member role once");
      assert.equal(assume.filter((e) => e.accountUid === callerUid).length, 1);
      assert.equal(assume.filter((e) => e.accountUid === hubUid).length, 3);
    });

    it("keeps Opens apart within each target account, and runs accounts in parallel", async () => {
      emulator.addFault({ kind: "latency", action: OPEN, latencyMs: 300 });
      const members = [memberRole({ name: "a" }), memberRole({ name: "b" }), memberRole({ name: "c" })];
      const regions = ["cn-hangzhou", "cn-shanghai", "cn-beijing"];
      await Promise.all(
        members.flatMap((m) =>
          regions.map((regionId) => create(regionId, { assumeRole: { roleArn: m.roleArn } })),
        ),
      );
      const all = assertOpensApart(emulator.log(), "an Open overlapped another of its account");
      assert.equal(all.length, 9);
      assert.ok(opensOverlapAcrossAccounts(all), "Opens of different accounts never ran at the same time");
    });

    it("renews the session before it expires, so a long activation wait never runs on an expired key", async function () {
      this.timeout(30_000);
      // Keys really expire after 2.5 s; the library renews them 1 s before.
      emulator.configure({ stsSessionMs: 2_500, activationDelayMs: 5_000 });
      const member = memberRole();
      const { outs } = await create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } });
      assert.equal(outs.enabled, true);
      assert.deepEqual(
        emulator.log().filter((e) => e.outcome === "InvalidSecurityToken.Expired"),
        [],
      );
      const assumed = calls("AssumeRole");
      assert.ok(assumed.length >= 2, `the session was renewed (${assumed.length} AssumeRole)`);
      const statusKeys = new Set(calls("GetPublicIpAddressPoolServiceStatus").map((e) => e.accessKeyId));
      assert.ok(statusKeys.size >= 2, "the polls went on with the renewed key");
    });
  });

  describe("STS refusals: the role, the account and the fix; never retried", () => {
    async function refused(
      roleArn: string,
      extra: Record<string, unknown> = {},
      config: StackConfig = stackConfigFor(caller),
    ) {
      useStackConfig(config);
      const err = (await rejectionOf(
        create("cn-hangzhou", { assumeRole: { roleArn, ...extra } }),
      )) as PoolServiceError;
      assert.equal(calls("AssumeRole").length, 1, "AssumeRole was sent once");
      assert.equal(
        opens().length + calls("GetPublicIpAddressPoolServiceStatus").length,
        0,
        "no VPC call was sent",
      );
      return err;
    }

    it("an untrusted role", async () => {
      const { uid } = emulator.addAccount();
      const roleArn = emulator.addRole(uid, { name: "admin" });
      const err = await refused(roleArn);
      assert.equal(err.code, "NoPermission");
      assert.equal(err.kind, "auth");
      const [first, meaning, fix] = err.message.split("\n");
      assert.match(
        first,
        new RegExp(
          `^AssumeRole failed for role ${roleArn} \\(account ${uid}\\): NoPermission \\(HTTP 403, request ID [0-9A-F-]{36}\\)\\.$`,
        ),
      );
      assert.match(
        meaning,
        new RegExp(
          `^Meaning: the trust policy of role ${roleArn} \\(account ${uid}\\) does not let stack config alicloud:accessKey assume it`,
        ),
      );
      assert.match(
        fix,
        /^Fix: add the account of stack config alicloud:accessKey to the trust policy of role .* AliyunSTSAssumeRoleAccess/,
      );
    });

    it("a wrong external ID", async () => {
      const member = memberRole({ externalId: "expected-id" });
      const err = await refused(member.roleArn, { externalId: "wrong-id" });
      assert.equal(err.code, "NoPermission");
      assert.match(
        err.message,
        new RegExp(`^AssumeRole failed for role ${member.roleArn} \\(account ${member.uid}\\)`),
      );
      assert.match(
        err.message,
        /Fix: set the resource's assumeRole\.externalId to the external ID in the role's trust policy/,
      );
      assert.ok(!err.message.includes("expected-id"), "the trust policy's external ID is not guessed at");
    });

    it("an expired session signing AssumeRole", async () => {
      const member = memberRole();
      const expired: AccessKey = {
        ...generateKey(),
        securityToken: "an-expired-sts-token",
        expiresAt: Date.now() - 1000,
      };
      emulator.addKey(callerUid, expired);
      const err = await refused(member.roleArn, {}, stackConfigFor(expired));
      assert.equal(err.code, "InvalidSecurityToken.Expired");
      assert.match(
        err.message,
        new RegExp(
          `^AssumeRole failed for role ${member.roleArn} \\(account ${member.uid}\\): InvalidSecurityToken.Expired`,
        ),
      );
      assert.match(err.message, /Fix: give fresh credentials to stack config alicloud:accessKey/);
      assert.ok(
        !err.message.includes(expired.accessKeySecret) && !err.message.includes(expired.securityToken!),
      );
    });
  });

  describe("check and diff of assumeRole", () => {
    const arn = (account: string, name = "admin") => `acs:ram::${account}:role/${name}`;

    it("names a bad assumeRole against the property, with no call", async () => {
      for (const [bad, pattern] of [
        [{ roleArn: "admin" }, /^assumeRole\.roleArn must be a RAM role ARN/],
        [
          { roleArn: arn("1111111111111111"), sessionExpiration: 60 },
          /^assumeRole\.sessionExpiration must be a whole number of seconds from 900 to 43200/,
        ],
        [{ roleArn: arn("1111111111111111"), sessionName: "a b" }, /^assumeRole\.sessionName must be/],
        [{ roleArn: arn("1111111111111111"), role: "x" }, /^assumeRole has role, which it does not take/],
        ["acs:ram::1:role/x", /^assumeRole must be an object/],
      ] as const) {
        const result = await check({}, { regionId: "cn-hangzhou", assumeRole: bad });
        assert.equal(result.failures?.length, 1, JSON.stringify(bad));
        assert.equal(result.failures![0].property, "assumeRole");
        assert.match(result.failures![0].reason, pattern);
      }
      assert.equal(emulator.log().length, 0);
    });

    it("keeps the token for the same account and makes a new one for another", async () => {
      const first = await check(
        {},
        { regionId: "cn-hangzhou", assumeRole: { roleArn: arn("1111111111111111") } },
      );
      const token = first.inputs!.clientToken;
      const renamed = await check(first.inputs, {
        regionId: "cn-hangzhou",
        assumeRole: { roleArn: arn("1111111111111111"), sessionName: "other" },
      });
      assert.equal(renamed.inputs!.clientToken, token);
      const moved = await check(first.inputs, {
        regionId: "cn-hangzhou",
        assumeRole: { roleArn: arn("2222222222222222") },
      });
      assert.notEqual(moved.inputs!.clientToken, token);
    });

    it("replaces on another target account, updates in place for another session name, and sends nothing", async () => {
      const olds = {
        regionId: "cn-hangzhou",
        enabled: true,
        adopted: false,
        accountId: "1111111111111111",
        assumeRole: { roleArn: arn("1111111111111111") },
      };
      const news = (assumeRole: unknown) =>
        ({ regionId: "cn-hangzhou", clientToken: "t", assumeRole }) as PublicIpAddressPoolServiceInputs;
      const p = provider();
      assert.deepEqual(await p.diff("cn-hangzhou", olds, news({ roleArn: arn("2222222222222222") })), {
        changes: true,
        replaces: ["assumeRole"],
        deleteBeforeReplace: false,
      });
      assert.deepEqual(
        await p.diff("cn-hangzhou", olds, news({ roleArn: arn("1111111111111111", "other-role") })),
        {
          changes: true,
          replaces: [],
        },
      );
      assert.deepEqual(
        await p.diff("cn-hangzhou", olds, news({ roleArn: arn("1111111111111111"), sessionName: "renamed" })),
        {
          changes: true,
          replaces: [],
        },
      );
      assert.deepEqual(await p.diff("cn-hangzhou", olds, news({ roleArn: arn("1111111111111111") })), {
        changes: false,
      });
      const updated = await p.update(
        "cn-hangzhou",
        olds,
        news({ roleArn: arn("1111111111111111"), sessionName: "renamed" }),
      );
      assert.deepEqual(updated.outs, {
        ...olds,
        assumeRole: { roleArn: arn("1111111111111111"), sessionName: "renamed" },
      });
      assert.equal(emulator.log().length, 0);
    });

    it("replaces when the stack's credentials now act in another account, asking STS once", async () => {
      const olds = { regionId: "cn-hangzhou", enabled: true, adopted: false, accountId: callerUid };
      const news = { regionId: "cn-hangzhou", clientToken: "t" };
      assert.deepEqual(await provider().diff("cn-hangzhou", olds, news), { changes: false });
      assert.deepEqual(await provider().diff("cn-hangzhou", olds, news), { changes: false });
      assert.equal(calls("GetCallerIdentity").length, 1);
      const member = memberRole();
      useStackConfig(
        stackConfigFor(caller, { "alicloud:assumeRole": JSON.stringify({ roleArn: member.roleArn }) }),
      );
      assert.deepEqual(await provider().diff("cn-hangzhou", olds, news), {
        changes: true,
        replaces: ["accountId"],
        deleteBeforeReplace: false,
      });
    });

    it("leaves state from before 0.2.0 (no account recorded) alone, unless a role is added", async () => {
      const olds = { regionId: "cn-hangzhou", enabled: true, adopted: false };
      assert.deepEqual(
        await provider().diff("cn-hangzhou", olds, { regionId: "cn-hangzhou", clientToken: "t" }),
        { changes: false },
      );
      const withRole = {
        regionId: "cn-hangzhou",
        clientToken: "t",
        assumeRole: { roleArn: arn("2222222222222222") },
      };
      assert.deepEqual((await provider().diff("cn-hangzhou", olds, withRole)).replaces, ["assumeRole"]);
      assert.equal(emulator.log().length, 0);
    });
  });

  it("reads through the resource's role on refresh", async () => {
    const member = memberRole();
    const { outs } = await create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } });
    assert.deepEqual(await provider().read("cn-hangzhou", outs), { id: "cn-hangzhou", props: outs });
    emulator.setRegion(member.uid, "cn-hangzhou", { enabled: false });
    assert.equal((await provider().read("cn-hangzhou", outs)).id, "");
    const reads = calls("GetPublicIpAddressPoolServiceStatus");
    assert.ok(reads.every((e) => e.accountUid === member.uid));
  });

  it("keeps no credential of an assumed role in the outputs", async () => {
    const member = memberRole();
    const { outs } = await create("cn-hangzhou", { assumeRole: { roleArn: member.roleArn } });
    const issued = emulator.log().find((e) => e.action === "AssumeRole")!.issuedKeyId!;
    const text = JSON.stringify(outs);
    assert.ok(!text.includes(issued));
    assert.ok(!text.includes(caller.accessKeySecret));
  });
});
