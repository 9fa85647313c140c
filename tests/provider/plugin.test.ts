// The provider plugin's provider, driven as the engine drives it (check, diff, create, read,
// delete, construct's inputs aside, invoke), in process, through the official clients over HTTP
// against the emulator: the same core as the dynamic face, its own configuration namespace, and
// what only a plugin can do (import and get).
import assert from "node:assert/strict";
import { join } from "node:path";
import { lock } from "proper-lockfile";
import type { Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";
import { PoolServicePlugin } from "../../provider/plugin/pluginProvider";
import { IGNORED_KEYS, REFUSED_KEYS } from "../../provider/config/keys";
import { LOCAL_CODES } from "../../provider/diagnostics/errorCodes";
import { PoolServiceError } from "../../provider/diagnostics/poolServiceError";
import { lockFolder } from "../../provider/core/lockFolder";
import { RESOURCE_TOKEN, STATUS_TOKEN } from "../../provider/plugin/schema";

const OPEN = "OpenPublicIpAddressPoolService";
const URN = `urn:pulumi:dev::proj::${RESOURCE_TOKEN}::pool`;

/** A plugin configured as the engine's Configure configures it: the provider's inputs, by key. */
function pluginFor(
  emulator: Emulator,
  config: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
  explicitProvider?: string,
) {
  const key = emulator.defaultAccount.keys[0];
  const lines: Array<{ line: string; urn?: string }> = [];
  const plugin = new PoolServicePlugin(
    { version: "0.0.0-test", pluginDownloadURL: "http://127.0.0.1:1/" },
    env,
    (line, urn) => lines.push({ line, urn }),
  );
  plugin.configure(
    JSON.parse(
      JSON.stringify({
        accessKey: key.accessKeyId,
        secretKey: key.accessKeySecret,
        vpcEndpoint: emulator.endpoint,
        endpoints: JSON.stringify([{ sts: emulator.secureHost }]),
        ...config,
      }),
    ) as Record<string, unknown>,
    explicitProvider,
  );
  return { plugin, lines };
}

describe("the provider plugin's provider, over the same core", function () {
  this.timeout(60_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  it("activates a region as the engine asks: check keeps the token, create sends one Open in the account STS reports", async () => {
    const { plugin } = pluginFor(emulator);
    const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
    assert.deepEqual(checked.failures, []);
    const again = await plugin.check(URN, checked.inputs, { regionId: "cn-hangzhou" });
    assert.equal(again.inputs!.clientToken, checked.inputs!.clientToken, "one token per resource");
    const created = await plugin.create(URN, checked.inputs);
    assert.equal(created.id, "cn-hangzhou");
    assert.equal(created.outs.accountId, emulator.defaultAccount.uid);
    const opens = emulator.log().filter((e) => e.action === OPEN);
    assert.deepEqual(
      opens.map((e) => [e.regionId, e.clientToken]),
      [["cn-hangzhou", checked.inputs!.clientToken]],
    );
    const diff = await plugin.diff("cn-hangzhou", URN, created.outs, { regionId: "cn-shanghai" });
    assert.deepEqual(diff.replaces, ["regionId"]);
  });

  it("takes the provider's region (`region`) when the resource names none, and names its own keys in errors", async () => {
    const { plugin } = pluginFor(emulator, { region: "ap-southeast-1" });
    const checked = await plugin.check(URN, {}, {});
    assert.equal(checked.inputs!.regionId, "ap-southeast-1");

    const half = pluginFor(emulator, { secretKey: undefined }).plugin;
    const err = await rejectionOf(half.check(URN, {}, { regionId: "cn-hangzhou" }));
    assert.match(
      err.message,
      /alicloud-ip-pool-service:accessKey is set but alicloud-ip-pool-service:secretKey is not/,
    );
    assert.doesNotMatch(err.message, /alicloud:|pulumi-alicloud-ip-pool-service:/);
    assert.equal(emulator.log().length, 0, "a bad configuration sends nothing");
  });

  it("refuses the same keys as alicloud:* and ignores the same ones, naming the plugin's key", async () => {
    for (const key of REFUSED_KEYS) {
      const name = key.slice("alicloud:".length);
      const { plugin } = pluginFor(emulator, { [name]: "x" });
      const err = await rejectionOf(plugin.check(URN, {}, { regionId: "cn-hangzhou" }));
      assert.match(err.message, new RegExp(`alicloud-ip-pool-service:${name}\\b`), key);
      assert.doesNotMatch(err.message, /alicloud:/);
    }
    // An explicit provider's settings are its properties: the messages say so, with its name.
    const { plugin } = pluginFor(emulator, { sourceIp: "10.0.0.1" }, {}, "member");
    const err = await rejectionOf(plugin.check(URN, {}, { regionId: "cn-hangzhou" }));
    assert.match(
      err.message,
      /^property sourceIp of provider "member" is set, .*remove property sourceIp of provider "member"/s,
    );
    assert.doesNotMatch(err.message, /config/);
    for (const key of IGNORED_KEYS) {
      const { plugin } = pluginFor(emulator, { [key.slice("alicloud:".length)]: "x" });
      const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
      assert.deepEqual(checked.failures, [], `${key} is accepted`);
    }
    assert.equal(emulator.log().length, 0);
  });

  it("imports an active region with no write, and refuses an inactive or unknown one, saying why", async () => {
    const uid = emulator.defaultAccount.uid;
    emulator.setRegion(uid, "cn-beijing", { enabled: true });
    const { plugin } = pluginFor(emulator);
    const imported = await plugin.read("cn-beijing", URN, {});
    assert.deepEqual(imported.props, {
      regionId: "cn-beijing",
      enabled: true,
      adopted: true,
      accountId: uid,
    });
    assert.equal((imported.inputs as { regionId: string }).regionId, "cn-beijing");
    assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0, "an import writes nothing");

    const inactive = await rejectionOf(plugin.read("cn-shanghai", URN, {}));
    assert.match(inactive.message, /Region cn-shanghai cannot be imported: NotActive/);
    assert.match(inactive.message, /Fix: declare the resource with regionId cn-shanghai and run `pulumi up`/);
    const unknown = await rejectionOf(plugin.read("xx-nowhere-9", URN, {}));
    assert.match(unknown.message, /InvalidRegionId\.NotFound/);
    const malformed = await rejectionOf(plugin.read("not a region", URN, {}));
    assert.match(malformed.message, /the ID to import \(a region ID\)/);
    assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);
  });

  it("refreshes in the recorded account only, and says against the resource that delete leaves the feature on", async () => {
    const { plugin, lines } = pluginFor(emulator);
    const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
    const created = await plugin.create(URN, checked.inputs);
    const read = await plugin.read("cn-hangzhou", URN, created.outs);
    assert.equal(read.id, "cn-hangzhou");
    emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: false });
    assert.equal((await plugin.read("cn-hangzhou", URN, created.outs)).id, "", "a region turned off is gone");

    const other = await rejectionOf(
      plugin.read("cn-hangzhou", URN, { ...created.outs, accountId: "1234567890123456" }),
    );
    assert.match(other.message, /AccountMismatch: the state records account 1234567890123456/);

    await plugin.delete("cn-hangzhou", URN, created.outs);
    assert.deepEqual(
      lines.filter((l) => /stays enabled/.test(l.line)).map((l) => l.urn),
      [URN],
    );
  });

  it("waits for another process's Open of the account (its lock file), bounded by activationTimeoutSeconds, then says AccountBusy and sends nothing", async () => {
    const uid = emulator.defaultAccount.uid;
    const release = await lock(join(lockFolder(), `open-${uid}`), { realpath: false, stale: 10_000 });
    try {
      const { plugin } = pluginFor(emulator, { activationTimeoutSeconds: "1" });
      const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
      const err = await rejectionOf(plugin.create(URN, checked.inputs));
      assert.match(
        err.message,
        /OpenPublicIpAddressPoolService was not sent in region cn-hangzhou: AccountBusy/,
      );
      assert.match(err.message, /wait longer with alicloud-ip-pool-service:activationTimeoutSeconds/);
      assert.equal(emulator.log().filter((e) => e.action === OPEN).length, 0);

      const waiting = plugin.create(URN, checked.inputs);
      await new Promise((r) => setTimeout(r, 200));
      await release();
      assert.equal(
        (await waiting).outs.regionId,
        "cn-hangzhou",
        "the Open goes once the other process lets go",
      );
    } finally {
      await release().catch(() => undefined);
    }
  });

  it("serves the status function, changing nothing", async () => {
    emulator.setRegion(emulator.defaultAccount.uid, "eu-central-1", { enabled: true });
    const { plugin } = pluginFor(emulator);
    const on = await plugin.invoke(STATUS_TOKEN, { regionId: "eu-central-1" });
    assert.deepEqual(on.outputs, { regionId: "eu-central-1", enabled: true });
    const off = await plugin.invoke(STATUS_TOKEN, { regionId: "eu-west-1" });
    assert.deepEqual(off.outputs, { regionId: "eu-west-1", enabled: false });
    assert.ok(emulator.log().every((e) => e.action !== OPEN));
  });

  it("takes secret-wrapped inputs as their values (an explicit provider's or a program's secrets)", async () => {
    const { plugin } = pluginFor(emulator);
    const secret = (value: unknown) => ({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value,
    });
    const checked = await plugin.check(URN, {}, { regionId: secret("cn-hangzhou") });
    assert.equal(checked.inputs!.regionId, "cn-hangzhou");
  });

  it("acts through a provider's assumeRole in the role's account", async () => {
    const caller = emulator.defaultAccount.uid;
    const member = emulator.addAccount().uid;
    const roleArn = emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [caller] });
    const { plugin } = pluginFor(emulator, { assumeRole: JSON.stringify({ roleArn }) });
    const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
    const created = await plugin.create(URN, checked.inputs);
    assert.equal(created.outs.accountId, member);
    assert.deepEqual(emulator.enabledRegions(member), ["cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(caller), []);
  });

  it("acts through a provider's assumeRole given in Python's dict form (role_arn), in the role's account", async () => {
    const caller = emulator.defaultAccount.uid;
    const member = emulator.addAccount().uid;
    const roleArn = emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [caller] });
    // As the Python SDK sends it: JSON text, with the dict's keys as written.
    const { plugin } = pluginFor(emulator, {
      assumeRole: JSON.stringify({ role_arn: roleArn, session_expiration: 900 }),
    });
    const checked = await plugin.check(URN, {}, { regionId: "cn-hangzhou" });
    const created = await plugin.create(URN, checked.inputs);
    assert.equal(created.outs.accountId, member);
    assert.deepEqual(emulator.enabledRegions(member), ["cn-hangzhou"]);
    assert.deepEqual(emulator.enabledRegions(caller), []);
  });

  it("fails every call, naming the cause, when its provider's inputs could not be read; nothing is sent", async () => {
    const key = emulator.defaultAccount.keys[0];
    const never = new PoolServicePlugin(
      { version: "0", pluginDownloadURL: "" },
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
      },
    );
    const unseen = await rejectionOf(never.check(URN, {}, { regionId: "cn-hangzhou" }));
    assert.match(
      unseen.message,
      /settings cannot be read \(the engine's Configure has not reached this plugin\)/,
    );
    assert.equal((unseen as { code?: string }).code, "UnreadableConfiguration");

    const { plugin } = pluginFor(emulator);
    plugin.configureFailed(new Error("its args are not an object"));
    plugin.configure({ region: "cn-hangzhou" });
    for (const call of [
      plugin.check(URN, {}, { regionId: "cn-hangzhou" }),
      plugin.create(URN, { regionId: "cn-hangzhou", clientToken: "t" }),
      plugin.read("cn-hangzhou", URN, { regionId: "cn-hangzhou", accountId: emulator.defaultAccount.uid }),
      plugin.invoke(STATUS_TOKEN, { regionId: "cn-hangzhou" }),
    ]) {
      const err = await rejectionOf(call);
      assert.match(err.message, /settings cannot be read \(its args are not an object\)/);
      assert.match(err.message, /Fix: /);
    }
    assert.deepEqual(emulator.log(), [], "no call reaches the cloud");
  });

  it("refuses a type or function it does not serve, and a state no release wrote, with the package's error and its kind; nothing is sent", async () => {
    const { plugin } = pluginFor(emulator);
    const refusals = [
      await rejectionOf(plugin.check(`urn:pulumi:dev::proj::${RESOURCE_TOKEN}Old::pool`, {}, {})),
      await rejectionOf(plugin.invoke(`${STATUS_TOKEN}Old`, {})),
      await rejectionOf(plugin.construct("c", "alicloud-ip-pool-service:index:Other", {}, {})),
    ];
    for (const err of refusals) {
      assert.ok(err instanceof PoolServiceError, String(err));
      assert.equal(err.code, LOCAL_CODES.unknownToken);
      assert.equal(err.kind, "client");
      assert.match(
        err.message,
        /This plugin serves no .*Fix: use the SDK of the same release as the plugin/s,
      );
    }
    const edited = await rejectionOf(
      plugin.read("cn-hangzhou", URN, { regionId: "cn hangzhou", accountId: emulator.defaultAccount.uid }),
    );
    assert.ok(edited instanceof PoolServiceError, String(edited));
    assert.equal(edited.code, LOCAL_CODES.invalidState);
    assert.match(
      edited.message,
      /the state's regionId "cn hangzhou" is not a region ID.*pulumi state delete/s,
    );
    assert.doesNotMatch(edited.message, /fault of pulumi-alicloud-ip-pool-service/);
    assert.deepEqual(emulator.log(), []);
  });
});
