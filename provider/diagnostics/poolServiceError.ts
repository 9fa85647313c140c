import type { FailureKind, FailureOrigin } from "../transport/classifyError";
import type { FailedOperation } from "./failedOperations";

/** The facts of a failure, as {@link PoolServiceError} carries them. */
export interface PoolServiceErrorFacts {
  /** Alibaba Cloud error code, Node.js socket code, or a local code such as `NoCredentials`. */
  code: string;
  /** What failed. */
  operation: FailedOperation;
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
  /** What failed. */
  readonly operation: FailedOperation;
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
