// The "no credentials" diagnostic: every place credentials are looked for, in order, and how to set
// them, in the terms of the face that looked.
import { CHAIN_ENV, SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";
import { diagnosticText } from "../diagnostics/diagnostic";

/** Every place credentials are looked for, in order, for the "no credentials" diagnostic. */
export function credentialPlaces(terms: SettingTerms): string[] {
  const { name, place } = terms;
  return [
    place(SETTINGS.assumeRoleWithOidc.key),
    `${place(SETTINGS.accessKey.key)} / ${name(SETTINGS.secretKey.key)} (/ ${name(SETTINGS.securityToken.key)})`,
    `environment ${SETTINGS.accessKey.env[0]} / ${SETTINGS.secretKey.env[0]} (/ ${SETTINGS.securityToken.env[0]})`,
    `environment ${CHAIN_ENV.accessKeyId} / ${CHAIN_ENV.accessKeySecret} (/ ${CHAIN_ENV.securityToken})`,
    `${place(SETTINGS.ecsRoleName.key)} (${SETTINGS.ecsRoleName.env.join(", ")}): the ECS RAM role (instance metadata)`,
    `${place(SETTINGS.profile.key)} (${SETTINGS.profile.env.join(", ")}) and ${name(SETTINGS.sharedCredentialsFile.key)} (${SETTINGS.sharedCredentialsFile.env.join(", ")})`,
    `${place(SETTINGS.credentialsUri.key)} (${SETTINGS.credentialsUri.env.join(", ")})`,
    `the rest of the default chain of @alicloud/credentials, each step only when its setting is there: OIDC (${CHAIN_ENV.oidc.join(", ")}), ` +
      `the CLI profile (~/.aliyun/config.json), ~/.alibabacloud/credentials (${CHAIN_ENV.credentialsFile})`,
  ];
}

/** The "no credentials" diagnostic: every place looked, and how to set credentials. */
export function noCredentialsMessage(terms: SettingTerms): string {
  return diagnosticText({
    what: [
      "No Alibaba Cloud credentials were found.",
      "Looked in, in order:",
      ...credentialPlaces(terms).map((p) => `  - ${p}`),
    ].join("\n"),
    fix:
      `${terms.set(SETTINGS.accessKey.key, "<AccessKey ID>")} and ` +
      `${terms.set(SETTINGS.secretKey.key, "<AccessKey secret>", { secret: true })}, ` +
      `or export ${CHAIN_ENV.accessKeyId} and ${CHAIN_ENV.accessKeySecret}.`,
  });
}
