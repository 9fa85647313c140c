// The RPC signature (version 1.0, HMAC-SHA1) that @alicloud/credentials signs AssumeRole with:
// every parameter of the query and the form body but `Signature`, sorted, percent-encoded, joined,
// and signed as `METHOD&%2F&<encoded pairs>` with the key `<AccessKey secret>&`, base64.
import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 percent-encoding, as the RPC signature uses it. */
export function rpcEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The string an RPC request signs. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${rpcEncode(k)}=${rpcEncode(params[k])}`)
    .join("&");
  return `${method.toUpperCase()}&${rpcEncode("/")}&${rpcEncode(pairs)}`;
}

/** The signature of a string to sign with an AccessKey secret. */
export function rpcSign(secret: string, stringToSign: string): string {
  return createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

/** Whether two signatures are the same, in constant time. */
export function rpcSignaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
