import { AUTH_CODES, LOCAL_CODES, NETWORK_CODES, THROTTLING_CODES, TRANSIENT_CODES } from "./errorCodes";

/** The four kinds of failure; only the first two are retried. */
export type FailureKind = "throttling" | "transient" | "auth" | "client";

/** A failed call, reduced to the facts that decide retries and diagnostics. */
export interface CallFailure {
  /** How the failure is handled. */
  kind: FailureKind;
  /** Alibaba Cloud error code, a Node.js socket code, or one of {@link LOCAL_CODES}. */
  code: string;
  /** HTTP status, when the service answered. */
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

/** Classifies anything a VPC client call can throw: service errors, socket errors, credential errors. */
export function classifyError(err: unknown): CallFailure {
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
  };

  if (code && (THROTTLING_CODES.has(code) || code.startsWith("Throttling"))) {
    const retryAfterMs = typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : undefined;
    return { ...base, kind: "throttling", code, retryAfterMs };
  }
  if (code && TRANSIENT_CODES.has(code)) return { ...base, kind: "transient", code };
  if (code && AUTH_CODES.has(code)) return { ...base, kind: "auth", code };
  if (statusCode === undefined) {
    if (name.includes("RequestTimeout") || /^(Read|Connect)Timeout/.test(message)) {
      return {
        ...base,
        kind: "transient",
        code: LOCAL_CODES.timeout,
        serviceMessage: message,
        network: true,
      };
    }
    if ((code && NETWORK_CODES.has(code)) || /socket hang up|ECONNRESET/.test(message)) {
      return {
        ...base,
        kind: "transient",
        code: code && NETWORK_CODES.has(code) ? code : "ECONNRESET",
        serviceMessage: message,
        network: true,
      };
    }
    if (/unable to get credentials/i.test(message) && !code) {
      return { ...base, kind: "auth", code: LOCAL_CODES.noCredentials, serviceMessage: message };
    }
  }
  if (statusCode !== undefined && statusCode >= 500)
    return { ...base, kind: "transient", code: code ?? "ServerError" };
  return { ...base, kind: "client", code: code ?? "UnknownError" };
}

/** Whether a failure of this kind is retried. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === "throttling" || kind === "transient";
}
