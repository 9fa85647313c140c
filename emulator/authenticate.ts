import type { Account, AccessKey, AccountStore } from "./accounts";
import { UNCONFIRMED, type ErrorCode } from "./errorCatalog";
import { rpcSign, rpcSignaturesEqual, rpcStringToSign } from "./rpcSignature";
import {
  parseAcsDate,
  parseAuthorization,
  REQUIRED_SIGNED_HEADERS,
  sha256Hex,
  sign,
  signaturesEqual,
  stringToSign,
  type SignableRequest,
} from "./signature";

/** How far `x-acs-date` may be from the server's clock, in milliseconds (15 minutes). */
export const CLOCK_SKEW_LIMIT_MS = 15 * 60 * 1000;

/** A request as received, reduced to what authentication reads. */
export interface ReceivedRequest {
  /** HTTP method. */
  method: string;
  /** Raw path. */
  path: string;
  /** Raw query string, without `?`. */
  rawQuery: string;
  /** Headers with lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes. */
  body: Buffer;
}

/** The outcome of authenticating a request. */
export type AuthResult =
  | { ok: true; account: Account; key: AccessKey }
  | { ok: false; code: ErrorCode; detail?: string; accessKeyId?: string };

/** Remembers signature nonces for the clock-skew window so that a replayed request is refused. */
export class NonceStore {
  private seen = new Map<string, number>();

