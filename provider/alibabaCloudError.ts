import type { FailureKind } from "./classifyError";

/** The facts of a failure, as {@link AlibabaCloudError} carries them. */
export interface AlibabaCloudErrorFacts {
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

/** A failed Alibaba Cloud call, with a message that says what happened and what to do. */
export class AlibabaCloudError extends Error implements AlibabaCloudErrorFacts {
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
  constructor(facts: AlibabaCloudErrorFacts, message: string) {
    super(message);
    this.name = "AlibabaCloudError";
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
