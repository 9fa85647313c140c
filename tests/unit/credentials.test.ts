import assert from "node:assert/strict";
import {
  accountKey,
  CredentialsError,
  noCredentialsMessage,
  planCredentials,
} from "../../provider/credentials";
import type { ConfigSource } from "../../provider/settings";

const config = (values: Record<string, string>): ConfigSource => ({ get: (k) => values[k] });

describe("planCredentials", () => {
  it("prefers stack config over the environment", () => {
    const plan = planCredentials(
      config({
        "alicloud:accessKey": "CFGID",
        "alicloud:secretKey": "cfgsecret",
        "alicloud:securityToken": "tok",
      }),
      { ALIBABA_CLOUD_ACCESS_KEY_ID: "ENVID", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "envsecret" },
    );
    assert.deepEqual(plan, {
      kind: "static",
      accessKeyId: "CFGID",
      accessKeySecret: "cfgsecret",
      securityToken: "tok",
      source: "stack config alicloud:accessKey",
    });
  });

  it("uses alicloud:profile before the environment", () => {
    const plan = planCredentials(config({ "alicloud:profile": "prod" }), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "ENVID",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "envsecret",
    });
    assert.equal(plan.kind, "profile");
    assert.equal(accountKey(plan), "profile:prod");
  });

  it("leaves ALIBABA_CLOUD_* to the default chain, which reads it, before ALICLOUD_*", () => {
    const plan = planCredentials(config({}), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "A",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a",
      ALICLOUD_ACCESS_KEY: "B",
      ALICLOUD_SECRET_KEY: "b",
    });
    assert.deepEqual(plan, { kind: "chain", step: "env", source: "environment ALIBABA_CLOUD_ACCESS_KEY_ID" });
    const second = planCredentials(config({}), {
      ALICLOUD_ACCESS_KEY: "B",
      ALICLOUD_SECRET_KEY: "b",
      ALICLOUD_SECURITY_TOKEN: "t",
    });
    assert.deepEqual(second.kind === "static" && [second.accessKeyId, second.securityToken, second.source], [
      "B",
      "t",
      "environment ALICLOUD_ACCESS_KEY",
    ]);
    assert.throws(
      () => planCredentials(config({}), { ALIBABA_CLOUD_ACCESS_KEY_ID: "A" }),
      /ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not/,
    );
  });

  it("follows the default chain only where a step's setting is there, and plans nothing without one", () => {
    assert.deepEqual(planCredentials(config({}), {}), { kind: "none", source: "no credential setting" });
    assert.deepEqual(planCredentials(config({}), { ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/c" }), {
      kind: "chain",
      step: "uri",
      source: "environment ALIBABA_CLOUD_CREDENTIALS_URI",
    });
    assert.equal(planCredentials(config({}), { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }).kind, "none");
  });

  it("names the missing half of a pair", () => {
    assert.throws(
      () => planCredentials(config({ "alicloud:accessKey": "ID" }), {}),
      (err: Error) =>
        err instanceof CredentialsError &&
        /alicloud:accessKey is set but alicloud:secretKey is not/.test(err.message),
    );
    assert.throws(
      () => planCredentials(config({}), { ALICLOUD_SECRET_KEY: "s" }),
      /ALICLOUD_SECRET_KEY is set but ALICLOUD_ACCESS_KEY is not/,
    );
  });

  it("keys the Open lock by AccessKey ID, never by secret", () => {
    const plan = planCredentials(config({ "alicloud:accessKey": "ID1", "alicloud:secretKey": "s3cr3t" }), {});
    assert.equal(accountKey(plan), "ak:ID1");
  });

  it("lists every place looked in the no-credentials message", () => {
    const text = noCredentialsMessage();
    for (const place of [
      "alicloud:accessKey",
      "alicloud:profile",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALICLOUD_ACCESS_KEY",
      "ECS RAM role",
    ]) {
      assert.ok(text.includes(place), `missing ${place}`);
    }
  });
});
