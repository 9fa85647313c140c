// The plugin's schema and configuration: the same keys as `alicloud:*` and this package's own,
// read from the plugin's namespace, secrets marked secret, every property documented.
import assert from "node:assert/strict";
import { IGNORED_KEYS, REFUSED_KEYS, SETTINGS } from "../../provider/config/keys";
import { configSource } from "../../provider/config/configSource";
import * as pulumi from "@pulumi/pulumi";
import { readAlicloudConfig } from "../../provider/config/alicloudConfig";
import { resolveRegion } from "../../provider/config/regionId";
import { readSettings } from "../../provider/config/settings";
import { noCredentialsMessage } from "../../provider/credentials/noCredentials";
import { planCredentials } from "../../provider/credentials/plan";
import { pluginConfig, pluginTerms } from "../../provider/plugin/pluginConfig";
import { withoutSecretMarks } from "../../provider/plugin/engineValues";
import { COMPONENT_TOKEN, packageSchema, RESOURCE_TOKEN, STATUS_TOKEN } from "../../provider/plugin/schema";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PLUGIN_DOWNLOAD_URL, LOGO_PATH, REPOSITORY } from "../../provider/plugin/registries";
import { REPO_ROOT } from "../../scripts/harness/engine";

type Property = {
  description?: string;
  secret?: boolean;
  $ref?: string;
  properties?: Record<string, Property>;
};
type Schema = {
  name: string;
  version: string;
  homepage: string;
  logoUrl: string;
  pluginDownloadURL: string;
  config: { variables: Record<string, Property> };
  provider: { inputProperties: Record<string, Property> };
  types: Record<string, { description: string; properties: Record<string, Property> }>;
  resources: Record<
    string,
    { description: string; inputProperties: Record<string, Property>; properties: Record<string, Property> }
  >;
  functions: Record<
    string,
    {
      description: string;
      inputs: { properties: Record<string, Property> };
      outputs: { properties: Record<string, Property> };
    }
  >;
};

const schema = packageSchema("1.2.3", "https://example.test/releases/v${VERSION}/") as unknown as Schema;
const afterColon = (key: string) => key.slice(key.indexOf(":") + 1);

