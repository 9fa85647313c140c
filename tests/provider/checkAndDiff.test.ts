import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { emulatorSuite } from "../support/suite";
import { UNKNOWN } from "../../provider/pulumi/regionRules";
import { providerHarness, setEnv } from "../support/providerHarness";
import { stackConfigFor } from "../../scripts/harness/stackConfig";

/** This file's provider harness. */
const harness = providerHarness();
const { check, provider, useStackConfig } = harness;

describe("provider check and diff", () => {
  const suite = emulatorSuite({ provider: harness });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const badInputs: Array<[string, unknown]> = [
    ["empty", ""],
    ["whitespace", "  "],
    ["upper case", "CN-HANGZHOU"],
    ["spaces", "cn hangzhou"],
    ["a number", 1],
    ["an object", { region: "cn-hangzhou" }],
    ["a list", ["cn-hangzhou"]],
    ["a boolean", false],
    ["trailing dot", "cn-hangzhou."],
    ["overlong", `cn-${"x".repeat(100)}`],
    ["an endpoint", "vpc.cn-hangzhou.aliyuncs.com"],
    ["an underscore", "cn_hangzhou"],
    ["a trailing hyphen", "cn-hangzhou-"],
    ["a leading space", " cn-hangzhou"],
  ];
  for (const [label, regionId] of badInputs) {
    it(`fails check for ${label}, naming regionId, with no API call`, async () => {
      const result = await check({}, { regionId });
      assert.equal(result.failures?.length, 1);
      assert.equal(result.failures![0].property, "regionId");
      assert.match(result.failures![0].reason, /regionId/);
      assert.equal(emulator.log().length, 0);
    });
  }

  it("defaults the region from stack config, then ALICLOUD_REGION, then ALIBABA_CLOUD_REGION (@pulumi/alicloud's order)", async () => {
    const key = emulator.defaultAccount.keys[0];
    useStackConfig(stackConfigFor(key, { "alicloud:region": "cn-beijing" }));
    const undo = setEnv({ ALIBABA_CLOUD_REGION: "cn-shanghai", ALICLOUD_REGION: "cn-shenzhen" });
    try {
      assert.equal((await check({}, {})).inputs?.regionId, "cn-beijing");
      useStackConfig(stackConfigFor(key));
      assert.equal((await check({}, {})).inputs?.regionId, "cn-shenzhen");
      setEnv({ ALICLOUD_REGION: undefined });
      assert.equal((await check({}, {})).inputs?.regionId, "cn-shanghai");
    } finally {
      undo();
    }
  });

  it("fails check when no region is set anywhere, saying where to set one", async () => {
    const result = await check({}, {});
    assert.deepEqual(result.failures, [
      {
        property: "regionId",
        reason:
          "regionId is not set and there is no default region: set `regionId` on the resource, or run " +
          "`pulumi config set alicloud:region <region>`, or export ALICLOUD_REGION.",
      },
    ]);
  });

  it("fails check for a default region from the environment that is not a region ID, naming the variable", async () => {
    const undo = setEnv({ ALIBABA_CLOUD_REGION: "x@127.0.0.1:9#" });
    try {
      const result = await check({}, {});
      assert.equal(result.failures?.length, 1);
      assert.match(
        result.failures![0].reason,
        /^regionId "x@127\.0\.0\.1:9#" is not a region ID: .* \(from environment ALIBABA_CLOUD_REGION\)$/,
      );
      assert.equal(emulator.log().length, 0);
    } finally {
      undo();
    }
  });

  it("says when a bad default region came from stack config", async () => {
    useStackConfig(stackConfigFor(emulator.defaultAccount.keys[0], { "alicloud:region": "Hangzhou" }));
    const result = await check({}, {});
    assert.match(result.failures![0].reason, /\(from stack config alicloud:region\)$/);
  });

  it("keeps one ClientToken per resource, and makes a new one for a new region", async () => {
    const first = await check({}, { regionId: "cn-hangzhou" });
    const token = first.inputs!.clientToken;
    assert.match(token, /^[0-9a-f-]{36}$/);
    const again = await check(first.inputs, { regionId: "cn-hangzhou" });
    assert.equal(again.inputs!.clientToken, token);
    const moved = await check(first.inputs, { regionId: "cn-shanghai" });
    assert.notEqual(moved.inputs!.clientToken, token);
    const other = await check({}, { regionId: "cn-hangzhou" });
    assert.notEqual(other.inputs!.clientToken, token);
  });

  it("tolerates an unknown region during preview", async () => {
    const result = await check({}, { regionId: UNKNOWN });
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs!.regionId, UNKNOWN);
    const d = await provider().diff(
      "cn-hangzhou",
      { regionId: "cn-hangzhou", enabled: true, adopted: false },
      result.inputs!,
    );
    assert.deepEqual(d.replaces, ["regionId"]);
  });

  it("names a bad endpoint setting before any API call", async () => {
    const undo = setEnv({ ALICLOUD_VPC_ENDPOINT: "http://vpc.aliyuncs.com" });
    try {
      await assert.rejects(
        check({}, { regionId: "cn-hangzhou" }),
        /ALICLOUD_VPC_ENDPOINT "http:\/\/vpc\.aliyuncs\.com" uses plain HTTP/,
      );
      assert.equal(emulator.log().length, 0);
    } finally {
      undo();
    }
  });

  it("replaces on a region change and changes nothing else", async () => {
    const olds = { regionId: "cn-hangzhou", enabled: true, adopted: false, requestId: "R" };
    assert.deepEqual(
      await provider().diff("cn-hangzhou", olds, { regionId: "cn-shanghai", clientToken: "t" }),
      {
        changes: true,
        replaces: ["regionId"],
        deleteBeforeReplace: false,
      },
    );
    assert.deepEqual(
      await provider().diff("cn-hangzhou", olds, { regionId: "cn-hangzhou", clientToken: "another-token" }),
      {
        changes: false,
      },
    );
    assert.equal(emulator.log().length, 0);
  });
});
