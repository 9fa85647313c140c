import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The only signature algorithm the emulator accepts. */
export const ALGORITHM = "ACS3-HMAC-SHA256";

/** Headers that every request must sign, besides `x-acs-security-token` when it is sent. */
export const REQUIRED_SIGNED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-content-sha256",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-version",
] as const;

/** The parts of an `Authorization: ACS3-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  /** The AccessKey ID from `Credential=`. */
  accessKeyId: string;
  /** Lower-case header names from `SignedHeaders=`, in the order given. */
  signedHeaders: string[];
  /** Hex signature from `Signature=`. */
  signature: string;
}

/** Parses an Authorization header; returns a reason string when it is not a well-formed ACS3 header. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | string {
  if (!header) return "the Authorization header is missing";
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) return `unsupported signature algorithm '${algorithm}'`;
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return `malformed Authorization field '${part.trim()}'`;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId) return "Credential is missing from the Authorization header";
  if (!signedHeaders) return "SignedHeaders is missing from the Authorization header";
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return "Signature is missing or not 64 hex digits";
  return { accessKeyId, signedHeaders: signedHeaders.split(";"), signature };
}

/** RFC 3986 percent-encoding as the ACS3 specification defines it (`encodeURIComponent` plus `!'()*`). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes one query component; `+` is a literal plus in RFC 3986 queries. */
function decodeComponent(value: string): string {
  return decodeURIComponent(value);
}

/** The canonical query string of a raw query (the part after `?`): decoded, re-encoded, sorted by key. */
export function canonicalQueryString(rawQuery: string): string {
  if (!rawQuery) return "";
  const pairs = rawQuery
    .split("&")
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf("=");
      const key = decodeComponent(eq < 0 ? p : p.slice(0, eq));
      const value = eq < 0 ? "" : decodeComponent(p.slice(eq + 1));
      return [percentEncode(key), percentEncode(value)] as const;
    });
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** Hex SHA-256 of a payload. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What the server needs from a request to compute its signature. */
export interface SignableRequest {
  /** HTTP method in upper case. */
  method: string;
  /** The raw path, e.g. `/`. */
  path: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  /** Request headers with lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Hex SHA-256 of the body. */
  hashedPayload: string;
}

/** Builds the canonical request and string to sign for the given signed headers. */
export function stringToSign(
  req: SignableRequest,
  signedHeaders: readonly string[],
): {
  canonicalRequest: string;
  stringToSign: string;
} {
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const canonicalHeaders = names
    .map((name) => {
      const raw = req.headers[name];
      const value = Array.isArray(raw) ? raw.map((v) => v.trim()).join(",") : (raw ?? "").trim();
      return `${name}:${value}\n`;
    })
    .join("");
  const canonicalRequest = [
    req.method,
    req.path || "/",
    canonicalQueryString(req.rawQuery),
    canonicalHeaders,
    names.join(";"),
    req.hashedPayload,
  ].join("\n");
  return { canonicalRequest, stringToSign: `${ALGORITHM}\n${sha256Hex(canonicalRequest)}` };
}

/** HMAC-SHA256 of a string to sign under an AccessKey secret, hex. */
export function sign(secret: string, toSign: string): string {
  return createHmac("sha256", secret).update(toSign).digest("hex");
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses `x-acs-date` (`YYYY-MM-DDThh:mm:ssZ`, UTC) to epoch milliseconds; undefined when malformed. */
export function parseAcsDate(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
