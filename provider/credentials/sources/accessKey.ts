// An AccessKey pair: in the configuration, then in `ALICLOUD_*`, then in `ALIBABA_CLOUD_*` (which
// the library's environment provider reads itself). A pair set by half is refused.
import { CHAIN_ENV, CREDENTIAL_ENV, SETTINGS } from "../../config/keys";
import type { StaticKey } from "../chain";
import { assertHeaderSafe, assertWhole } from "../values";
import { credentialSource, type PlanInput } from "./credentialSource";

/** The pair of `ALIBABA_CLOUD_*`, the library's environment step. */
export interface EnvironmentPairPlan {
  /** The kind of plan. */
  kind: "chain";
  /** The library's step. */
  step: "env";
  /** Where it was found. */
  source: string;
}

const code = (text: string) => `\`${text}\``;

/** The pair of the configuration, then of each environment, checked; undefined when none is set. */
function accessKeyPair({ config, env }: PlanInput): StaticKey | EnvironmentPairPlan | undefined {
  const { terms } = config;
  const id = config.get(SETTINGS.accessKey.key);
  const secret = config.get(SETTINGS.secretKey.key);
  if (assertWhole(id, secret, [terms.name(SETTINGS.accessKey.key), terms.name(SETTINGS.secretKey.key)])) {
    const securityToken = config.get(SETTINGS.securityToken.key);
    assertHeaderSafe(id, "AccessKey ID", terms.place(SETTINGS.accessKey.key));
    assertHeaderSafe(securityToken, "security token", terms.place(SETTINGS.securityToken.key));
    return {
      kind: "static",
      accessKeyId: id!,
      accessKeySecret: secret!,
      securityToken,
      source: terms.place(SETTINGS.accessKey.key),
    };
  }
  const alicloud = CREDENTIAL_ENV.alicloud;
  if (
    assertWhole(env[alicloud.accessKeyId], env[alicloud.accessKeySecret], [
      alicloud.accessKeyId,
      alicloud.accessKeySecret,
    ])
  ) {
    const securityToken = env[alicloud.securityToken] || undefined;
    assertHeaderSafe(env[alicloud.accessKeyId], "AccessKey ID", `environment ${alicloud.accessKeyId}`);
    assertHeaderSafe(securityToken, "security token", `environment ${alicloud.securityToken}`);
    return {
      kind: "static",
      accessKeyId: env[alicloud.accessKeyId]!,
      accessKeySecret: env[alicloud.accessKeySecret]!,
      securityToken,
      source: `environment ${alicloud.accessKeyId}`,
    };
  }
  const alibaba = CREDENTIAL_ENV.alibabaCloud;
  if (
    assertWhole(env[alibaba.accessKeyId], env[alibaba.accessKeySecret], [
      alibaba.accessKeyId,
      alibaba.accessKeySecret,
    ])
  ) {
    assertHeaderSafe(env[alibaba.accessKeyId], "AccessKey ID", `environment ${alibaba.accessKeyId}`);
    assertHeaderSafe(
      env[alibaba.securityToken] || undefined,
      "security token",
      `environment ${alibaba.securityToken}`,
    );
    return { kind: "chain", step: "env", source: `environment ${alibaba.accessKeyId}` };
  }
  return undefined;
}

/** An AccessKey pair, in the configuration or the environment: the second source. */
export const ACCESS_KEY = credentialSource<StaticKey | EnvironmentPairPlan>({
  places: ({ place, name }) => [
    `${place(SETTINGS.accessKey.key)} / ${name(SETTINGS.secretKey.key)} (/ ${name(SETTINGS.securityToken.key)})`,
    `environment ${SETTINGS.accessKey.env[0]} / ${SETTINGS.secretKey.env[0]} (/ ${SETTINGS.securityToken.env[0]})`,
    `environment ${CHAIN_ENV.accessKeyId} / ${CHAIN_ENV.accessKeySecret} (/ ${CHAIN_ENV.securityToken})`,
  ],
  doc: {
    source: `${code(SETTINGS.accessKey.key)}, ${code(SETTINGS.secretKey.key)} (set it with \`--secret\`), ${code(SETTINGS.securityToken.key)}`,
    environment: `${Object.values(CREDENTIAL_ENV.alicloud).map(code).join(", ")}; then ${Object.values(CREDENTIAL_ENV.alibabaCloud).map(code).join(", ")}`,
  },
  help: [
    Object.values(CREDENTIAL_ENV.alicloud).join(" / "),
    Object.values(CREDENTIAL_ENV.alibabaCloud).join(" / "),
  ],
  plan: accessKeyPair,
  owns: (plan): plan is StaticKey | EnvironmentPairPlan =>
    plan.kind === "static" || (plan.kind === "chain" && (plan as EnvironmentPairPlan).step === "env"),
  expand: (plan, env) => {
    if (plan.kind === "static") return { base: { ...plan }, roles: [] };
    const names = CREDENTIAL_ENV.alibabaCloud;
    return {
      base: {
        kind: "static",
        accessKeyId: env[names.accessKeyId]!,
        accessKeySecret: env[names.accessKeySecret]!,
        securityToken: env[names.securityToken] || undefined,
        source: plan.source,
      },
      roles: [],
    };
  },
});
