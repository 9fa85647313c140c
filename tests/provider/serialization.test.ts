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

  it("sends only regionId as an input: credentials are never resource inputs", () => {
    assert.deepEqual(inputs, ["__provider", "regionId"]);
  });
});
