import type { FailureOrigin } from "../transport/classifyError";

/** What a credential failure knows besides its message. */
export interface CredentialsFailure {
  /** The error code: STS's, when STS refused (e.g. `NoPermission`); `NoCredentials` otherwise. */
  code?: string;
  /** Who failed: STS answering (`service`), no answer (`transport`), or this machine (`local`). */
  origin?: FailureOrigin;
  /** STS's request ID, when it answered. */
  requestId?: string;
  /** The error this one replaces; its text may hold secrets and is never shown. */
  cause?: unknown;
}

/** A credential source or setting that cannot be used; the message names it and the fix. */
export class CredentialsError extends Error {
  /** Creates the error. */
  constructor(
    message: string,
    /** The facts of the failure. */
    readonly facts: CredentialsFailure = {},
  ) {
    super(message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = "CredentialsError";
  }
}
