// How long one HTTP request to Alibaba Cloud may take. Not a setting: no user can change it.

/** Time to wait for an answer to one request, from the connection to the last byte, in milliseconds. */
export const READ_TIMEOUT_MS = 10_000;
/**
 * The client's "connect" timeout, in milliseconds. Its HTTP library passes it to Node.js as the
 * socket's inactivity timeout, which keeps running after the connection is made: a server silent
 * for that long ended the request then, as "ConnectTimeout". So it is the read timeout too.
 * @alias
 */
export const CONNECT_TIMEOUT_MS = READ_TIMEOUT_MS;
