// What STS's answer to AssumeRole or AssumeRoleWithOIDC is worth, decided with no I/O: a complete
// session, whose account (`AssumedRoleUser.Arn`) is the one the role's ARN names, renewed when a
// quarter of its length (at most 15 minutes) is left.
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { accountInArn } from "../config/roles";

/** The most a session is renewed before it expires, in milliseconds (as @alicloud/credentials does). */
const RENEW_BEFORE_MS = 15 * 60 * 1000;

/** The part of an AssumeRole or AssumeRoleWithOIDC reply a session is made of. */
export interface StsSessionBody {
  /** The request ID. */
  requestId?: string;
  /** Whose session it is. */
  assumedRoleUser?: { arn?: string };
  /** The session. */
  credentials?: {
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    expiration?: string;
  };
}

/** One issued session. */
export interface IssuedSession {
  /** AccessKey ID. */
  accessKeyId: string;
  /** AccessKey secret. */
  accessKeySecret: string;
  /** STS security token. */
  securityToken: string;
  /** Epoch milliseconds after which the session is no longer accepted. */
  expiresAt: number;
  /** Epoch milliseconds from which it is renewed. */
  renewAt: number;
  /** The account STS reports for it. */
  account: string;
}

/** Why a reply is no session this package accepts: a code, what is wrong, and (for a mismatch) what it means. */
export interface SessionProblem {
  /** `UnexpectedResponse` or `AccountMismatch`. */
  code: string;
  /** What the reply has wrong. */
  what: string;
  /** What it means, when more than the code says. */
  meaning?: string;
}

/**
 * The session a reply gives, for a role of `roleAccount` (and, for a renewal, of the account the
 * first session was in), at time `now`; or why it gives none.
 */
export function sessionFrom(
  body: StsSessionBody | undefined,
  role: { arn: string; account: string },
  now: number,
  renewing?: string,
): { session: IssuedSession; problem?: undefined } | { problem: SessionProblem } {
  const c = body?.credentials;
  const expiresAt = Date.parse(c?.expiration ?? "");
  if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken || Number.isNaN(expiresAt)) {
    return {
      problem: {
        code: LOCAL_CODES.unexpectedResponse,
        what: "it has no complete session (`Credentials` with AccessKeyId, AccessKeySecret, SecurityToken and Expiration)",
      },
    };
  }
  const arn = body?.assumedRoleUser?.arn;
  const account = accountInArn(arn ?? "", "assumed-role");
  if (!account) {
    return {
      problem: {
        code: LOCAL_CODES.unexpectedResponse,
        what: "it does not say whose session it is (`AssumedRoleUser.Arn`)",
      },
    };
  }
  if (account !== role.account) {
    return {
      problem: {
        code: LOCAL_CODES.accountMismatch,
        what: `it reports the session as ${arn}`,
        meaning:
          `role ${role.arn} belongs to account ${role.account}, but STS reports the session as ${arn}, of account ${account}. ` +
          "Nothing was sent with that session, in either account.",
      },
    };
  }
  if (renewing !== undefined && account !== renewing) {
    return {
      problem: {
        code: LOCAL_CODES.unexpectedResponse,
        what: `the renewed session belongs to account ${account}, not ${renewing}`,
      },
    };
  }
  const lifetime = Math.max(0, expiresAt - now);
  return {
    session: {
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: c.securityToken,
      expiresAt,
      renewAt: expiresAt - Math.min(RENEW_BEFORE_MS, lifetime / 4),
      account,
    },
  };
}
