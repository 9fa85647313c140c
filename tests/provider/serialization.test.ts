import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");

describe("the serialized provider stored in state", () => {
  const secrets = {
    TEST_ACCESS_KEY_ID: "EMUAKSERIALIZATIONTEST",
    TEST_ACCESS_KEY_SECRET: "config-secret-must-not-be-serialized",
    TEST_SECURITY_TOKEN: "config-sts-token-must-not-be-serialized",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret-must-not-be-serialized",
    ALIBABA_CLOUD_SECURITY_TOKEN: "env-sts-token-must-not-be-serialized",
    ALICLOUD_SECRET_KEY: "alicloud-env-secret-must-not-be-serialized",
  };
  let provider: string;
  let inputs: string[];

  before(async function () {
    this.timeout(60_000);
    const { stdout } = await run(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join("tests", "support", "serializeUnderMocks.ts")],
      { cwd: ROOT, env: { ...process.env, ...secrets } },
    );
    ({ provider, inputs } = JSON.parse(stdout) as { provider: string; inputs: string[] });
  });

  it("is at most 2 KB", () => {
    assert.equal(typeof provider, "string");
    assert.ok(
      Buffer.byteLength(provider) <= 2048,
      `serialized provider is ${Buffer.byteLength(provider)} bytes`,
    );
  });

  it("holds no credential from config or the environment", () => {
    for (const value of Object.values(secrets)) {
      assert.ok(!provider.includes(value), `found ${value} in the serialized provider`);
    }
  });

  it("loads the implementation by package name at configure and holds no client or version", () => {
    assert.match(
      provider,
      /configure[^]*require\("pulumi-alicloud-ip-pool-service\/provider"\)[^]*\.createProvider\(/,
    );
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.ok(!provider.includes(version), "the package version is in the serialized provider");
    assert.ok(!/VpcClient|openapi|credentials/i.test(provider), "an SDK client was captured");
  });

  it("once configured as the engine's dynamic provider host configures it, serves every method of createProvider", async function () {
    this.timeout(60_000);
    // In a fresh process, as the host does it: the stored text required from a string, its
    // handler called, then `configure` with the stack's configuration; then every method.
    const script = `
      const requireFromString = require("require-from-string");
      const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config");
      (async () => {
        const provider = requireFromString(${JSON.stringify(provider)}).handler();
        await provider.configure({ config: new Config({ "alicloud:region": "cn-hangzhou" }, "project") });
        const methods = ["check", "diff", "create", "read", "update", "delete"].filter((m) => typeof provider[m] === "function");
        const checked = await provider.check({}, { regionId: "not a region" });
        await provider.delete("cn-hangzhou", { regionId: "cn-hangzhou", enabled: true });
        console.log(JSON.stringify({ methods, failures: checked.failures }));
      })().catch((err) => { console.error(err); process.exit(1); });`;
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: ROOT });
    // Delete's note goes to the log the provider was configured with (the host's stdout), before the report.
    const lines = stdout.trim().split("\n");
    const report = JSON.parse(lines.pop()!) as { methods: string[]; failures: Array<{ property: string }> };
    assert.deepEqual(report.methods, ["check", "diff", "create", "read", "update", "delete"]);
    assert.deepEqual(
      report.failures.map((f) => f.property),
      ["regionId"],
    );
    assert.match(lines.join("\n"), /stays enabled in cn-hangzhou/);
  });

  it("sends only regionId as an input: credentials are never resource inputs", () => {
    assert.deepEqual(inputs, ["__provider", "regionId"]);
  });
});
