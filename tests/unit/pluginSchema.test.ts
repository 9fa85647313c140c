// The plugin's schema and configuration: the same keys as `alicloud:*` and this package's own,
// read from the plugin's namespace, secrets marked secret, every property documented.
import assert from "node:assert/strict";
import { IGNORED_KEYS, REFUSED_KEYS, SETTINGS } from "../../provider/config/keys";
import * as pulumi from "@pulumi/pulumi";
import { inPluginTerms, pluginConfig } from "../../provider/plugin/pluginConfig";
import { plain } from "../../provider/plugin/pluginProvider";
import { COMPONENT_TOKEN, packageSchema, RESOURCE_TOKEN, STATUS_TOKEN } from "../../provider/plugin/schema";

type Property = {
  description?: string;
  secret?: boolean;
  $ref?: string;
  properties?: Record<string, Property>;
};
type Schema = {
  name: string;
  version: string;
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

  it("names the plugin's keys in the core's messages, whole (assumeRoleWithOidc is not assumeRole)", () => {
    assert.equal(
      inPluginTerms(
        `${SETTINGS.assumeRoleWithOidc.key} and ${SETTINGS.assumeRole.key} and ${SETTINGS.vpcEndpoint.key}`,
      ),
      "alicloud-ip-pool-service:assumeRoleWithOidc and alicloud-ip-pool-service:assumeRole and alicloud-ip-pool-service:vpcEndpoint",
    );
    assert.equal(
      inPluginTerms("set it in stack config alicloud:region"),
      "set it in config alicloud-ip-pool-service:region",
    );
    assert.equal(
      inPluginTerms(`Stack config ${SETTINGS.vpcEndpoint.key} is not a host`),
      "config alicloud-ip-pool-service:vpcEndpoint is not a host",
    );
  });

  it("names an explicit provider's property, not the stack's config, in the core's messages and advice", () => {
    const sourceIp = REFUSED_KEYS.find((k) => k.endsWith(":sourceIp"))!;
    assert.equal(
      inPluginTerms(`${sourceIp} is set: unset it (\`pulumi config rm ${sourceIp}\`).`, "member"),
      'property sourceIp of provider "member" is set: unset it (remove property sourceIp of provider "member").',
    );
    assert.equal(
      inPluginTerms(
        `The AccessKey ID from stack config ${SETTINGS.accessKey.key} is bad. Fix: \`pulumi config set --secret ${SETTINGS.secretKey.key} <AccessKey secret>\``,
        "member",
      ),
      'The AccessKey ID from property accessKey of provider "member" is bad. Fix: set property secretKey of provider "member"',
    );
    assert.equal(
      inPluginTerms(`the type ${RESOURCE_TOKEN} of pulumi-alicloud-ip-pool-service`, "member"),
      `the type ${RESOURCE_TOKEN} of pulumi-alicloud-ip-pool-service`,
      "a type token or the package's name is not a setting",
    );
  });
});

describe("the values the engine hands the plugin", () => {
  const { specialSigKey, specialSecretSig, specialResourceSig } = pulumi.runtime;

  it("are taken out of their secret wrappers, at any depth", () => {
    const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
    assert.deepEqual(
      plain({ accessKey: "AK", secretKey: secret("SK"), assumeRole: secret({ roleArn: secret("arn") }) }),
      {
        accessKey: "AK",
        secretKey: "SK",
        assumeRole: { roleArn: "arn" },
      },
    );
    assert.deepEqual(plain([secret(1), 2]), [1, 2]);
  });

  it("keep the marks of other special values, such as a resource reference", () => {
    const reference = {
      [specialSigKey]: specialResourceSig,
      urn: "urn:pulumi:dev::p::t::n",
      id: "cn-hangzhou",
    };
    assert.deepEqual(plain({ parent: reference }), { parent: reference });
  });
});
