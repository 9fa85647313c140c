// The "no credentials" diagnostic: every place credentials are looked for, in order, and how to set them.
import { CHAIN_ENV, SETTINGS } from "../config/keys";

/** Every place credentials are looked for, in order, for the "no credentials" diagnostic. */
export const CREDENTIAL_PLACES: readonly string[] = [
  `stack config ${SETTINGS.assumeRoleWithOidc.key}`,
  `stack config ${SETTINGS.accessKey.key} / ${SETTINGS.secretKey.key} (/ ${SETTINGS.securityToken.key})`,
  `environment ${SETTINGS.accessKey.env[0]} / ${SETTINGS.secretKey.env[0]} (/ ${SETTINGS.securityToken.env[0]})`,
  `environment ${CHAIN_ENV.accessKeyId} / ${CHAIN_ENV.accessKeySecret} (/ ${CHAIN_ENV.securityToken})`,
  `stack config ${SETTINGS.ecsRoleName.key} (${SETTINGS.ecsRoleName.env.join(", ")}): the ECS RAM role (instance metadata)`,
  `stack config ${SETTINGS.profile.key} (${SETTINGS.profile.env.join(", ")}) and ${SETTINGS.sharedCredentialsFile.key} (${SETTINGS.sharedCredentialsFile.env.join(", ")})`,
  `stack config ${SETTINGS.credentialsUri.key} (${SETTINGS.credentialsUri.env.join(", ")})`,
  `the rest of the default chain of @alicloud/credentials, each step only when its setting is there: OIDC (${CHAIN_ENV.oidc.join(", ")}), ` +
    `the CLI profile (~/.aliyun/config.json), ~/.alibabacloud/credentials (${CHAIN_ENV.credentialsFile})`,
];

/** The "no credentials" diagnostic: every place looked, and how to set credentials. */
export function noCredentialsMessage(): string {
  return [
    "No Alibaba Cloud credentials were found.",
    "Looked in, in order:",
    ...CREDENTIAL_PLACES.map((p) => `  - ${p}`),
    `Fix: \`pulumi config set ${SETTINGS.accessKey.key} <AccessKey ID>\` and ` +
      `\`pulumi config set --secret ${SETTINGS.secretKey.key} <AccessKey secret>\`, ` +
      `or export ${CHAIN_ENV.accessKeyId} and ${CHAIN_ENV.accessKeySecret}.`,
  ].join("\n");
}
