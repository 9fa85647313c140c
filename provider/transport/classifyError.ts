import {
  AUTH_CODES,
  CALL_CODES,
  NETWORK_CODES,
  NOT_DELIVERED_CODES,
  THROTTLING_CODES,
  TRANSIENT_CODES,
} from "./failureCodes";
import { isDroppedConnection, isNoCredentials, isTimeout } from "./errorText";
import type { HttpExchange } from "./httpExchange";

/** The four kinds of failure; only the first two are retried. */
export type FailureKind = "throttling" | "transient" | "auth" | "client";

/**
 * Who a failure came from: the VPC API answered with an error (`service`); the request never got
 * a usable answer (`transport`: no reply, a lost one, or one that is not the API's); or a problem
 * on this machine (`local`: configuration, credentials, a bug).
 */
export type FailureOrigin = "service" | "transport" | "local";

/** A reply that is not the API's, as far as it can be quoted. */
export interface ForeignReply {
  /** Its `content-type`, when it had one. */
  contentType?: string;
  /** The start of its body (unscrubbed: diagnostics scrub what they quote). */
  bodyStart: string;
}

/** A failed call, reduced to the facts that decide retries and diagnostics. */
export interface CallFailure {
  /** How the failure is handled. */
  kind: FailureKind;
  /** Who it came from. */
  origin: FailureOrigin;
  /** Alibaba Cloud error code, a Node.js socket code, or one of {@link CALL_CODES}. */
  code: string;
  /** HTTP status, when a reply arrived. */
  statusCode?: number;
  /** Request ID, when the service answered. */
  requestId?: string;
  /** The service's `Message`, or the local error's message. */
  serviceMessage: string;
  /** The service's troubleshooting link (`Recommend`). */
  recommend?: string;
  /** Server-requested wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  /** True when the failure is a network failure or timeout (no answer from the service). */
  network: boolean;
  /** For a reply that is not the API's JSON: what it was. */
  foreignReply?: ForeignReply;
  /** Whether the request may have been processed although no usable answer came (no reply, a lost one, a 5xx). */
  outcomeUnknown: boolean;
  /** How long the failed attempt took, from its start to its failure, in milliseconds (set by the retries). */
  attemptMs?: number;
  /** The original error. */
  cause: unknown;
}

interface SdkLikeError {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  retryAfter?: unknown;
  message?: unknown;
  data?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "undefined" ? value : undefined;
}

/** Node.js codes of a header value that cannot be sent (a line break or a non-ASCII character). */
const HEADER_VALUE_CODES: ReadonlySet<string> = new Set(["ERR_INVALID_CHAR", "ERR_INVALID_HTTP_TOKEN"]);

/**
 * Classifies anything a VPC client call can throw: the service's errors, socket errors and
 * timeouts, replies that are not the API's (from `exchange`, what the attempt received), and
 * local failures.
 */
export function classifyError(err: unknown, exchange?: HttpExchange): CallFailure {
  const e = (typeof err === "object" && err !== null ? err : { message: String(err) }) as SdkLikeError;
  const data = (typeof e.data === "object" && e.data !== null ? e.data : {}) as Record<string, unknown>;
  const name = text(e.name) ?? "";
  const message = text(e.message) ?? String(err);
  const code = text(e.code) ?? text(data.Code);
  const statusCode = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const base = {
    statusCode,
    requestId: text(e.requestId) ?? text(data.RequestId),
    serviceMessage: text(data.Message) ?? message,
    recommend: text(data.Recommend),
    network: false,
    outcomeUnknown: false,
    cause: err,
  };

  // The VPC API's own error: an error status with a code in the API's JSON body.
  if (statusCode !== undefined && code !== undefined) {
    const service = { ...base, origin: "service" as const, code, outcomeUnknown: statusCode >= 500 };
    if (THROTTLING_CODES.has(code) || code.startsWith("Throttling")) {
      const retryAfterMs = typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : undefined;
      return { ...service, kind: "throttling", retryAfterMs };
    }
    if (TRANSIENT_CODES.has(code) || statusCode >= 500) return { ...service, kind: "transient" };
    if (AUTH_CODES.has(code)) return { ...service, kind: "auth" };
    return { ...service, kind: "client" };
  }

  // No whole reply in time, even when its headers came: a timeout, retried.
  if (isTimeout(name, message)) {
    return {
      ...base,
      origin: "transport",
      kind: "transient",
      code: CALL_CODES.timeout,
      network: true,
      outcomeUnknown: true,
    };
  }

  // A reply arrived, but not one the client could read as the API's: a proxy, a portal, a gateway.
  if (exchange?.statusCode !== undefined) {
    const status = exchange.statusCode;
    return {
      ...base,
      origin: "transport",
      kind: status >= 500 ? "transient" : "client",
      code: CALL_CODES.foreignReply,
      statusCode: status,
      requestId: exchange.requestId,
      serviceMessage: message,
      foreignReply: { contentType: exchange.contentType, bodyStart: exchange.body },
      outcomeUnknown: status >= 500,
    };
  }

  // No reply at all. A connection that was never made (refused, no such host) delivered nothing.
  if ((code && NETWORK_CODES.has(code)) || isDroppedConnection(message)) {
    const networkCode = code && NETWORK_CODES.has(code) ? code : "ECONNRESET";
    return {
      ...base,
      origin: "transport",
      kind: "transient",
      code: networkCode,
      network: true,
      outcomeUnknown: !NOT_DELIVERED_CODES.has(networkCode),
    };
  }

  // Nothing was sent, or the failure is this machine's.
  if (isNoCredentials(message) && !code) {
    return { ...base, origin: "local", kind: "auth", code: CALL_CODES.noCredentials };
  }
  if (code && HEADER_VALUE_CODES.has(code)) {
    return { ...base, origin: "local", kind: "client", code: CALL_CODES.badHeaderValue };
  }
  return {
    ...base,
    origin: "local",
    kind: "client",
    code: CALL_CODES.localError,
    serviceMessage: name && !message.startsWith(name) ? `${name}: ${message}` : message,
  };
}

/** Whether a failure of this kind is retried. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === "throttling" || kind === "transient";
}
