// The right account through the real engine: no session secret in any output or state file (the
// `.bak` files included), nothing done in an account STS did not report for the role, a refresh with
// another account's credentials that changes nothing, and a rollout that goes on past a failure
// when asked to.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  PublicIpAddressPoolService,
  PublicIpAddressPoolServiceRegions,
} from "pulumi-alicloud-ip-pool-service";
import type { Emulator } from "../../emulator";
import { hostileEndpointFor, type HostileEndpoint, type PassedReply } from "../support/hostileEndpoint";
import { rejectionOf } from "../support/rejection";
import { createTestStack, dynamicResources, readAllFiles } from "../../scripts/harness/stack";
import { assumeWithSdk, sessionOfAnotherRole } from "../support/sts";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

const OPEN = "OpenPublicIpAddressPoolService";

/** Every secret and token of a session that went through the hostile STS. */
function sessionSecrets(passed: readonly PassedReply[]): string[] {
  return passed.flatMap((r) => {
    const c = (r.body as { Credentials?: Record<string, string> })?.Credentials;
    return c ? [c.AccessKeySecret, c.SecurityToken] : [];
  });
}

/** The text of every output of a failed engine command. */
function outputOf(err: unknown): string {
  const e = err as { message?: string; commandResult?: { stdout?: string; stderr?: string } };
  return `${e.message ?? ""}\n${e.commandResult?.stdout ?? ""}\n${e.commandResult?.stderr ?? ""}`;
}

