// How each face names the settings that choose an endpoint or a key in its advice: a stack and a
// provider by their keys, the command line by its flag where it has one, else by the environment.
import assert from "node:assert/strict";
import { keySetting, serviceOf, type DiagnosticContext } from "../../provider/diagnostics/diagnosticContext";
import { SETTINGS } from "../../provider/config/keys";
import { STACK_TERMS, type SettingTerms } from "../../provider/config/settingTerms";
import { COMMAND_CONFIG } from "../../provider/command/statusArgs";
import { pluginTerms } from "../../provider/plugin/pluginConfig";

const context = (terms: SettingTerms, operation: string): DiagnosticContext => ({
  operation,
  attempts: 1,
  elapsedMs: 0,
  terms,
});

describe("the terms of each face", () => {
  it("the command line can set the VPC endpoint with --endpoint, and nothing else but by the environment", () => {
    const terms = COMMAND_CONFIG.terms;
    assert.equal(terms.settable(SETTINGS.vpcEndpoint.key), true);
    assert.equal(terms.name(SETTINGS.vpcEndpoint.key), "--endpoint");
    for (const key of [SETTINGS.endpoints.key, SETTINGS.secretKey.key, SETTINGS.region.key])
      assert.equal(terms.settable(key), false, key);
    assert.equal(
      serviceOf(context(terms, "OpenPublicIpAddressPoolService")).settings,
      "--endpoint or ALICLOUD_VPC_ENDPOINT",
    );
    assert.equal(
      serviceOf(context(terms, "AssumeRole")).settings,
      SETTINGS.endpoints.fields.sts.env.join(" or "),
    );
    assert.equal(
      keySetting(context(terms, "OpenPublicIpAddressPoolService"), "token"),
      "ALIBABA_CLOUD_SECURITY_TOKEN",
    );
  });

  it("a stack and the plugin name every setting, the environment last", () => {
    for (const terms of [STACK_TERMS, pluginTerms(), pluginTerms("member")]) {
      assert.equal(terms.settable(SETTINGS.endpoints.key), true);
      const vpc = serviceOf(context(terms, "OpenPublicIpAddressPoolService")).settings;
      assert.equal(
        vpc,
        `${terms.name(SETTINGS.vpcEndpoint.key)}, ${terms.name(SETTINGS.endpoints.key)} vpc or ALICLOUD_VPC_ENDPOINT`,
      );
      assert.match(
        serviceOf(context(terms, "AssumeRole")).settings,
        new RegExp(`^${terms.name(SETTINGS.endpoints.key).replace(/[.*+?^${}()|[\]\\"]/g, "\\$&")} sts, `),
      );
    }
  });
});