describe("the plugin's schema", () => {
  it("offers every key of the key table, refused and ignored ones included, under the plugin's namespace", () => {
    const expected = new Set([
      ...Object.values(SETTINGS).map((s) => afterColon(s.key)),
      ...REFUSED_KEYS.map(afterColon),
      ...IGNORED_KEYS.map(afterColon),
    ]);
    assert.deepEqual(Object.keys(schema.config.variables).sort(), [...expected].sort());
    for (const key of [
      "accessKey",
      "secretKey",
      "securityToken",
      "region",
      "profile",
      "sharedCredentialsFile",
      "assumeRole",
      "assumeRoleWithOidc",
      "ecsRoleName",
      "credentialsUri",
      "endpoints",
      "protocol",
      "accountId",
    ]) {
      assert.ok(schema.config.variables[key], key);
    }
    // The same settings, docs and secrets; the provider's object types are the `index` twins of the config's.
    assert.deepEqual(
      JSON.parse(JSON.stringify(schema.provider.inputProperties).split(":index:").join(":config:")),
      schema.config.variables,
    );
    assert.equal(schema.name, "alicloud-ip-pool-service");
    assert.equal(schema.version, "1.2.3");
  });

  it("marks the secrets secret, so an explicit provider's inputs are encrypted in the state", () => {
    const secrets = Object.entries(schema.config.variables)
      .filter(([, p]) => p.secret)
      .map(([k]) => k);
    assert.deepEqual(secrets.sort(), ["assumeRoleWithOidc", "secretKey", "securityToken"]);
    const oidc = Object.values(schema.types).find((t) => "oidcToken" in t.properties)!;
    assert.equal(oidc.properties.oidcToken.secret, true);
  });

  it("documents every property of the resource, the component, the function and the types", () => {
    const undocumented: string[] = [];
    const visit = (where: string, props: Record<string, Property>) => {
      for (const [name, p] of Object.entries(props))
        if (!p.description?.trim()) undocumented.push(`${where}.${name}`);
    };
    visit("config", schema.config.variables);
    for (const [token, t] of Object.entries(schema.types)) visit(token, t.properties);
    for (const [token, r] of Object.entries(schema.resources)) {
      assert.ok(r.description.length > 20, token);
      visit(`${token} input`, r.inputProperties);
      visit(token, r.properties);
    }
    for (const [token, f] of Object.entries(schema.functions)) {
      assert.ok(f.description.length > 20, token);
      visit(`${token} input`, f.inputs.properties);
      visit(token, f.outputs.properties);
    }
    assert.deepEqual(undocumented, []);
    assert.ok(
      schema.resources[RESOURCE_TOKEN] && schema.resources[COMPONENT_TOKEN] && schema.functions[STATUS_TOKEN],
    );
  });

  it("gives the registry a homepage and a logo that is a file of this repository on its main branch", () => {
    assert.equal(schema.homepage, REPOSITORY);
    const logo = new URL(schema.logoUrl);
    assert.equal(logo.protocol, "https:");
    assert.ok(schema.logoUrl.endsWith(`/main/${LOGO_PATH}`), schema.logoUrl);
    assert.ok(existsSync(join(REPO_ROOT, LOGO_PATH)), `${LOGO_PATH} is committed`);
  });

  it("ships a pluginDownloadURL with no ${…} variable in it, in the engine's github:// form, so the code `pulumi import` prints compiles", () => {
    assert.match(DEFAULT_PLUGIN_DOWNLOAD_URL, /^github:\/\/api\.github\.com\/[^/]+\/[^/]+$/);
    assert.doesNotMatch(DEFAULT_PLUGIN_DOWNLOAD_URL, /\$\{/);
    assert.equal(
      DEFAULT_PLUGIN_DOWNLOAD_URL,
      `github://api.github.com/${new URL(REPOSITORY).pathname.slice(1)}`,
      "the releases of the source repository",
    );
  });
});

describe("the plugin's configuration", () => {
  it("reads each setting by its key in the plugin's namespace, objects as JSON text", () => {
    const config = pluginConfig({
      accessKey: "AK",
      assumeRole: { roleArn: "acs:ram::1234567890123456:role/x" },
      vpcEndpoint: "h",
    });
    assert.equal(config.get(SETTINGS.accessKey.key), "AK");
    assert.equal(config.get(SETTINGS.assumeRole.key), '{"roleArn":"acs:ram::1234567890123456:role/x"}');
    assert.equal(config.get(SETTINGS.vpcEndpoint.key), "h");
    assert.equal(config.get(SETTINGS.secretKey.key), undefined);
  });

  it("reads an object setting's fields in the dict form a Python program may send (role_arn)", () => {
    const config = pluginConfig({
      assumeRole: { role_arn: "acs:ram::1234567890123456:role/x", session_expiration: 900 },
      endpoints: [{ vpc: "h" }],
    });
    assert.equal(
      config.get(SETTINGS.assumeRole.key),
      '{"roleArn":"acs:ram::1234567890123456:role/x","sessionExpiration":900}',
    );
    assert.equal(config.get(SETTINGS.endpoints.key), '[{"vpc":"h"}]');
    // As the SDKs send an explicit provider's objects: JSON text, keys as the program wrote them.
    const sent = pluginConfig({
      assumeRole: '{"role_arn": "acs:ram::1234567890123456:role/x"}',
      accessKey: "{AK",
    });
    assert.equal(config.get(SETTINGS.assumeRole.key) !== undefined, true);
    assert.equal(sent.get(SETTINGS.assumeRole.key), '{"roleArn":"acs:ram::1234567890123456:role/x"}');
    assert.equal(sent.get(SETTINGS.accessKey.key), "{AK", "text that is not JSON is read as it is");
  });

  /** The message of what `fn` throws. */
  const thrown = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      return (err as Error).message;
    }
    return assert.fail("nothing was thrown");
  };
  /** A provider's configuration as the plugin reads it, in its terms. */
  const plugin = (raw: Record<string, unknown>, explicitProvider?: string) =>
    configSource(pluginConfig(raw), pluginTerms(explicitProvider));

  it("builds the core's messages with the plugin's keys, whole (assumeRoleWithOidc is not assumeRole)", () => {
    assert.equal(
      thrown(() => readSettings(plugin({ vpcEndpoint: "not a host" }), {})),
      'Config alicloud-ip-pool-service:vpcEndpoint "not a host" is not a host or URL: use a host like ' +
        '"vpc-vpc.cn-hangzhou.aliyuncs.com" or "http://127.0.0.1:8080".',
    );
    assert.match(
      thrown(() => readAlicloudConfig(plugin({ assumeRoleWithOidc: "{}" }), {})),
      /^alicloud-ip-pool-service:assumeRoleWithOidc\.roleArn is required\.$/,
    );
    const none = noCredentialsMessage(pluginTerms());
    assert.match(none, /^ {2}- config alicloud-ip-pool-service:assumeRoleWithOidc$/m);
    assert.match(none, /Fix: `pulumi config set alicloud-ip-pool-service:accessKey <AccessKey ID>` and /);
    assert.match(none, /`pulumi config set --secret alicloud-ip-pool-service:secretKey <AccessKey secret>`/);
    assert.doesNotMatch(none, /stack config|alicloud:/i);
  });

  it("builds an explicit provider's messages and advice with its properties, never the stack's config", () => {
    const sourceIp = REFUSED_KEYS.find((k) => k.endsWith(":sourceIp"))!;
    assert.match(
      thrown(() => readAlicloudConfig(plugin({ [sourceIp.split(":")[1]]: "10.0.0.1" }, "member"), {})),
      /^property sourceIp of provider "member" is set, .*unset it \(remove property sourceIp of provider "member"\)/s,
    );
    assert.match(
      thrown(() => planCredentials(plugin({ accessKey: "AK\nX", secretKey: "s" }, "member"), {})),
      /^The AccessKey ID from property accessKey of provider "member" contains a character/,
    );
    assert.match(
      thrown(() => readAlicloudConfig(plugin({ assumeRole: { roleArn: "arn" } }, "member"), {})),
      /^property assumeRole\.roleArn of provider "member" must be a RAM role ARN/,
    );
    assert.match(
      thrown(() => readAlicloudConfig(plugin({ assumeRole: "{not json" }, "member"), {})),
      /^property assumeRole of provider "member" is not an object: set property assumeRole\.<field> of provider "member"\.$/,
    );
    const none = noCredentialsMessage(pluginTerms("member"));
    assert.match(
      none,
      /Fix: set property accessKey of provider "member" and set property secretKey of provider "member", or export /,
    );
    assert.doesNotMatch(none, /stack config|pulumi config|alicloud-ip-pool-service:|alicloud:/i);
    const problem = resolveRegion({
      explicit: undefined,
      subject: "regionId",
      config: plugin({}, "member"),
      env: {},
      howToSet: "set regionId",
    }).problem;
    assert.equal(
      problem,
      'regionId is not set and there is no default region: set regionId, or set property region of provider "member", or export ALICLOUD_REGION.',
    );
  });
});

describe("the values the engine hands the plugin", () => {
  const { specialSigKey, specialSecretSig, specialResourceSig } = pulumi.runtime;

  it("are taken out of their secret wrappers, at any depth", () => {
    const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
    assert.deepEqual(
      withoutSecretMarks({
        accessKey: "AK",
        secretKey: secret("SK"),
        assumeRole: secret({ roleArn: secret("arn") }),
      }),
      {
        accessKey: "AK",
        secretKey: "SK",
        assumeRole: { roleArn: "arn" },
      },
    );
    assert.deepEqual(withoutSecretMarks([secret(1), 2]), [1, 2]);
  });

  it("keep the marks of other special values, such as a resource reference", () => {
    const reference = {
      [specialSigKey]: specialResourceSig,
      urn: "urn:pulumi:dev::p::t::n",
      id: "cn-hangzhou",
    };
    assert.deepEqual(withoutSecretMarks({ parent: reference }), { parent: reference });
  });
});
