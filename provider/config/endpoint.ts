import { isIP } from "node:net";

/** Where VPC API calls go instead of the regional endpoint. */
export interface EndpointOverride {
  /** `host[:port]`, as the SDK's `endpoint` setting takes it. */
  host: string;
  /** Transport. */
  protocol: "HTTP" | "HTTPS";
}

/** Whether a host name or address is on the loopback interface. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIP(bare) === 4 && bare.startsWith("127.");
}

/**
 * Parses an endpoint setting: `https://host[:port]`, `http://127.0.0.1:8080`, or a bare
 * `host[:port]` (HTTPS). Returns a reason string when it is not usable; plain HTTP is refused for
 * anything but loopback addresses, so credentials-signed traffic never crosses a network in clear.
 */
export function parseEndpoint(value: string, source: string): EndpointOverride | string {
  const trimmed = value.trim();
  if (trimmed === "")
    return `${source} is empty: unset it, or set a host like "vpc-vpc.cn-hangzhou.aliyuncs.com".`;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return `${source} "${value}" is not a host or URL: use a host like "vpc-vpc.cn-hangzhou.aliyuncs.com" or "http://127.0.0.1:8080".`;
  }
  const scheme = url.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "http" && scheme !== "https") {
    return `${source} "${value}" uses ${scheme}://; use https:// (or http:// for a loopback address).`;
  }
  if (
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    return `${source} "${value}" has a path, query or user part; give only the scheme, host and port.`;
  }
  if (scheme === "http" && !isLoopbackHost(url.hostname)) {
    return (
      `${source} "${value}" uses plain HTTP to a non-loopback host; plain HTTP is allowed only for ` +
      `127.0.0.1, ::1 and localhost. Use https://${url.host}.`
    );
  }
  return { host: url.host, protocol: scheme === "http" ? "HTTP" : "HTTPS" };
}
