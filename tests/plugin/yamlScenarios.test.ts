// What the provider plugin (the release's linux-amd64 executable) does for a YAML program through
// the `pulumi` CLI, judged by the
// emulator's log: refresh, import and get (which dynamic resources cannot do), many accounts with
// one explicit provider each, two providers on one account (separate processes, one lock), and no
// secret of an explicit provider in the state or the output.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { releasedPlugin } from "../support/release";
import { filesUnder } from "../support/files";
import { assertOpensApart, opensOverlapAcrossAccounts } from "../support/opens";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { assumeWithSdk } from "../support/sts";
import { cliSuite, defaultAccountEnv } from "../support/cliSuite";
import { DEFAULT_REGIONS } from "../../emulator";
import { addYamlResources, printedCode } from "../support/printedCode";

const OPEN = "OpenPublicIpAddressPoolService";
const TYPE = "alicloud-ip-pool-service:index:PublicIpAddressPoolService";

/** The release's plugin executable (set before the suite's tests). */
let plugin: string;

/** A YAML project that takes the plugin from this clone's release, in a folder of its own. */
function yamlProject(name: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), `plugin-${name}-`));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime: yaml\npackages:\n  alicloud-ip-pool-service: ${plugin}\n${body}`,
  );
  return dir;
}

describe("the provider plugin from a YAML program, through the CLI", function () {
  this.timeout(600_000);
  const suite = cliSuite({
    languages: ["yaml"],
    // Credentials and endpoints from the environment, as the key table names them: every
    // provider instance, default or explicit, reads them when it has no key of its own.
    env: defaultAccountEnv,
  });
  let emulator: Emulator;
  let cli: PulumiCli;
  let uid: string;
  before(async function () {
    this.timeout(900_000);
    plugin = await releasedPlugin();
  });
  beforeEach(() => {
    ({ emulator, cli } = suite.current());
    uid = emulator.defaultAccount.uid;
  });

  /** Runs a program's stack through `steps`, then removes the stack. */
  async function withStack(dir: string, steps: () => Promise<void>): Promise<void> {
    ok(await cli.pulumi(dir, "stack", "init", "test"), "pulumi stack init");
    try {
      await steps();
    } finally {
      await cli.pulumi(dir, "stack", "rm", "--yes", "--force", "test");
    }
  }

  const opens = () => emulator.log().filter((e) => e.action === OPEN);

  it("refresh after an out-of-band disable: the region leaves the state with no write, and is planned again", async () => {
    const dir = yamlProject(
      "refresh",
      `resources:\n  hangzhou:\n    type: ${TYPE}\n    properties:\n      regionId: cn-hangzhou\n  shanghai:\n    type: ${TYPE}\n    properties:\n      regionId: cn-shanghai\n`,
    );
    await withStack(dir, async () => {
      ok(await cli.pulumi(dir, "up"), "pulumi up");
      assert.deepEqual(emulator.enabledRegions(uid), ["cn-hangzhou", "cn-shanghai"]);
      emulator.setRegion(uid, "cn-shanghai", { enabled: false });
      emulator.clearLog();
      const refreshed = ok(await cli.pulumi(dir, "refresh"), "pulumi refresh");
      assert.match(refreshed, /shanghai\s+deleted/);
      assert.deepEqual(opens(), [], "a refresh writes nothing");
      const preview = ok(await cli.pulumi(dir, "preview"), "pulumi preview");
      assert.match(
        preview,
        /\+\s+alicloud-ip-pool-service:index:PublicIpAddressPoolService\s+shanghai\s+create/,
      );
      assert.match(preview, /\+ 1 to create/);
      ok(await cli.pulumi(dir, "up"), "pulumi up");
      assert.deepEqual(
        opens().map((e) => e.regionId),
        ["cn-shanghai"],
      );
    });
  });

  it("pulumi import --file adopts ten active regions at once with no write, and the printed code previews with no change", async () => {
    const regions = DEFAULT_REGIONS.slice(0, 10).map((r) => r.regionId);
    for (const region of regions) emulator.setRegion(uid, region, { enabled: true });
    const dir = yamlProject("bulk-import", "");
    // The form docs/usage.md gives: one entry per region, its type, the name to give it and its ID.
    const file = join(dir, "import.json");
    writeFileSync(
      file,
      `${JSON.stringify({ resources: regions.map((id) => ({ type: TYPE, name: `ip-pool-${id}`, id })) }, null, 2)}\n`,
    );
    await withStack(dir, async () => {
      emulator.clearLog();
      const imported = ok(await cli.pulumi(dir, "import", "--file", file), "pulumi import --file");
      assert.match(imported, /= 10 imported/);
      assert.deepEqual(opens(), [], "an import writes nothing");
      assert.deepEqual(
        [
          ...new Set(
            emulator
              .log()
              .filter((e) => e.action === "GetPublicIpAddressPoolServiceStatus")
              .map((e) => e.regionId),
          ),
        ].sort(),
        [...regions].sort(),
        "each region's status is read",
      );
      addYamlResources(join(dir, "Pulumi.yaml"), printedCode(imported, /^resources:$/));
      const preview = ok(await cli.pulumi(dir, "preview", "--expect-no-changes"), "pulumi preview");
      assert.match(preview, /11 unchanged/);
      assert.deepEqual(opens(), []);
    });
  });

  it("import adopts an active region with no write and the next up changes nothing; an inactive or unknown region is refused and the state is unchanged", async () => {
    emulator.setRegion(uid, "eu-central-1", { enabled: true });
    const dir = yamlProject(
      "import",
      `resources:\n  adopted:\n    type: ${TYPE}\n    properties:\n      regionId: eu-central-1\n`,
    );
    await withStack(dir, async () => {
      const imported = ok(await cli.pulumi(dir, "import", TYPE, "adopted", "eu-central-1"), "pulumi import");
      assert.match(imported, /= 1 imported/);
      assert.deepEqual(opens(), []);
      const up = ok(await cli.pulumi(dir, "up"), "pulumi up");
      assert.doesNotMatch(up, /to create|created|to update|updated|to replace|replaced|to delete|deleted/);
      assert.deepEqual(opens(), [], "the next up writes nothing");

      const before = ok(await cli.pulumi(dir, "stack", "export"), "stack export");
      const inactive = await cli.pulumi(dir, "import", TYPE, "inactive", "us-east-1");
      assert.notEqual(inactive.code, 0);
      assert.match(
        inactive.stdout + inactive.stderr,
        /Region us-east-1 cannot be imported: NotActive: the Public IP Address Pool feature is not active there in account \d{16}/,
      );
      const unknown = await cli.pulumi(dir, "import", TYPE, "unknown", "xx-nowhere-9");
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.stdout + unknown.stderr, /InvalidRegionId\.NotFound/);
      assert.deepEqual(
        JSON.parse(ok(await cli.pulumi(dir, "stack", "export"), "stack export")).deployment.resources,
        JSON.parse(before).deployment.resources,
        "a refused import changes no state",
      );
      assert.deepEqual(opens(), []);
    });
  });

  it("get: reads a region the program does not manage, with no write; an inactive one fails the up with the reason", async () => {
    emulator.setRegion(uid, "ap-northeast-1", { enabled: true });
    const dir = yamlProject(
      "get",
      `config:\n  region:\n    type: string\nresources:\n  existing:\n    type: ${TYPE}\n    get:\n      id: \${region}\noutputs:\n  account: \${existing.accountId}\n  enabled: \${existing.enabled}\n`,
    );
    await withStack(dir, async () => {
      ok(await cli.pulumi(dir, "config", "set", "region", "ap-northeast-1"), "config set");
      ok(await cli.pulumi(dir, "up"), "pulumi up");
      const outputs = JSON.parse(ok(await cli.pulumi(dir, "stack", "output", "--json"), "stack output"));
      assert.deepEqual(outputs, { account: uid, enabled: true });
      assert.deepEqual(opens(), []);
      ok(await cli.pulumi(dir, "config", "set", "region", "us-west-1"), "config set");
      const off = await cli.pulumi(dir, "up");
      assert.notEqual(off.code, 0);
      assert.match(off.stdout + off.stderr, /Region us-west-1 cannot be imported: NotActive/);
      assert.deepEqual(opens(), []);
    });
  });

  it("two accounts: one explicit provider per account with its assumeRole, the component under each, and a resource's own assumeRole; Opens of the two accounts run in parallel", async () => {
    const members = [0, 1].map(() => {
      const member = emulator.addAccount().uid;
      return {
        uid: member,
        roleArn: emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [uid] }),
      };
    });
    const third = emulator.addAccount().uid;
    const thirdRole = emulator.addRole(third, { name: "ip-pool-admin", trustedAccounts: [uid] });
    emulator.addFault({ kind: "latency", action: OPEN, latencyMs: 400 });
    const regions = ["cn-beijing", "cn-hangzhou", "cn-shanghai"];
    const dir = yamlProject(
      "accounts",
      `config:\n  roleA: {type: string}\n  roleB: {type: string}\n  roleC: {type: string}\nresources:\n` +
        ["A", "B"]
          .map(
            (a) =>
              `  account${a}:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      assumeRole:\n        roleArn: \${role${a}}\n` +
              `  pools${a}:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolServiceRegions\n    properties:\n      regionIds: [${regions.join(", ")}]\n    options:\n      providers:\n        - \${account${a}}\n`,
          )
          .join("") +
        `  roleOfResource:\n    type: ${TYPE}\n    properties:\n      regionId: eu-west-1\n      assumeRole:\n        roleArn: \${roleC}\n` +
        `outputs:\n  accountA: \${poolsA.accountId}\n  accountB: \${poolsB.accountId}\n  accountC: \${roleOfResource.accountId}\n`,
    );
    await withStack(dir, async () => {
      for (const [key, value] of [
        ["roleA", members[0].roleArn],
        ["roleB", members[1].roleArn],
        ["roleC", thirdRole],
      ])
        ok(await cli.pulumi(dir, "config", "set", key, value), `config set ${key}`);
      const preview = ok(await cli.pulumi(dir, "preview"), "pulumi preview");
      assert.match(preview, /\+ 12 to create/, preview);
      assert.deepEqual(opens(), []);
      ok(await cli.pulumi(dir, "up"), "pulumi up");
      for (const m of members) assert.deepEqual(emulator.enabledRegions(m.uid), regions);
      assert.deepEqual(emulator.enabledRegions(third), ["eu-west-1"]);
      assert.deepEqual(emulator.enabledRegions(uid), [], "the caller's own account was activated");
      assertOpensApart(emulator.log());
      assert.ok(opensOverlapAcrossAccounts(opens()), "the accounts' Opens never ran at the same time");
      const outputs = JSON.parse(ok(await cli.pulumi(dir, "stack", "output", "--json"), "stack output"));
      assert.deepEqual(outputs, { accountA: members[0].uid, accountB: members[1].uid, accountC: third });
    });
  });

  it("two providers on one account, each its own process: their Opens never overlap (the lock in the OS temporary directory)", async () => {
    emulator.addFault({ kind: "latency", action: OPEN, latencyMs: 400 });
    const regions = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-chengdu", "cn-qingdao"];
    const dir = yamlProject(
      "one-account",
      `resources:\n  first:\n    type: pulumi:providers:alicloud-ip-pool-service\n  second:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      region: cn-shanghai\n` +
        regions
          .map(
            (r, i) =>
              `  ${r}:\n    type: ${TYPE}\n    properties:\n      regionId: ${r}\n    options:\n      provider: \${${i % 2 === 0 ? "first" : "second"}}\n`,
          )
          .join(""),
    );
    await withStack(dir, async () => {
      ok(await cli.pulumi(dir, "up"), "pulumi up");
      assert.deepEqual(emulator.enabledRegions(uid), [...regions].sort());
      const all = assertOpensApart(emulator.log(), "two providers' Opens of one account overlapped");
      assert.equal(all.length, regions.length);
    });
  });

  it("an explicit provider's secrets (secretKey, securityToken, an OIDC token) are in neither the state nor the output", async () => {
    const member = emulator.addAccount().uid;
    const memberRole = emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [uid] });
    const session = (await assumeWithSdk(emulator, emulator.defaultAccount.keys[0], memberRole)).credentials!;
    const ci = emulator.addAccount().uid;
    const oidcToken = "oidc-token-of-the-ci-run-7c1e";
    const oidcProvider = emulator.addOidcProvider(ci, "github", [oidcToken]);
    const ciRole = emulator.addRole(ci, { name: "ci", oidcProviders: ["github"] });
    const key = emulator.defaultAccount.keys[0];
    const secrets = [key.accessKeySecret, session.accessKeySecret!, session.securityToken!, oidcToken];
    // Written into the program as plain text (not secret config): the schema's marks alone must
    // keep them out of the state.
    const dir = yamlProject(
      "secrets",
      `resources:\n` +
        `  keys:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      accessKey: ${key.accessKeyId}\n      secretKey: ${key.accessKeySecret}\n` +
        `  session:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      accessKey: ${session.accessKeyId}\n      secretKey: ${session.accessKeySecret}\n      securityToken: ${session.securityToken}\n` +
        `  oidc:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      assumeRoleWithOidc:\n        roleArn: ${ciRole}\n        oidcProviderArn: ${oidcProvider}\n        oidcToken: ${oidcToken}\n` +
        ["keys", "session", "oidc"]
          .map(
            (p, i) =>
              `  pool-${p}:\n    type: ${TYPE}\n    properties:\n      regionId: ${["cn-hangzhou", "cn-shanghai", "cn-beijing"][i]}\n    options:\n      provider: \${${p}}\n`,
          )
          .join(""),
    );
    const outputs: string[] = [];
    await withStack(dir, async () => {
      for (const args of [
        ["preview"],
        ["up"],
        ["refresh"],
        ["stack", "export"],
        ["stack", "output", "--json"],
        ["destroy"],
      ]) {
        const run = await cli.pulumi(dir, ...args);
        outputs.push(ok(run, `pulumi ${args.join(" ")}`), run.stderr);
        if (args[0] === "up") {
          assert.deepEqual(emulator.enabledRegions(uid), ["cn-hangzhou"]);
          assert.deepEqual(emulator.enabledRegions(member), ["cn-shanghai"]);
          assert.deepEqual(emulator.enabledRegions(ci), ["cn-beijing"]);
          const state = filesUnder(cli.stateDir, "")
            .map((f) => readFileSync(f, "utf8"))
            .join("\n");
          for (const secret of secrets) {
            const at = state.indexOf(secret);
            assert.ok(at < 0, `a secret is in the state: ${state.slice(Math.max(0, at - 300), at)}`);
          }
          assert.match(state, /"ciphertext"/, "the secrets are there, encrypted");
        }
      }
    });
    const shown = outputs.join("\n");
    for (const secret of secrets) assert.ok(!shown.includes(secret), "a secret is in the output");
  });

  it("an explicit provider's bad setting is named as that provider's property, not as stack config; nothing is sent", async () => {
    const dir = yamlProject(
      "provider-terms",
      `resources:\n  member:\n    type: pulumi:providers:alicloud-ip-pool-service\n    properties:\n      sourceIp: 10.0.0.1\n` +
        `  pool:\n    type: ${TYPE}\n    properties:\n      regionId: cn-hangzhou\n    options:\n      provider: \${member}\n`,
    );
    await withStack(dir, async () => {
      const preview = await cli.pulumi(dir, "preview");
      assert.notEqual(preview.code, 0, "the preview must fail");
      const shown = preview.stdout + preview.stderr;
      assert.match(shown, /property sourceIp of provider "member" is set/);
      assert.doesNotMatch(shown, /pulumi config rm/);
      assert.deepEqual(emulator.log(), [], "nothing is sent");
    });
  });
});
