// The emulator's STS, through the clients that really call it: the official @alicloud/sts20150401
// client (ACS3 signature) and the AssumeRole providers of @alicloud/credentials (RPC HMAC-SHA1),
// over TLS on loopback, as they insist.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { UNCONFIRMED } from "../../emulator";
import { rpcSign, rpcStringToSign } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { sdkClient, sdkOpen, sdkStatus, type SdkError } from "../support/sdk";
import { assumeWithLibrary, assumeWithOidc, assumeWithSdk, callerIdentity, stsCode } from "../support/sts";
import { emulatorSuite } from "../support/suite";
import { postForJson } from "../support/rawRequest";

describe("emulator STS (2015-04-01), through the official clients over TLS", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  let caller: AccessKey;
  let member: string;
  beforeEach(() => {
    emulator = suite.emulator();
    caller = emulator.defaultAccount.keys[0];
    member = emulator.addAccount().uid;
  });

  const stsLog = () => emulator.log().filter((e) => e.action !== undefined && /Role|Caller/.test(e.action));

  it("answers GetCallerIdentity with the account of the signing key", async () => {
    const identity = await callerIdentity(emulator, caller);
    assert.equal(identity.accountId, emulator.defaultAccount.uid);
    assert.equal(identity.identityType, "RAMUser");
    assert.deepEqual(
      emulator.log().map((e) => [e.action, e.accountUid, e.outcome]),
      [["GetCallerIdentity", emulator.defaultAccount.uid, "OK"]],
    );
  });

  it("issues, to a trusted caller, a key that acts as the role's account (RPC signature of @alicloud/credentials)", async () => {
    const roleArn = emulator.addRole(member, {
      name: "IpPoolAdmin",
      trustedAccounts: [emulator.defaultAccount.uid],
    });
    assert.equal(roleArn, `acs:ram::${member}:role/ippooladmin`);
    const issued = await assumeWithLibrary(emulator, caller, roleArn, { sessionName: "rollout" });
    assert.match(issued.accessKeyId, /^STS\./);
    assert.ok(issued.securityToken);

    const identity = await callerIdentity(emulator, issued);
    assert.equal(identity.accountId, member);
    assert.equal(identity.identityType, "AssumedRoleUser");
    assert.equal(identity.arn, `acs:ram::${member}:assumed-role/ippooladmin/rollout`);

    const vpc = sdkClient(emulator, issued);
    await sdkOpen(vpc, "cn-hangzhou");
    assert.equal(await sdkStatus(vpc, "cn-hangzhou"), true);
    assert.deepEqual(emulator.enabledRegions(member), ["cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), []);

    const assume = emulator.log().find((e) => e.action === "AssumeRole")!;
    assert.equal(assume.accountUid, emulator.defaultAccount.uid, "AssumeRole is logged against the caller");
    assert.equal(assume.issuedKeyId, issued.accessKeyId);
    const open = emulator.log().find((e) => e.action === "OpenPublicIpAddressPoolService")!;
    assert.equal(open.accountUid, member, "the Open acted in the role's account");
  });

  it("takes AssumeRole signed by the official STS client (ACS3) as well", async () => {
    const roleArn = emulator.addRole(member, {
      name: "admin",
      trustedAccounts: [emulator.defaultAccount.uid],
    });
    const body = await assumeWithSdk(emulator, caller, roleArn, { durationSeconds: 900 });
    // The real service's form: acs:ram::<account>:assumed-role/<role>/<session>.
    assert.equal(body.assumedRoleUser?.arn, `acs:ram::${member}:assumed-role/admin/emulator-test`);
    const expiration = Date.parse(body.credentials!.expiration!);
    assert.ok(Math.abs(expiration - (Date.now() + 900_000)) < 5_000, body.credentials!.expiration);
  });

  it("refuses a signature made with the wrong secret, and an unknown key", async () => {
    const roleArn = emulator.addRole(member, {
      name: "admin",
      trustedAccounts: [emulator.defaultAccount.uid],
    });
    const wrong = await rejectionOf(
      assumeWithLibrary(emulator, { ...caller, accessKeySecret: "not-the-secret" }, roleArn),
    );
    // The library words SignatureDoesNotMatch itself; the emulator's log has the code.
    assert.match(wrong.message, /access key secret is invalid/);
    assert.equal(stsLog()[0].outcome, "SignatureDoesNotMatch");
    const unknown = await rejectionOf(
      assumeWithLibrary(emulator, { accessKeyId: "EMUAKNOSUCHKEY", accessKeySecret: "x" }, roleArn),
    );
    assert.equal(stsCode(unknown), "InvalidAccessKeyId.NotFound");
    assert.equal(emulator.log().filter((e) => e.issuedKeyId).length, 0);
  });

  it("answers an unknown role with EntityNotExist.Role", async () => {
    const err = await rejectionOf(assumeWithLibrary(emulator, caller, `acs:ram::${member}:role/nobody`));
    assert.equal(stsCode(err), UNCONFIRMED.unknownRole);
    assert.equal(stsLog()[0].status, 404);
  });

  it("answers a caller the trust policy does not name with NoPermission (403)", async () => {
    const roleArn = emulator.addRole(member, { name: "admin" }); // trusts only its own account
    const err = await rejectionOf(assumeWithLibrary(emulator, caller, roleArn));
    assert.equal(stsCode(err), "NoPermission");
    assert.equal(stsLog()[0].status, 403);
  });

  it("needs the external ID the trust policy requires", async () => {
    const roleArn = emulator.addRole(member, {
      name: "admin",
      trustedAccounts: [emulator.defaultAccount.uid],
      externalId: "abc-123",
    });
    assert.equal(
      stsCode(await rejectionOf(assumeWithLibrary(emulator, caller, roleArn))),
      UNCONFIRMED.wrongExternalId,
    );
    assert.equal(
      stsCode(await rejectionOf(assumeWithLibrary(emulator, caller, roleArn, { externalId: "abc-999" }))),
      UNCONFIRMED.wrongExternalId,
    );
    const issued = await assumeWithLibrary(emulator, caller, roleArn, { externalId: "abc-123" });
    assert.equal((await callerIdentity(emulator, issued)).accountId, member);
  });

  it("answers a session shorter than 15 minutes or longer than the role allows with InvalidParameter.DurationSeconds", async () => {
    const roleArn = emulator.addRole(member, {
      name: "admin",
      trustedAccounts: [emulator.defaultAccount.uid],
      maxSessionDurationSeconds: 3600,
    });
    for (const durationSeconds of [3601, 7200]) {
      const err = await rejectionOf(assumeWithSdk(emulator, caller, roleArn, { durationSeconds }));
      assert.equal(stsCode(err), "InvalidParameter.DurationSeconds", String(durationSeconds));
    }
    // The library refuses less than 900 seconds itself, so the short case goes through the STS client.
    assert.equal(
      stsCode(await rejectionOf(assumeWithSdk(emulator, caller, roleArn, { durationSeconds: 899 }))),
      "InvalidParameter.DurationSeconds",
    );
    await assumeWithSdk(emulator, caller, roleArn, { durationSeconds: 3600 });
  });

  it("expires an issued key: its calls then answer InvalidSecurityToken.Expired", async () => {
    emulator.configure({ stsSessionMs: 300 });
    const roleArn = emulator.addRole(member, {
      name: "admin",
      trustedAccounts: [emulator.defaultAccount.uid],
    });
    const body = await assumeWithSdk(emulator, caller, roleArn);
    const issued = {
      accessKeyId: body.credentials!.accessKeyId!,
      accessKeySecret: body.credentials!.accessKeySecret!,
      securityToken: body.credentials!.securityToken!,
    };
    // The reported expiry is the real one, to the second, rounded down.
    const reported = Date.parse(body.credentials!.expiration!);
    assert.ok(reported <= Date.now() + 300 && reported > Date.now() - 1_500, `reported ${reported}`);
    assert.equal(await sdkStatus(sdkClient(emulator, issued), "cn-hangzhou"), false);
    await new Promise((r) => setTimeout(r, 400));
    const err = (await rejectionOf(sdkStatus(sdkClient(emulator, issued), "cn-hangzhou"))) as SdkError;
    assert.equal(err.code, "InvalidSecurityToken.Expired");
    // Signing AssumeRole with it fails the same way.
    const again = await rejectionOf(assumeWithLibrary(emulator, issued, roleArn));
    assert.equal(stsCode(again), "InvalidSecurityToken.Expired");
  });

  it("gives an issued key the role's denied actions", async () => {
    const roleArn = emulator.addRole(member, {
      name: "reader",
      trustedAccounts: [emulator.defaultAccount.uid],
      deniedActions: ["OpenPublicIpAddressPoolService"],
    });
    const vpc = sdkClient(emulator, await assumeWithLibrary(emulator, caller, roleArn));
    assert.equal(await sdkStatus(vpc, "cn-hangzhou"), false);
    const err = (await rejectionOf(sdkOpen(vpc, "cn-hangzhou"))) as SdkError;
    assert.equal(err.code, "Forbidden.RAM");
  });

  describe("AssumeRoleWithOIDC", () => {
    let tokenFile: string;
    let providerArn: string;
    beforeEach(() => {
      providerArn = emulator.addOidcProvider(member, "github", ["issued-oidc-token"]);
      tokenFile = join(mkdtempSync(join(tmpdir(), "oidc-")), "token");
      writeFileSync(tokenFile, "issued-oidc-token");
    });

    it("issues a key of the role's account for a token of a trusted identity provider", async () => {
      const roleArn = emulator.addRole(member, { name: "ci", oidcProviders: ["github"] });
      const issued = await assumeWithOidc(emulator, roleArn, providerArn, tokenFile);
      assert.equal((await callerIdentity(emulator, issued)).accountId, member);
      const entry = emulator.log().find((e) => e.action === "AssumeRoleWithOIDC")!;
      assert.equal(entry.issuedKeyId, issued.accessKeyId);
    });

    it("refuses a token the provider did not issue, an unknown provider, and a role that does not trust it", async () => {
      const roleArn = emulator.addRole(member, { name: "ci", oidcProviders: ["github"] });
      writeFileSync(tokenFile, "forged-token");
      assert.equal(
        stsCode(await rejectionOf(assumeWithOidc(emulator, roleArn, providerArn, tokenFile))),
        "AuthenticationFail.OIDCToken.InvalidSignature",
      );
      writeFileSync(tokenFile, "issued-oidc-token");
      assert.equal(
        stsCode(
          await rejectionOf(
            assumeWithOidc(emulator, roleArn, `acs:ram::${member}:oidc-provider/gitlab`, tokenFile),
          ),
        ),
        "AuthenticationFail.NoPermission",
      );
      const untrusting = emulator.addRole(member, { name: "other" });
      assert.equal(
        stsCode(await rejectionOf(assumeWithOidc(emulator, untrusting, providerArn, tokenFile))),
        UNCONFIRMED.untrustedOidcProvider,
      );
      assert.ok(stsLog().every((e) => e.status === 401));
    });
  });
});

describe("emulator STS refuses what Alibaba Cloud refuses, hand-signed the RPC way", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  let roleArn: string;
  beforeEach(() => {
    emulator = suite.emulator();
    const member = emulator.addAccount().uid;
    roleArn = emulator.addRole(member, { name: "admin", trustedAccounts: [emulator.defaultAccount.uid] });
  });

  /** POSTs an AssumeRole signed with RPC HMAC-SHA1 (as @alicloud/credentials does), with parameters changed. */
  function assume(
    change: (params: Record<string, string>) => void,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const key = emulator.defaultAccount.keys[0];
    const params: Record<string, string> = {
      Version: "2015-04-01",
      Action: "AssumeRole",
      Format: "JSON",
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      AccessKeyId: key.accessKeyId,
      RoleArn: roleArn,
      RoleSessionName: "by-hand",
      DurationSeconds: "3600",
    };
    change(params);
    params.Signature = rpcSign(key.accessKeySecret, rpcStringToSign("POST", params));
    const query = Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&");
    return postForJson(`${emulator.secureEndpoint}/?${query}`, {
      "content-type": "application/x-www-form-urlencoded",
    });
  }

  it("accepts a well-formed request, and answers AssumedRoleUser.Arn as the real service does", async () => {
    const { status, body } = await assume(() => undefined);
    assert.equal(status, 200);
    const member = roleArn.split(":")[3];
    assert.equal(
      (body.AssumedRoleUser as { Arn: string }).Arn,
      `acs:ram::${member}:assumed-role/admin/by-hand`,
    );
  });

  for (const [label, change, code] of [
    ["no SignatureNonce", (p: Record<string, string>) => delete p.SignatureNonce, UNCONFIRMED.missingNonce],
    [
      "a Timestamp that is not ISO 8601 UTC",
      (p: Record<string, string>) => (p.Timestamp = p.Timestamp.replace("T", " ").replace("Z", "")),
      UNCONFIRMED.badTimestamp,
    ],
    [
      "a Timestamp in epoch seconds",
      (p: Record<string, string>) => (p.Timestamp = String(Math.floor(Date.now() / 1000))),
      UNCONFIRMED.badTimestamp,
    ],
    [
      "DurationSeconds=3600.0",
      (p: Record<string, string>) => (p.DurationSeconds = "3600.0"),
      UNCONFIRMED.fractionalDuration,
    ],
  ] as const) {
    it(`refuses ${label} with ${code}, issuing nothing`, async () => {
      const { status, body } = await assume(change);
      assert.equal(status, 400);
      assert.equal(body.Code, code);
      assert.equal(emulator.log()[0].issuedKeyId, undefined);
    });
  }
});
