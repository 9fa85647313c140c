// What STS's refusals of a role's session mean, naming the role, its account, where it was
// configured and the fix.
import type { CallFailure } from "../transport/classifyError";
import { STS_ERROR_CODES } from "./errorCodes";
import { AUTH_ERROR_CODES } from "../transport/failureCodes";
import { CHAIN_ENV, SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";

/** The role a session was asked for, as diagnostics name it. */
export interface RoleContext {
  /** The role's ARN. */
  arn: string;
  /** The account its ARN names. */
  account: string;
  /** Where the role was configured, e.g. "stack config alicloud:assumeRole". */
  where: string;
  /** Where the credentials that sign AssumeRole come from ("the OIDC token" for AssumeRoleWithOIDC). */
  signer: string;
  /** How a field of the role's setting is named (default `<where>.<field>`). */
  field?: (name: string) => string;
  /** Whether an external ID is configured for the role. */
  externalIdSet?: boolean;
}

/** What a failure means and what to do about it. */
export interface Advice {
  /** What the failure means, in plain words. */
  meaning: string;
  /** What to do about it. */
  fix: string;
}

const RAM_ROLES = "the RAM console (https://ram.console.aliyun.com/roles)";

/** Advice for STS's own refusal of a role's session, or undefined when this package has none. */
export function roleAdvice(f: CallFailure, role: RoleContext): Advice | undefined {
  if (f.origin !== "service") return undefined;
  const { arn, account, where, signer } = role;
  const field = role.field ?? ((name: string) => `${where}.${name}`);
  switch (f.code) {
    case STS_ERROR_CODES.unknownRole:
      return {
        meaning: `account ${account} has no role named by ${arn}.`,
        fix: `check the role ARN at ${where}; the roles of account ${account} are listed in ${RAM_ROLES}.`,
      };
    case STS_ERROR_CODES.noPermission:
      return role.externalIdSet
        ? {
            meaning: `the trust policy of role ${arn} (account ${account}) refused ${signer}: the external ID at ${field("externalId")} is not the one it requires, or it does not trust that identity.`,
            fix: `set ${field("externalId")} to the external ID in the role's trust policy (${RAM_ROLES}), and check that it trusts the account of ${signer}.`,
          }
        : {
            meaning: `the trust policy of role ${arn} (account ${account}) does not let ${signer} assume it, or that identity may not call sts:AssumeRole.`,
            fix:
              `add the account of ${signer} to the trust policy of role ${arn} in ${RAM_ROLES}, and grant that identity ` +
              `AliyunSTSAssumeRoleAccess; if the policy requires an external ID, set ${field("externalId")}.`,
          };
    case AUTH_ERROR_CODES.tokenExpired:
      return {
        meaning: `the STS session that signs AssumeRole of role ${arn} (account ${account}) has expired (${signer}).`,
        fix: `give fresh credentials to ${signer}, or sign with an AccessKey that does not expire, then run again.`,
      };
    case STS_ERROR_CODES.duration:
      return {
        meaning: `role ${arn} (account ${account}) does not allow a session as long as ${field("sessionExpiration")} asks.`,
        fix: `lower ${field("sessionExpiration")} (at least 900 seconds), or raise the role's MaxSessionDuration in ${RAM_ROLES}.`,
      };
    case STS_ERROR_CODES.sessionName:
      return {
        meaning: `STS does not accept the session name of role ${arn} (${field("sessionName")}).`,
        fix: `set ${field("sessionName")} to 2 to 64 letters, digits and . @ - _.`,
      };
    case AUTH_ERROR_CODES.signatureMismatch:
    case AUTH_ERROR_CODES.keyNotFound:
    case AUTH_ERROR_CODES.keyInactive:
      return {
        meaning: `STS refused the credentials that sign AssumeRole of role ${arn} (account ${account}): ${signer} (${f.code}).`,
        fix: `set a valid, active AccessKey pair at ${signer}, then run again.`,
      };
    case STS_ERROR_CODES.oidcNoPermission:
      return {
        meaning: `account ${account} has no OIDC identity provider named at ${field("oidcProviderArn")}, or the trust policy of role ${arn} does not trust it.`,
        fix: `check ${field("oidcProviderArn")}, and that the trust policy of role ${arn} names that provider, in ${RAM_ROLES}.`,
      };
  }
  if (f.code.startsWith(STS_ERROR_CODES.oidcTokenPrefix)) {
    return {
      meaning: `STS refused the OIDC token of ${where} for role ${arn} (account ${account}): it has expired, is for another audience, or was not issued by the identity provider.`,
      fix: `give a fresh token of that identity provider (${field("oidcToken")} or ${field("oidcTokenFile")}, or ${CHAIN_ENV.oidc[2]}), then run again.`,
    };
  }
  return undefined;
}

/** The settings that choose the STS endpoint, as the user of the face sets them. */
export function stsEndpointSettings(terms: SettingTerms): string {
  const env = SETTINGS.endpoints.fields.sts.env.join(" or ");
  return terms.settable(SETTINGS.endpoints.key) ? `${terms.name(SETTINGS.endpoints.key)} sts, ${env}` : env;
}