  /** Records a nonce; returns false when it was seen within the window. */
  claim(scope: string, nonce: string, now: number): boolean {
    if (this.seen.size > 10_000) this.prune(now);
    const key = `${scope}\u0000${nonce}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.set(key, now + 2 * CLOCK_SKEW_LIMIT_MS);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.seen.clear();
  }

  private prune(now: number): void {
    for (const [key, expiry] of this.seen) if (expiry <= now) this.seen.delete(key);
  }
}

function header(req: ReceivedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Authenticates a request the way the real gateway does with ACS3-HMAC-SHA256: a well-formed
 * Authorization header, a known and active key, a fresh `x-acs-date`, a matching signature over
 * the canonical request, the STS token of the key, and a nonce not seen before.
 */
export function authenticate(
  req: ReceivedRequest,
  accounts: AccountStore,
  nonces: NonceStore,
  serverNow: number,
): AuthResult {
  const auth = parseAuthorization(header(req, "authorization"));
  if (typeof auth === "string") return { ok: false, code: "IncompleteSignature", detail: auth };
  const { accessKeyId } = auth;
  const fail = (code: ErrorCode, detail?: string): AuthResult => ({ ok: false, code, detail, accessKeyId });

  const signed = new Set(auth.signedHeaders.map((h) => h.toLowerCase()));
  const required: string[] = [...REQUIRED_SIGNED_HEADERS];
  if (header(req, "x-acs-security-token") !== undefined) required.push("x-acs-security-token");
  const unsigned = required.filter((h) => !signed.has(h) || header(req, h) === undefined);
  if (unsigned.length > 0) {
    return fail("IncompleteSignature", `These headers must be sent and signed: ${unsigned.join(", ")}.`);
  }

  const found = accounts.findByKey(accessKeyId);
  if (!found) return fail("InvalidAccessKeyId.NotFound");
  if (found.key.inactive) return fail("InvalidAccessKeyId.Inactive");

  const date = parseAcsDate(header(req, "x-acs-date"));
  if (date === undefined) return fail("InvalidTimeStamp.Format");
  if (Math.abs(serverNow - date) > CLOCK_SKEW_LIMIT_MS) return fail("InvalidTimeStamp.Expired");

  const bodyHash = sha256Hex(req.body);
  if (header(req, "x-acs-content-sha256") !== bodyHash) {
    return fail("SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the request body.");
  }
  const signable: SignableRequest = {
    method: req.method,
    path: req.path,
    rawQuery: req.rawQuery,
    headers: req.headers,
    hashedPayload: bodyHash,
  };
  let toSign: string;
  try {
    toSign = stringToSign(signable, auth.signedHeaders).stringToSign;
  } catch {
    return fail("IncompleteSignature", "The query string is not valid percent-encoding.");
  }
  if (!signaturesEqual(sign(found.key.accessKeySecret, toSign), auth.signature)) {
    return fail("SignatureDoesNotMatch", `server string to sign is:${toSign}`);
  }

  const tokenProblem = checkToken(found.key, header(req, "x-acs-security-token"), serverNow);
  if (tokenProblem) return fail(tokenProblem);

  const nonce = header(req, "x-acs-signature-nonce") ?? "";
  if (!nonces.claim(accessKeyId, nonce, serverNow)) return fail("SignatureNonceUsed");
  return { ok: true, account: found.account, key: found.key };
}

/** An STS key signs only with its own token, which expires; a long-term key takes no token. */
function checkToken(key: AccessKey, token: string | undefined, serverNow: number): ErrorCode | undefined {
  if (key.securityToken !== undefined) {
    if (token === undefined) return "MissingSecurityToken";
    if (token !== key.securityToken) return "InvalidSecurityToken.MismatchWithAccessKey";
    if (key.tokenExpired || (key.expiresAt !== undefined && serverNow >= key.expiresAt)) {
      return "InvalidSecurityToken.Expired";
    }
  } else if (token !== undefined) {
    return UNCONFIRMED.tokenWithLongTermKey;
  }
  return undefined;
}

/**
 * Authenticates a request signed the RPC way (version 1.0, HMAC-SHA1), as @alicloud/credentials
 * signs AssumeRole: the parameters `AccessKeyId`, `Timestamp`, `SignatureMethod`,
 * `SignatureVersion`, `SignatureNonce` and `Signature` (and `SecurityToken` for an STS key).
 */
export function authenticateRpc(
  method: string,
  params: Record<string, string>,
  accounts: AccountStore,
  nonces: NonceStore,
  serverNow: number,
): AuthResult {
  const accessKeyId = params.AccessKeyId;
  const fail = (code: ErrorCode, detail?: string): AuthResult => ({ ok: false, code, detail, accessKeyId });
  if (
    !accessKeyId ||
    !params.Signature ||
    params.SignatureMethod !== "HMAC-SHA1" ||
    params.SignatureVersion !== "1.0"
  ) {
    return fail(
      "IncompleteSignature",
      "AccessKeyId, Signature, SignatureMethod=HMAC-SHA1 and SignatureVersion=1.0 are required.",
    );
  }
  if (!params.SignatureNonce) return fail(UNCONFIRMED.missingNonce);
  if (params.Timestamp === undefined) return fail("MissingTimestamp");
  // ISO 8601 in UTC, to the second, as the RPC signature documents it: 2026-11-30T12:00:00Z.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp)) return fail(UNCONFIRMED.badTimestamp);
  const found = accounts.findByKey(accessKeyId);
  if (!found) return fail("InvalidAccessKeyId.NotFound");
  if (found.key.inactive) return fail("InvalidAccessKeyId.Inactive");
  const date = Date.parse(params.Timestamp);
  if (Number.isNaN(date)) return fail(UNCONFIRMED.badTimestamp);
  if (Math.abs(serverNow - date) > CLOCK_SKEW_LIMIT_MS) return fail("InvalidTimeStamp.Expired");
  const toSign = rpcStringToSign(method, params);
  if (!rpcSignaturesEqual(rpcSign(found.key.accessKeySecret, toSign), params.Signature)) {
    return fail("SignatureDoesNotMatch", `server string to sign is:${toSign}`);
  }
  const tokenProblem = checkToken(found.key, params.SecurityToken, serverNow);
  if (tokenProblem) return fail(tokenProblem);
  if (!nonces.claim(accessKeyId, params.SignatureNonce ?? "", serverNow)) return fail("SignatureNonceUsed");
  return { ok: true, account: found.account, key: found.key };
}
