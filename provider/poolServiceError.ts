import type { FailureKind } from "./classifyError";

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
  /** Attempts made, the first included. */
  attempts: number;
}

/**
 * A failure of this package: a call to Alibaba Cloud or a setting that cannot be used, with a
 * message that says what happened and what to do. (Not the SDK's own `PoolServiceError`.)
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
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** Whether this kind of failure is retried (it was, until retries ran out). */
  readonly retryable: boolean;

  /** Creates the error from its facts and the full diagnostic text. */
  constructor(facts: PoolServiceErrorFacts, message: string) {
    super(message);
    this.name = "PoolServiceError";
    this.code = facts.code;
    this.operation = facts.operation;
    this.regionId = facts.regionId;
    this.statusCode = facts.statusCode;
    this.requestId = facts.requestId;
    this.kind = facts.kind;
    this.attempts = facts.attempts;
    this.retryable = facts.kind === "throttling" || facts.kind === "transient";
  }
}
