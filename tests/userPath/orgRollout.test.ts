// examples/org-rollout on the user's path: `pulumi` in the project directory, through the CLI and
// its language host, against the emulator's VPC API and its STS over TLS. The emulator's log says
// which account each Open acted in, and when.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { emulatorConfig, ok, type PulumiCli } from "../support/pulumiCli";
import { assertOpensApart, opensOverlapAcrossAccounts } from "../support/opens";
import { cliSuite } from "../support/cliSuite";

const OPEN = "OpenPublicIpAddressPoolService";
const DIR = join(REPO_ROOT, "examples", "org-rollout");
const REGIONS = ["ap-southeast-1", "cn-hangzhou", "cn-shanghai"];

describe("the user's path: examples/org-rollout, several accounts × several regions", function () {
  this.timeout(600_000);
  const suite = cliSuite({ latencyMs: 10 });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  it("activates every account × region through each account's role: Opens apart within an account, together across accounts", async () => {
    // Opens take long enough for overlaps to show.
    emulator.addFault({ kind: "latency", action: OPEN, latencyMs: 400 });
    const caller = emulator.defaultAccount.uid;
    const members = [0, 1, 2, 3].map(() => {
      const { uid } = emulator.addAccount();
      return { uid, roleArn: emulator.addRole(uid, { name: "ip-pool-admin", trustedAccounts: [caller] }) };
    });
    const stack = `org-rollout-${process.pid}`;
    ok(await cli.npm(DIR, "install"), "npm install in examples/org-rollout");
    ok(await cli.pulumi(DIR, "stack", "init", stack), "pulumi stack init");
    try {
      await cli.configSet(DIR, [
        ...emulatorConfig(emulator),
        ["roleArns", members.map((m) => m.roleArn).join(",")],
        ["regions", REGIONS.join(",")],
      ]);
      // The README's line for the emulator's STS (over TLS; the CLI's environment trusts its CA).
      ok(
        await cli.pulumi(DIR, "config", "set", "--path", "alicloud:endpoints[0].sts", emulator.secureHost),
        "config set --path",
      );

      const preview = ok(await cli.pulumi(DIR, "preview"), "pulumi preview");
      assert.match(
        preview,
        new RegExp(`\\+ ${1 + members.length * (REGIONS.length + 1)} to create`),
        preview,
      );
      assert.equal(emulator.log().length, 0, "a preview of new resources sends nothing");

      ok(await cli.pulumi(DIR, "up", "--yes"), "pulumi up");
      for (const m of members)
        assert.deepEqual(emulator.enabledRegions(m.uid), REGIONS, `regions of ${m.uid}`);
      assert.deepEqual(emulator.enabledRegions(caller), [], "the caller's own account was activated");

      const opens = emulator.log().filter((e) => e.action === OPEN);
      assert.equal(opens.length, members.length * REGIONS.length, "one Open per account and region");
      assert.deepEqual(
        opens.map((e) => e.accountUid).sort(),
        members.flatMap((m) => REGIONS.map(() => m.uid)).sort(),
      );
      assertOpensApart(emulator.log(), "Opens of an account overlapped");
      assert.ok(opensOverlapAcrossAccounts(opens), "Opens of different accounts never ran at the same time");
      const assumed = emulator.log().filter((e) => e.action === "AssumeRole");
      assert.equal(assumed.length, members.length, "one AssumeRole per role");
      assert.ok(assumed.every((e) => e.accountUid === caller));

      const outputs = JSON.parse(ok(await cli.pulumi(DIR, "stack", "output", "--json"), "stack output")) as {
        enabledRegions: Record<string, string[]>;
      };
      assert.deepEqual(outputs.enabledRegions, Object.fromEntries(members.map((m) => [m.uid, REGIONS])));
      const state = JSON.parse(ok(await cli.pulumi(DIR, "stack", "export"), "stack export")) as {
        deployment: { resources: Array<{ urn: string; type: string; outputs?: Record<string, unknown> }> };
      };
      const services = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
      assert.equal(services.length, members.length * REGIONS.length);
      for (const r of services) {
        const account = /ip-pool-(\d+)-/.exec(r.urn.split("::").pop()!)?.[1];
        assert.equal(r.outputs?.accountId, account, r.urn);
      }

      emulator.clearLog();
      ok(await cli.pulumi(DIR, "up", "--yes"), "a second pulumi up");
      assert.equal(
        emulator.log().filter((e) => e.action === OPEN || e.action?.startsWith("AssumeRole")).length,
        0,
      );
      ok(await cli.pulumi(DIR, "destroy", "--yes"), "pulumi destroy");
      assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);
    } finally {
      await cli.pulumi(DIR, "stack", "rm", "--yes", "--force", stack);
    }
  });

  it("examples/one-region with the stack's alicloud:assumeRole, set as the README says: the role's account is activated, never the caller's", async () => {
    const caller = emulator.defaultAccount.uid;
    const member = emulator.addAccount().uid;
    const roleArn = emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [caller] });
    const dir = join(REPO_ROOT, "examples", "one-region");
    const stack = `stack-role-${process.pid}`;
    ok(await cli.npm(dir, "install"), "npm install in examples/one-region");
    ok(await cli.pulumi(dir, "stack", "init", stack), "pulumi stack init");
    try {
      await cli.configSet(dir, [...emulatorConfig(emulator), ["alicloud:region", "cn-shenzhen"]]);
      for (const [path, value] of [
        ["alicloud:assumeRole.roleArn", roleArn],
        ["alicloud:endpoints[0].sts", emulator.secureHost],
      ]) {
        ok(await cli.pulumi(dir, "config", "set", "--path", path, value), `config set --path ${path}`);
      }
      ok(await cli.pulumi(dir, "up", "--yes"), "pulumi up");
      assert.deepEqual(emulator.enabledRegions(member), ["cn-shenzhen"]);
      assert.deepEqual(emulator.enabledRegions(caller), [], "the caller's own account was activated");
      const opens = emulator.log().filter((e) => e.action === OPEN);
      assert.deepEqual(
        opens.map((e) => e.accountUid),
        [member],
      );
      const assumed = emulator.log().filter((e) => e.action === "AssumeRole");
      assert.equal(assumed.length, 1, "one AssumeRole for the stack's role");
    } finally {
      await cli.pulumi(dir, "stack", "rm", "--yes", "--force", stack);
    }
  });
});
