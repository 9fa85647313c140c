import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAlicloudConfig } from "../../provider/config/alicloudConfig";
import { SettingsError, configSource, type ConfigSource } from "../../provider/config/configSource";
import { readCliConfig } from "../../provider/credentials/files";
import { STACK_TERMS } from "../../provider/config/settingTerms";
import { noCredentialsMessage } from "../../provider/credentials/noCredentials";
import { credentialPlaces } from "../../provider/credentials/plan";
import { expandPlan, planCredentials, planRoles } from "../../provider/credentials/plan";
import { CredentialsError } from "../../provider/credentials/credentialsError";

const config = (values: Record<string, string>): ConfigSource => configSource({ get: (k) => values[k] });

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

  it("takes an AccessKey pair from the environment before alicloud:profile, as @pulumi/alicloud does", () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "ENVID", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "envsecret" };
    assert.deepEqual(planCredentials(config({ "alicloud:profile": "prod" }), env), {
      kind: "chain",
      step: "env",
      source: "environment ALIBABA_CLOUD_ACCESS_KEY_ID",
    });
    const profile = planCredentials(config({ "alicloud:profile": "prod" }), {});
    assert.deepEqual(profile, {
      kind: "profile",
      profile: "prod",
      file: undefined,
      source: 'stack config alicloud:profile ("prod")',
    });
  });

  it("reads ALICLOUD_* before ALIBABA_CLOUD_*, and leaves the latter to the library's environment provider", () => {
    const plan = planCredentials(config({}), {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "A",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a",
      ALICLOUD_ACCESS_KEY: "B",
      ALICLOUD_SECRET_KEY: "b",
      ALICLOUD_SECURITY_TOKEN: "t",
    });
    assert.deepEqual(plan.kind === "static" && [plan.accessKeyId, plan.securityToken, plan.source], [
      "B",
      "t",
      "environment ALICLOUD_ACCESS_KEY",
    ]);
    assert.deepEqual(
      planCredentials(config({}), { ALIBABA_CLOUD_ACCESS_KEY_ID: "A", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a" }),
      { kind: "chain", step: "env", source: "environment ALIBABA_CLOUD_ACCESS_KEY_ID" },
    );
    assert.throws(
      () => planCredentials(config({}), { ALIBABA_CLOUD_ACCESS_KEY_ID: "A" }),
      /ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not/,
    );
  });

  it("follows @pulumi/alicloud's order: OIDC role, AccessKey pair, ECS role, profile, credentials URI", () => {
    const all: Record<string, string> = {
      "alicloud:assumeRoleWithOidc": JSON.stringify({
        roleArn: "acs:ram::1234567890123456:role/ci",
        oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/gh",
        oidcToken: "a-token-of-the-ci",
      }),
      "alicloud:accessKey": "ID",
      "alicloud:secretKey": "secret",
      "alicloud:ecsRoleName": "worker",
      "alicloud:profile": "prod",
      "alicloud:credentialsUri": "http://127.0.0.1:1/credentials",
    };
    const order = [
      "alicloud:assumeRoleWithOidc",
      "alicloud:accessKey",
      "alicloud:ecsRoleName",
      "alicloud:profile",
      "alicloud:credentialsUri",
    ];
    const kinds = ["oidcRole", "static", "ecsRole", "profile", "uri"];
    for (const [i, key] of order.entries()) {
      const values = Object.fromEntries(
        Object.entries(all).filter(
          ([k]) => !order.slice(0, i).includes(k) && !(k === "alicloud:secretKey" && i > 1),
        ),
      );
      const plan = planCredentials(config(values), {});
      assert.equal(plan.kind, kinds[i], `with ${key} first`);
      assert.match(plan.source, new RegExp(key.replace(":", ":")));
    }
  });

  it("reads each key's environment variables when stack config lacks it", () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ALICLOUD_ECS_ROLE_NAME: "worker" }, "ecsRole", "environment ALICLOUD_ECS_ROLE_NAME"],
      [{ ALIBABA_CLOUD_ECS_METADATA: "worker" }, "ecsRole", "environment ALIBABA_CLOUD_ECS_METADATA"],
      [{ ALICLOUD_PROFILE: "p" }, "profile", 'environment ALICLOUD_PROFILE ("p")'],
      [
        { ALICLOUD_SHARED_CREDENTIALS_FILE: "/x/config.json" },
        "profile",
        "environment ALICLOUD_SHARED_CREDENTIALS_FILE",
      ],
      [{ ALICLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/c" }, "uri", "environment ALICLOUD_CREDENTIALS_URI"],
      [
        { ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/c" },
        "uri",
        "environment ALIBABA_CLOUD_CREDENTIALS_URI",
      ],
    ];
    for (const [env, kind, source] of cases) {
      const plan = planCredentials(config({}), env);
      assert.deepEqual([plan.kind, plan.source], [kind, source], JSON.stringify(env));
    }
  });

  it("maps ecsRoleName onto the library's ECS RAM role provider without any network call", () => {
    // The instance metadata address (100.100.100.200) is fixed in the library: this checks the
    // mapping only. Building the provider sends nothing; only asking it for credentials would.
    const plan = planCredentials(config({ "alicloud:ecsRoleName": "worker" }), {});
    assert.equal(plan.kind, "ecsRole");
    const { base } = expandPlan(plan as Exclude<typeof plan, { kind: "none" }>, {}, STACK_TERMS);
    assert.equal(base.kind, "library");
    const build = () => (base.kind === "library" ? base.make() : assert.fail("not the library's provider"));
    // The tests switch instance metadata off (isolateEnvironment): the library refuses to build it then.
    assert.throws(build, /IMDS credentials is disabled/);
    const saved = process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
    delete process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
    try {
      const provider = build();
      assert.equal(provider.getProviderName(), "ecs_ram_role");
      assert.equal((provider as unknown as { roleName?: string }).roleName, "worker");
    } finally {
      process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = saved;
    }
  });

  it("follows the rest of the default chain only where a step's setting is there, and plans nothing without one", () => {
    assert.deepEqual(planCredentials(config({}), {}), { kind: "none", source: "no credential setting" });
    assert.equal(planCredentials(config({}), { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }).kind, "none");
    assert.deepEqual(
      planCredentials(config({}), {
        ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r",
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/p",
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/token",
      }),
      { kind: "chain", step: "oidc", source: "environment ALIBABA_CLOUD_ROLE_ARN (OIDC)" },
    );
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

  it("lists every place looked, in order, in the no-credentials message", () => {
    const text = noCredentialsMessage(STACK_TERMS);
    let at = -1;
    for (const place of credentialPlaces(STACK_TERMS)) {
      const found = text.indexOf(place);
      assert.ok(found > at, `missing or out of order: ${place}`);
      at = found;
    }
    for (const key of [
      "alicloud:assumeRoleWithOidc",
      "alicloud:ecsRoleName",
      "alicloud:profile",
      "alicloud:credentialsUri",
      "ALICLOUD_ACCESS_KEY",
    ]) {
      assert.ok(text.includes(key), `missing ${key}`);
    }
  });
});

describe("planRoles", () => {
  const arn = (account: string, name: string) => `acs:ram::${account}:role/${name}`;

  it("assumes the stack's role first, then the resource's", () => {
    const alicloud = readAlicloudConfig(
      config({ "alicloud:assumeRole": JSON.stringify({ roleArn: arn("1111111111111111", "hub") }) }),
      {},
    );
    const roles = planRoles(alicloud, {
      value: { roleArn: arn("2222222222222222", "member") },
      source: "the resource's assumeRole",
    });
    assert.deepEqual(
      roles.map((r) => [r.value.roleArn, r.source]),
      [
        [arn("1111111111111111", "hub"), "stack config alicloud:assumeRole"],
        [arn("2222222222222222", "member"), "the resource's assumeRole"],
      ],
    );
  });

  it("takes the stack's role from ALICLOUD_ASSUME_ROLE_ARN and its session from the environment", () => {
    const alicloud = readAlicloudConfig(config({}), {
      ALICLOUD_ASSUME_ROLE_ARN: arn("1111111111111111", "hub"),
      ALICLOUD_ASSUME_ROLE_SESSION_NAME: "ci-run",
      ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "1800",
    });
    assert.deepEqual(planRoles(alicloud), [
      {
        value: { roleArn: arn("1111111111111111", "hub"), sessionName: "ci-run", sessionExpiration: 1800 },
        source: "environment ALICLOUD_ASSUME_ROLE_ARN",
      },
    ]);
  });

  it("plans no role when none is configured", () => {
    assert.deepEqual(planRoles(readAlicloudConfig(config({}), {})), []);
  });
});

describe("a setting or file that is not JSON", () => {
  const SECRET = "sk-not-for-any-message-91f3";

  it("keeps the syntax error as the cause of a setting's error, without the text it quoted", () => {
    let thrown: unknown;
    try {
      readAlicloudConfig(config({ "alicloud:assumeRoleWithOidc": `{"oidcToken": ${SECRET}}` }), {});
    } catch (err) {
      thrown = err;
    }
    assert.ok(thrown instanceof SettingsError, String(thrown));
    assert.match(thrown.message, /alicloud:assumeRoleWithOidc is not an object/);
    assert.ok(thrown.cause instanceof SyntaxError, "the cause is kept");
    assert.match(thrown.cause.message, /is not valid JSON/);
    assert.ok(!`${thrown.message} ${thrown.cause.message}`.includes(SECRET), "the value is not quoted");
  });

  it("keeps the syntax error as the cause of a CLI configuration file's error, with its position and not its text", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-config-"));
    try {
      const path = join(dir, "config.json");
      writeFileSync(path, `{"profiles": [{"name": "p", "access_key_secret": "${SECRET}",}]}`);
      let thrown: unknown;
      try {
        readCliConfig(path);
      } catch (err) {
        thrown = err;
      }
      assert.ok(thrown instanceof CredentialsError, String(thrown));
      assert.match(thrown.message, /is not valid JSON at line 1, column \d+/);
      assert.ok(thrown.cause instanceof SyntaxError, "the cause is kept");
      assert.match(thrown.cause.message, /position \d+/);
      assert.ok(!`${thrown.message} ${thrown.cause.message}`.includes(SECRET));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
