import type { FailureKind, FailureOrigin } from "./classifyError";
import { LOCAL_CODES } from "./errorCodes";

/** The facts of a failure, as {@link PoolServiceError} carries them. */
export interface PoolServiceErrorFacts {
  /** Alibaba Cloud error code, Node.js socket code, or a local code such as `NoCredentials`. */
  code: string;
  /** The operation that failed. */
  operation: string;
  /** The region, when the operation has one. */
  regionId?: string;
  /** HTTP status, when the service answered. */
  statusCode?: number;
  /** Request ID, when the service answered. */
  requestId?: string;
  /** How the failure was classified. */
  kind: FailureKind;
  /** Who it came from: the service, no usable answer, or this machine. */
  origin: FailureOrigin;
  /** Attempts made, the first included. */
  attempts: number;
  /** The error this one replaces (kept as `cause`; its text may hold secrets and is never shown). */
  cause?: unknown;
}

/**
 * A failure of this package: a call to Alibaba Cloud or a setting that cannot be used, with a
 * message that says what happened and what to do. (Not the SDK's own `AlibabaCloudError`.)
 */
export class PoolServiceError extends Error implements PoolServiceErrorFacts {
  /** Error code. */
  readonly code: string;
  /** The operation that failed. */
  readonly operation: string;
  /** The region, when the operation has one. */
  readonly regionId?: string;
  /** HTTP status, when the service answered. */
  readonly statusCode?: number;
  /** Request ID, when the service answered. */
  readonly requestId?: string;
  /** How the failure was classified. */
  readonly kind: FailureKind;
  /** Who it came from: the service, no usable answer, or this machine. */
  readonly origin: FailureOrigin;
  /** Attempts made, the first included. */
  readonly attempts: number;

  /** Creates the error from its facts and the full diagnostic text. */
  constructor(facts: PoolServiceErrorFacts, message: string) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = "PoolServiceError";
    this.code = facts.code;
    this.operation = facts.operation;
    this.regionId = facts.regionId;
    this.statusCode = facts.statusCode;
    this.requestId = facts.requestId;
    this.kind = facts.kind;
    this.origin = facts.origin;
    this.attempts = facts.attempts;
  }
}

/**
 * An error found on this machine before any request, of what the user gave or recorded (kind
 * `client`, origin `local`, no attempt): nothing was sent.
 */
export function refusedLocally(
  code: string,
  operation: string,
  message: string,
  cause?: unknown,
): PoolServiceError {
  return new PoolServiceError(
    {
      code,
      operation,
      kind: "client",
      origin: "local",
      attempts: 0,
      ...(cause === undefined ? {} : { cause }),
    },
    message,
  );
}

/**
 * An error as it may be shown to the user: a {@link PoolServiceError} with its message scrubbed,
 * or, for anything else (a bug, the environment), a local one that names it, scrubbed too. The
 * original is kept as `cause`.
 */
export function shownError(
  err: unknown,
  scrub: (text: string) => string,
  operation = "the provider",
): PoolServiceError {
  if (err instanceof PoolServiceError) return new PoolServiceError(err, scrub(err.message));
  const e = err instanceof Error ? err : new Error(String(err));
  return new PoolServiceError(
    { code: LOCAL_CODES.localError, operation, kind: "client", origin: "local", attempts: 0, cause: err },
    scrub(
      `${operation} failed on this machine, before any answer from Alibaba Cloud: ${e.name}: ${e.message}\n` +
        "Fix: this is a fault of pulumi-alicloud-ip-pool-service or of its setup: report it to the package's maintainers with this text.",
    ),
  );
}
