// STS (2015-04-01): AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity. A role belongs to an
// account and trusts a list of accounts (and, optionally, needs an external ID); the temporary
// key it issues acts as the role's account, with the role's denied actions, until it expires.
import { randomBytes } from "node:crypto";
import type { Account, AccessKey, AccountStore, Role } from "./accounts";
import { UNCONFIRMED, type ErrorCode } from "./errorCatalog";

/** The API version of STS. */
export const STS_VERSION = "2015-04-01";

/** What an STS action answers: a JSON body, or an error code with a detail. */
export type StsResult =
  | { ok: true; body: Record<string, unknown>; issued?: AccessKey }
  | { ok: false; code: ErrorCode; detail?: string };

/** The facts an STS action runs with. */
export interface StsContext {
  /** Every account (a role may belong to any). */
  accounts: AccountStore;
  /** The caller, for signed actions. */
  caller?: { account: Account; key: AccessKey };
  /** Request parameters. */
  params: Record<string, string>;
  /** Request ID of this reply. */
  requestId: string;
  /** Server time, epoch milliseconds. */
  now: number;
  /**
   * When set, an issued key expires after this many milliseconds, whatever `DurationSeconds` asked
   * (to test renewal without waiting an hour); its `Expiration` says so.
   */
  stsSessionMs?: number;
}

/** A role by its ARN, or the error its ARN gets. */
function findRole(
  accounts: AccountStore,
  arn: string | undefined,
): { role: Role; account: Account } | StsResult {
  if (!arn) return { ok: false, code: "MissingParameter", detail: "RoleArn." };
  const parts = /^acs:ram::(\d+):role\/(.+)$/i.exec(arn);
  if (!parts) return { ok: false, code: "InvalidParameter.RoleArn" };
  const account = accounts.all().find((a) => a.uid === parts[1]);
  const role = account?.roles.get(parts[2].toLowerCase());
  if (!account || !role) return { ok: false, code: UNCONFIRMED.unknownRole, detail: arn };
  return { role, account };
}

/** Issues a temporary key of a role's account: the answer of AssumeRole and AssumeRoleWithOIDC. */
function issue(ctx: StsContext, found: { role: Role; account: Account }): StsResult {
  const session = ctx.params.RoleSessionName ?? "";
  if (!/^[\w.@-]{2,64}$/.test(session)) return { ok: false, code: "InvalidParameter.RoleSessionName" };
  const raw = ctx.params.DurationSeconds ?? "3600";
  // Digits only: "3600.0" or "1e3" is not a number of seconds.
  if (!/^\d{1,6}$/.test(raw)) return { ok: false, code: UNCONFIRMED.fractionalDuration };
  const duration = Number(raw);
  if (duration < 900 || duration > found.role.maxSessionDurationSeconds) {
    return { ok: false, code: "InvalidParameter.DurationSeconds" };
  }
  const lifetime = ctx.stsSessionMs ?? duration * 1000;
  const key: AccessKey = {
    accessKeyId: `STS.${randomBytes(10).toString("hex").toUpperCase()}`,
    accessKeySecret: randomBytes(15).toString("hex"), // 30 characters, letters and digits, as Alibaba Cloud issues them
    securityToken: `STSTOKEN.${randomBytes(24).toString("base64url")}`,
    expiresAt: ctx.now + lifetime,
    deniedActions: [...found.role.deniedActions],
    assumedRole: { roleArn: found.role.arn, roleName: found.role.name.toLowerCase(), sessionName: session },
  };
  found.account.keys.push(key);
  // To the second, rounded down, as STS writes it: a client never thinks a key lives longer than it does.
  const expiration = new Date(Math.floor(key.expiresAt! / 1000) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  return {
    ok: true,
    issued: key,
    body: {
      RequestId: ctx.requestId,
      AssumedRoleUser: {
        Arn: `acs:ram::${found.account.uid}:assumed-role/${found.role.name.toLowerCase()}/${session}`,
        AssumedRoleId: `3${found.account.uid.slice(1)}:${session}`,
      },
      Credentials: {
        AccessKeyId: key.accessKeyId,
        AccessKeySecret: key.accessKeySecret,
        SecurityToken: key.securityToken,
        Expiration: expiration,
      },
    },
  };
}

/** AssumeRole: a trusted caller (with the right external ID) gets a key of the role's account. */
export function assumeRole(ctx: StsContext): StsResult {
  const found = findRole(ctx.accounts, ctx.params.RoleArn);
  if ("ok" in found) return found;
  const caller = ctx.caller!.account.uid;
  if (!found.role.trustedAccounts.includes(caller)) {
    // Documented (STS troubleshooting, "No permission perform sts:AssumeRole on this Role").
    return {
      ok: false,
      code: "NoPermission",
      detail: `The trust policy of ${found.role.arn} does not let account ${caller} assume it.`,
    };
  }
  if (found.role.externalId !== undefined && ctx.params.ExternalId !== found.role.externalId) {
    return {
      ok: false,
      code: UNCONFIRMED.wrongExternalId,
      detail: `The ExternalId does not match the trust policy of ${found.role.arn}.`,
    };
  }
  return issue(ctx, found);
}

/** AssumeRoleWithOIDC (unsigned): a token of a trusted identity provider gets a key of the role's account. */
export function assumeRoleWithOidc(ctx: StsContext): StsResult {
  const found = findRole(ctx.accounts, ctx.params.RoleArn);
  if ("ok" in found) return found;
  const parts = /^acs:ram::(\d+):oidc-provider\/(.+)$/.exec(ctx.params.OIDCProviderArn ?? "");
  const provider =
    parts && found.account.uid === parts[1] ? found.account.oidcProviders.get(parts[2]) : undefined;
  if (!parts || !provider) {
    // Both documented among STS's error codes.
    return {
      ok: false,
      code: "AuthenticationFail.NoPermission",
      detail: `No such OIDC Provider registered: ${String(ctx.params.OIDCProviderArn)}`,
    };
  }
  if (!provider.tokens.has(ctx.params.OIDCToken ?? ""))
    return { ok: false, code: "AuthenticationFail.OIDCToken.InvalidSignature" };
  if (!found.role.oidcProviders.includes(parts[2])) {
    return {
      ok: false,
      code: UNCONFIRMED.untrustedOidcProvider,
      detail: `The trust policy of ${found.role.arn} does not trust ${provider.arn}.`,
    };
  }
  return issue(ctx, found);
}

/** GetCallerIdentity: the account and identity of the key that signed the request. */
export function getCallerIdentity(ctx: StsContext): StsResult {
  const { account, key } = ctx.caller!;
  const role = key.assumedRole;
  return {
    ok: true,
    body: role
      ? {
          RequestId: ctx.requestId,
          AccountId: account.uid,
          IdentityType: "AssumedRoleUser",
          Arn: `acs:ram::${account.uid}:assumed-role/${role.roleName}/${role.sessionName}`,
          PrincipalId: `3${account.uid.slice(1)}:${role.sessionName}`,
          RoleId: `3${account.uid.slice(1)}`,
        }
      : {
          RequestId: ctx.requestId,
          AccountId: account.uid,
          IdentityType: "RAMUser",
          Arn: `acs:ram::${account.uid}:user/emulator`,
          UserId: `2${account.uid.slice(1)}`,
          PrincipalId: `2${account.uid.slice(1)}`,
        },
  };
}
