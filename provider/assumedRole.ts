// RAM roles a call acts through: the providers of @alicloud/credentials that assume them (AssumeRole
// signed with the previous credentials, or AssumeRoleWithOIDC with a token), and what AssumeRole's
// refusals mean, naming the role, its account and the fix.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import { roleAccount, type AssumeRoleSpec, type OidcRoleSpec, type Sourced } from "./alicloudConfig";
import { CredentialsError } from "./credentialsError";

/** The session name AssumeRole gets when none is configured. */
export const DEFAULT_SESSION_NAME = "pulumi-alicloud-ip-pool-service";

/** A role the stack's credentials assume, with where it was configured. */
export type RoleStep = Sourced<AssumeRoleSpec>;

/** The provider that assumes `role` with the credentials of `previous`. */
export function assumeRoleProvider(previous: CredentialsProvider, role: AssumeRoleSpec, stsHost?: string) {
  const builder = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(previous)
    .withRoleArn(role.roleArn)
    .withRoleSessionName(role.sessionName ?? DEFAULT_SESSION_NAME);
  if (role.policy) builder.withPolicy(role.policy);
  if (role.externalId) builder.withExternalId(role.externalId);
  if (role.sessionExpiration) builder.withDurationSeconds(role.sessionExpiration);
  if (stsHost) builder.withStsEndpoint(stsHost);
  return builder.build();
}

/**
 * The provider that assumes a role with an OIDC token. The library reads the token from a file: a
 * token given as text goes into a file readable by this user only, removed when the process ends.
 */
export function oidcRoleProvider(role: OidcRoleSpec, stsHost?: string) {
  let tokenFile = role.oidcTokenFile;
  if (role.oidcToken) {
    const dir = mkdtempSync(join(tmpdir(), "ip-pool-oidc-"));
    tokenFile = join(dir, "token");
    writeFileSync(tokenFile, role.oidcToken, { mode: 0o600 });
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  const builder = OIDCRoleArnCredentialsProvider.builder()
    .withRoleArn(role.roleArn)
    .withOIDCProviderArn(role.oidcProviderArn)
    .withOIDCTokenFilePath(tokenFile!)
    .withRoleSessionName(role.roleSessionName ?? DEFAULT_SESSION_NAME);
  if (role.policy) builder.withPolicy(role.policy);
  if (role.sessionExpiration) builder.withDurationSeconds(role.sessionExpiration);
  if (stsHost) builder.withStsEndpoint(stsHost);
  return builder.build();
}

/** STS's JSON reply, as the library quotes it in its error text. */
function stsReply(message: string): { Code?: string; Message?: string; RequestId?: string } | undefined {
  const json = /failed(?: with OIDC)?: (\{[\s\S]*\})\s*$/.exec(message)?.[1];
  if (!json) return undefined;
  try {
    return JSON.parse(json) as { Code?: string; Message?: string; RequestId?: string };
  } catch {
    return undefined;
  }
}

const RAM_ROLES = "the RAM console (https://ram.console.aliyun.com/roles)";

/**
 * The diagnostic of a failed AssumeRole of `role` (configured at `where`), signed with the
 * credentials of `signer`. `scrub` filters the text of STS that is quoted.
 */
export function assumeRoleFailure(
  err: unknown,
  role: RoleStep,
  signer: string,
  scrub: (text: string) => string,
): CredentialsError {
  const arn = role.value.roleArn;
  const account = roleAccount(arn) ?? "unknown";
  const where = role.source;
  const message = err instanceof Error ? err.message : String(err);
  const reply = stsReply(message);
  const code =
    reply?.Code ?? (/access key secret is invalid/.test(message) ? "SignatureDoesNotMatch" : undefined);
  let meaning: string;
  let fix: string;
  switch (code) {
    case "EntityNotExist.Role":
      meaning = `account ${account} has no role named by ${arn}.`;
      fix = `check the role ARN at ${where}; the roles of account ${account} are listed in ${RAM_ROLES}.`;
      break;
    case "NoPermission":
      meaning = role.value.externalId
        ? `the trust policy of role ${arn} (account ${account}) refused ${signer}: the external ID at ${where}.externalId is not the one it requires, or it does not trust that identity.`
        : `the trust policy of role ${arn} (account ${account}) does not let ${signer} assume it, or that identity may not call sts:AssumeRole.`;
      fix = role.value.externalId
        ? `set ${where}.externalId to the external ID in the role's trust policy (${RAM_ROLES}), and check that it trusts the account of ${signer}.`
        : `add the account of ${signer} to the trust policy of role ${arn} in ${RAM_ROLES}, and grant that identity AliyunSTSAssumeRoleAccess; if the policy requires an external ID, set ${where}.externalId.`;
      break;
    case "InvalidSecurityToken.Expired":
      meaning = `the STS session that signs AssumeRole of role ${arn} (account ${account}) has expired (${signer}).`;
      fix = `give fresh credentials to ${signer}, or sign with an AccessKey that does not expire, then run again.`;
      break;
    case "InvalidParameter.DurationSeconds":
      meaning = `role ${arn} (account ${account}) does not allow a session as long as ${where}.sessionExpiration asks.`;
      fix = `lower ${where}.sessionExpiration (at least 900 seconds), or raise the role's MaxSessionDuration in ${RAM_ROLES}.`;
      break;
    case "SignatureDoesNotMatch":
    case "InvalidAccessKeyId.NotFound":
    case "InvalidAccessKeyId.Inactive":
      meaning = `STS refused the credentials that sign AssumeRole of role ${arn} (account ${account}): ${signer} (${code}).`;
      fix = `set a valid, active AccessKey pair at ${signer}, then run again.`;
      break;
    case "AuthenticationFail.NoPermission":
      meaning = `account ${account} has no OIDC identity provider named at ${where}.oidcProviderArn, or the trust policy of role ${arn} does not trust it.`;
      fix = `check ${where}.oidcProviderArn, and that the trust policy of role ${arn} names that provider, in ${RAM_ROLES}.`;
      break;
    default:
      if (code?.startsWith("AuthenticationFail.OIDCToken")) {
        meaning = `STS refused the OIDC token of ${where} for role ${arn} (account ${account}): it has expired, is for another audience, or was not issued by the identity provider.`;
        fix = `give a fresh token of that identity provider (${where}.oidcToken or .oidcTokenFile, or ALIBABA_CLOUD_OIDC_TOKEN_FILE), then run again.`;
        break;
      }
      if (reply) {
        meaning = `STS refused AssumeRole of role ${arn} (account ${account}) with an error this package has no advice for.`;
        fix =
          "look the code up in the STS error center (https://api.aliyun.com/document/Sts/2015-04-01/errorCode).";
      } else {
        meaning = `AssumeRole of role ${arn} (account ${account}) got no usable answer from STS: ${scrub(message.slice(0, 200))}.`;
        fix = "check the network, the proxy and the STS endpoint (alicloud:endpoints sts), then run again.";
      }
  }
  const lines = [
    `AssumeRole failed for role ${arn} (account ${account}): ${code ?? "NoUsableAnswer"}${reply?.RequestId ? ` (request ID ${reply.RequestId})` : ""}.`,
    `Meaning: ${meaning}`,
    `Fix: ${fix}`,
  ];
  if (reply?.Message) lines.push(`Alibaba Cloud said: ${scrub(reply.Message)}`);
  return new CredentialsError(lines.join("\n"), {
    code: code ?? "NoUsableAnswer",
    origin: reply ? "service" : "transport",
    requestId: reply?.RequestId,
  });
}
