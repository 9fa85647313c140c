// What every official client (VPC and STS) is made with: how long one HTTP request may take, and
// the user agent. Not settings: no user can change them.

/** Time to wait for an answer to one request, from the connection to the last byte, in milliseconds. */
export const READ_TIMEOUT_MS = 10_000;

/**
 * The options every client's `Config` takes besides its endpoint and credential. The client's
 * "connect" timeout is passed by its HTTP library to Node.js as the socket's inactivity timeout,
 * which keeps running after the connection is made: a server silent for that long ends the
 * request then, as "ConnectTimeout". So it is the read timeout too.
 */
export const CLIENT_OPTIONS = {
  readTimeout: READ_TIMEOUT_MS,
  connectTimeout: READ_TIMEOUT_MS,
  userAgent: "pulumi-alicloud-ip-pool-service",
} as const;
