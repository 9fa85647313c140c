import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { SETTINGS, type SettingsTable } from "../../provider/config/keys";
import { NO_CONFIG } from "../../provider/config/configSource";
import { secretsOf } from "../../provider/diagnostics/secretScrubber";
import { readSettings } from "../../provider/config/settings";
import { packageSchema } from "../../provider/plugin/schema";
import { SETTINGS_DOC, settingsTable, tableInDoc } from "../../scripts/settingsDocs";

/** A copy of the table with one more setting, as a contributor would add it. */
const WITH_NEW: SettingsTable = {
  ...SETTINGS,
  webhookToken: {
    key: "pulumi-alicloud-ip-pool-service:webhookToken",
    env: ["ALICLOUD_IP_POOL_WEBHOOK_TOKEN"],
    type: "string",
    secret: true,
    whenUnset: "no webhook",
    doc: "A token for a webhook.",
  },
};

const variables = (settings: SettingsTable) =>
  (
    packageSchema("1.2.3", "https://example.invalid/", settings).config as {
      variables: Record<string, Record<string, unknown>>;
    }
  ).variables;

describe("the table of settings (config/keys.ts) is the one home of a setting", () => {
  it("a setting added to a copy of the table is in the schema, typed, secret and documented", () => {
    assert.equal(variables(SETTINGS).webhookToken, undefined);
    const added = variables(WITH_NEW).webhookToken;
    assert.equal(added.type, "string");
    assert.equal(added.secret, true);
    assert.match(
      String(added.description),
      /A token for a webhook\. Default: no webhook\. Environment: ALICLOUD_IP_POOL_WEBHOOK_TOKEN\./,
    );
  });

  it("it is a row of the docs' table, and the docs' check sees the docs lack it", async () => {
    const doc = readFileSync(SETTINGS_DOC, "utf8");
    const table = await settingsTable(WITH_NEW);
    assert.match(
      table,
      /\| `pulumi-alicloud-ip-pool-service:webhookToken` +\| `ALICLOUD_IP_POOL_WEBHOOK_TOKEN` +\| no webhook +\| yes +\| A token for a webhook\. +\|/,
    );
    assert.equal(tableInDoc(doc), await settingsTable(SETTINGS));
    assert.notEqual(tableInDoc(doc), table);
  });

  it("its secret flag makes the scrubber learn its value, from stack config and from its variable", () => {
    const config = {
      get: (key: string) => (key === WITH_NEW.webhookToken.key ? "config-token-value" : undefined),
    };
    const env = { ALICLOUD_IP_POOL_WEBHOOK_TOKEN: "env-token-value" };
    assert.deepEqual(secretsOf(config, env, SETTINGS), []);
    assert.deepEqual(secretsOf(config, env, WITH_NEW).sort(), ["config-token-value", "env-token-value"]);
  });

  it("the scrubber learns every secret the real table marks: keys, their variables, and secret fields", () => {
    const config = {
      get: (key: string) =>
        ({
          [SETTINGS.secretKey.key]: "config-secret-key",
          [SETTINGS.securityToken.key]: "config-security-token",
          [SETTINGS.accessKey.key]: "not-a-secret-id",
          [SETTINGS.assumeRoleWithOidc.key]: JSON.stringify({ roleArn: "r", oidcToken: "config-oidc-token" }),
        })[key],
    };
    const env = {
      ALICLOUD_SECRET_KEY: "env-secret-key",
      ALICLOUD_SECURITY_TOKEN: "env-security-token",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "chain-secret-key",
      ALIBABA_CLOUD_SECURITY_TOKEN: "chain-security-token",
      ALICLOUD_ACCESS_KEY: "env-access-key-id",
    };
    assert.deepEqual(secretsOf(config, env).sort(), [
      "chain-secret-key",
      "chain-security-token",
      "config-oidc-token",
      "config-secret-key",
      "config-security-token",
      "env-secret-key",
      "env-security-token",
    ]);
  });

  it("the settings reader takes each wait's default from the table", () => {
    const settings = readSettings(NO_CONFIG, {});
    assert.equal(settings.activationTimeoutMs, SETTINGS.activationTimeoutSeconds.default * 1000);
    assert.equal(settings.retryTimeoutMs, SETTINGS.retryTimeoutSeconds.default * 1000);
  });
});
