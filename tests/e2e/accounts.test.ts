// Which account a stack acts in, through the real engine: the provider process gets @pulumi/alicloud's
// configuration from the stack (structured keys included) and acts in the account it names.
import assert from "node:assert/strict";
import {
  PublicIpAddressPoolService,
  PublicIpAddressPoolServiceRegions,
} from "pulumi-alicloud-ip-pool-service";
import type { Emulator } from "../../emulator";
import { createTestStack, dynamicResources, readAllFiles } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

const OPEN = "OpenPublicIpAddressPoolService";

describe("end to end: accounts, through the real Pulumi engine", function () {
  this.timeout(180_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 20 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const opens = () => emulator.log().filter((e) => e.action === OPEN);

  it("alicloud:assumeRole, and a component's assumeRole chained after it: each Open acts in the role's account", async () => {
    const caller = emulator.defaultAccount.uid;
    const hub = emulator.addAccount().uid;
    const hubRole = emulator.addRole(hub, { name: "hub", trustedAccounts: [caller] });
    const member = emulator.addAccount().uid;
    const memberRole = emulator.addRole(member, {
      name: "member",
      trustedAccounts: [hub],
      externalId: "org-rollout",
    });
    const s = suite.track(
      await createTestStack({
        emulator,
        config: {
          ...credentialConfig(emulator.defaultAccount.keys[0]),
          "alicloud:assumeRole": { value: JSON.stringify({ roleArn: hubRole, sessionName: "e2e" }) },
        },
        program: async () => {
          const own = new PublicIpAddressPoolService("hub-cn-hangzhou", { regionId: "cn-hangzhou" });
          const rollout = new PublicIpAddressPoolServiceRegions("member", {
            regionIds: ["cn-hangzhou", "cn-beijing"],
            assumeRole: { roleArn: memberRole, externalId: "org-rollout" },
          });
          return { hubAccount: own.accountId, memberAccount: rollout.accountId };
        },
      }),
    );
    const up = await s.stack.up();
    assert.equal(up.outputs.hubAccount.value, hub);
    assert.equal(up.outputs.memberAccount.value, member);
    assert.deepEqual(emulator.enabledRegions(hub), ["cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(member), ["cn-beijing", "cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(caller), [], "the caller's own account was activated");
    assert.deepEqual(
      opens()
        .map((e) => `${e.accountUid}/${e.regionId}`)
        .sort(),
      [`${hub}/cn-hangzhou`, `${member}/cn-beijing`, `${member}/cn-hangzhou`].sort(),
    );
    const resources = await dynamicResources(s.stack);
    assert.deepEqual(resources.map((r) => r.outputs.accountId).sort(), [hub, member, member].sort());
    // No credential of the assumed sessions reaches the state or the backend's files.
    const issued = emulator
      .log()
      .map((e) => e.issuedKeyId)
      .filter((id): id is string => !!id);
    assert.equal(issued.length, 2);
    for (const file of readAllFiles(s.backendDir)) {
      for (const id of issued) assert.ok(!file.text.includes(id), `${file.path} holds an issued key`);
    }
  });

  it("alicloud:assumeRoleWithOidc and alicloud:endpoints: no AccessKey, no endpoint in the environment", async () => {
    const member = emulator.addAccount().uid;
    const providerArn = emulator.addOidcProvider(member, "ci", ["oidc-token-of-the-run"]);
    const roleArn = emulator.addRole(member, { name: "deployer", oidcProviders: ["ci"] });
    const s = suite.track(
      await createTestStack({
        emulator,
        // The environment's endpoints are dead ports: only the stack's alicloud:endpoints can work.
        env: { ALICLOUD_VPC_ENDPOINT: "http://127.0.0.1:9", ALICLOUD_STS_ENDPOINT: "https://127.0.0.1:9" },
        config: {
          "alicloud:assumeRoleWithOidc": {
            value: JSON.stringify({
              roleArn,
              oidcProviderArn: providerArn,
              oidcToken: "oidc-token-of-the-run",
            }),
            secret: true,
          },
          "alicloud:endpoints": { value: JSON.stringify([{ vpc: emulator.host, sts: emulator.secureHost }]) },
          "alicloud:protocol": { value: "HTTP" },
        },
        program: async () => {
          const r = new PublicIpAddressPoolService("ci-cn-shanghai", { regionId: "cn-shanghai" });
          return { account: r.accountId };
        },
      }),
    );
    const up = await s.stack.up();
    assert.equal(up.outputs.account.value, member);
    assert.deepEqual(
      opens().map((e) => e.accountUid),
      [member],
    );
    assert.equal(emulator.log().filter((e) => e.action === "AssumeRoleWithOIDC").length, 1);
    for (const file of readAllFiles(s.backendDir)) {
      assert.ok(!file.text.includes("oidc-token-of-the-run"), `${file.path} holds the OIDC token`);
    }
  });
});