describe("end to end: the right account, through the real Pulumi engine", function () {
  this.timeout(240_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 10 });
  const hostileSts = hostileEndpointFor(suite.emulator, { tls: true });
  let emulator: Emulator;
  let sts: HostileEndpoint;
  beforeEach(() => {
    emulator = suite.emulator();
    sts = hostileSts();
  });

  const caller = () => emulator.defaultAccount.uid;
  function role(name: string, trusted = [caller()]) {
    const { uid } = emulator.addAccount();
    return { uid, roleArn: emulator.addRole(uid, { name, trustedAccounts: trusted }) };
  }
  const stsConfig = () => ({ "alicloud:endpoints": { value: JSON.stringify([{ sts: sts.host }]) } });

  it("no secret of any session appears in pulumi up's output or in any state file, the .bak files included", async () => {
    const hub = role("hub");
    const member = role("member", [hub.uid]);
    const refused = role("refused", [hub.uid]);
    sts.on({
      action: "AssumeRole",
      params: { RoleArn: refused.roleArn },
      reply: (passed) => {
        const [secret, token] = sessionSecrets(passed.filter((r) => r.params.RoleArn === hub.roleArn));
        return {
          kind: "json",
          status: 403,
          body: {
            RequestId: "ECHO",
            Code: "NoPermission",
            Message: `denied for key ${secret} token ${token}`,
          },
        };
      },
    });
    const s = suite.track(
      await createTestStack({
        emulator,
        config: {
          ...credentialConfig(emulator.defaultAccount.keys[0]),
          ...stsConfig(),
          "alicloud:assumeRole": { value: JSON.stringify({ roleArn: hub.roleArn }) },
        },
        program: async () => {
          new PublicIpAddressPoolServiceRegions("member", {
            regionIds: ["cn-hangzhou", "cn-beijing"],
            assumeRole: { roleArn: member.roleArn },
          });
          new PublicIpAddressPoolService("refused", {
            regionId: "cn-hangzhou",
            assumeRole: { roleArn: refused.roleArn },
          });
        },
      }),
    );
    const output = outputOf(await rejectionOf(s.stack.up({ continueOnError: true })));
    assert.match(output, /denied for key \*\*\* token \*\*\*/);
    assert.deepEqual(emulator.enabledRegions(member.uid), ["cn-beijing", "cn-hangzhou"]);
    const secrets = sessionSecrets(sts.passed());
    assert.ok(secrets.length >= 4, "the hub's and the member's sessions went through the hostile STS");
    for (const secret of secrets) assert.ok(!output.includes(secret), "a session secret was printed");
    const files = readAllFiles(s.backendDir);
    assert.ok(
      files.some((f) => f.path.endsWith(".bak")),
      "the backend keeps .bak files",
    );
    for (const file of files) {
      for (const secret of secrets)
        assert.ok(!file.text.includes(secret), `${file.path} holds a session secret`);
    }
  });

  it("a session of another account than the role's: that role's regions fail, no Open in either account is theirs", async () => {
    const one = role("one");
    const two = role("two");
    const other = await assumeWithSdk(emulator, emulator.defaultAccount.keys[0], two.roleArn, {
      sessionName: "lie",
    });
    emulator.clearLog();
    sts.on(sessionOfAnotherRole(one.roleArn, other, { requestId: "LIE", assumedRoleId: "3:lie" }));
    const s = suite.track(
      await createTestStack({
        emulator,
        config: { ...credentialConfig(emulator.defaultAccount.keys[0]), ...stsConfig() },
        program: async () => {
          for (const [name, r] of [
            ["one", one],
            ["two", two],
          ] as const) {
            new PublicIpAddressPoolServiceRegions(name, {
              regionIds: ["cn-hangzhou", "cn-shanghai"],
              assumeRole: { roleArn: r.roleArn },
            });
          }
        },
      }),
    );
    const output = outputOf(await rejectionOf(s.stack.up({ continueOnError: true })));
    assert.match(output, /AccountMismatch/);
    assert.deepEqual(emulator.enabledRegions(two.uid), ["cn-hangzhou", "cn-shanghai"]);
    assert.deepEqual(emulator.enabledRegions(one.uid), []);
    const opens = emulator.log().filter((e) => e.action === OPEN);
    assert.equal(opens.length, 2, "only two's own regions were opened");
    const recorded = await dynamicResources(s.stack);
    assert.deepEqual(
      recorded.map((r) => r.outputs.accountId),
      [two.uid, two.uid],
      "no resource records account one",
    );
  });

  it("a refresh with another account's keys fails naming both accounts, and leaves the state file as it was", async () => {
    const a = emulator.defaultAccount.keys[0];
    const b = emulator.addAccount();
    const keysOf = (key: { accessKeyId: string; accessKeySecret: string }) => ({
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    });
    const stackName = `refresh${process.pid}`;
    const s = suite.track(
      await createTestStack({
        emulator,
        stackName,
        env: keysOf(a),
        config: { "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": { value: "5" } },
        program: async () => {
          for (const regionId of ["cn-hangzhou", "cn-shanghai"])
            new PublicIpAddressPoolService(regionId, { regionId });
        },
      }),
    );
    await s.stack.up();
    const stateFile = join(s.backendDir, ".pulumi", "stacks", "ip-pool-e2e", `${stackName}.json`);
    const before = readFileSync(stateFile, "utf8");
    Object.assign(s.stack.workspace.envVars, keysOf(b.keys[0]));
    emulator.clearLog();
    const output = outputOf(await rejectionOf(s.stack.refresh()));
    assert.match(
      output,
      new RegExp(`the state records account ${caller()}, but the credentials now act in account ${b.uid}`),
    );
    // Every field the provider gives a resource is byte-for-byte what it was. (On any refresh the
    // engine drops the resources' `propertyDependencies`, which it alone writes; that is all it changes.)
    const resources = (text: string) =>
      (JSON.parse(text).checkpoint.latest.resources as Array<Record<string, unknown>>)
        .filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic/"))
        .map(({ propertyDependencies: _engines, ...own }) => JSON.stringify(own));
    const after = readFileSync(stateFile, "utf8");
    assert.equal(resources(before).length, 2);
    assert.deepEqual(resources(after), resources(before), "a resource's state changed");
    const identity = emulator.log().filter((e) => e.action === "GetCallerIdentity");
    assert.deepEqual(
      identity.map((e) => e.accountUid),
      [b.uid],
      "the emulator's log shows the GetCallerIdentity that returned B",
    );
    assert.equal(emulator.log().filter((e) => e.action === "GetPublicIpAddressPoolServiceStatus").length, 0);
  });

  it("with --continue-on-error, the other regions of a rollout complete past a failed one and are recorded", async () => {
    const regions = [
      "cn-hangzhou",
      "cn-shanghai",
      "cn-beijing",
      "cn-shenzhen",
      "ap-southeast-1",
      "us-east-1",
    ];
    emulator.setAccount(caller(), { deniedActions: [`${OPEN}@cn-beijing`] });
    const s = suite.track(
      await createTestStack({
        emulator,
        config: credentialConfig(emulator.defaultAccount.keys[0]),
        program: async () => {
          for (const regionId of regions) new PublicIpAddressPoolService(regionId, { regionId });
        },
      }),
    );
    const output = outputOf(await rejectionOf(s.stack.up({ continueOnError: true })));
    assert.match(output, /OpenPublicIpAddressPoolService failed in region cn-beijing: Forbidden\.RAM/);
    const others = regions.filter((r) => r !== "cn-beijing").sort();
    assert.deepEqual(emulator.enabledRegions(caller()), others);
    assert.deepEqual((await dynamicResources(s.stack)).map((r) => r.id).sort(), others);
  });
});
