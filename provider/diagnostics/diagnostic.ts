// The one builder of what users are told when something fails: what happened, what it means, what
// to do, and the service's own words, always in that order. Every error of the package is made here.
import { LOCAL_OPERATIONS, type FailedOperation } from "./failedOperations";
import { LOCAL_CODES } from "./errorCodes";
import { PoolServiceError, type PoolServiceErrorFacts } from "./poolServiceError";

/** What a diagnostic says, in the order it says it. */
export interface DiagnosticText {
  /** What happened: the first line (it may go on, as a list, on the lines after it). */
  what: string;
  /** What it means, when what happened does not say it. */
  meaning?: string;
  /** What to do. */
  fix: string;
  /** The service's own words: only an answer of Alibaba Cloud is quoted as its. */
  said?: string;
}

/** A diagnostic: its text, and the facts the error carries (a local refusal unless told otherwise). */
export interface Diagnostic
  extends DiagnosticText, Partial<Omit<PoolServiceErrorFacts, "code" | "operation">> {
  /** The error code: the service's, or one of the local codes. */
  code: string;
  /** What failed. */
  operation: FailedOperation;
}

/** The text of a diagnostic: what happened, then `Meaning:`, `Fix:`, and what Alibaba Cloud said. */
export function diagnosticText({ what, meaning, fix, said }: DiagnosticText): string {
  return [
    what,
    meaning === undefined ? undefined : `Meaning: ${meaning}`,
    `Fix: ${fix}`,
    said === undefined ? undefined : `Alibaba Cloud said: ${said}`,
  ]
    .filter((line): line is string => line !== undefined)
    .join("\n");
}

/**
 * The error of a diagnostic, with {@link diagnosticText} as its message. Unless its facts say
 * otherwise, it is a refusal on this machine: kind `client`, origin `local`, no attempt.
 */
export function diagnosticError(
  diagnostic: Diagnostic,
  scrub: (text: string) => string = (text) => text,
): PoolServiceError {
  const { what, meaning, fix, said, ...facts } = diagnostic;
  return carriedError({ ...facts }, scrub(diagnosticText({ what, meaning, fix, said })));
}

/**
 * The error of a text a lower layer already wrote (a setting's rule, a credential source's
 * refusal, a diagnostic with a note added): a local refusal unless its facts say otherwise.
 */
export function carriedError(
  facts: Partial<PoolServiceErrorFacts> & Pick<PoolServiceErrorFacts, "code" | "operation">,
  message: string,
): PoolServiceError {
  return new PoolServiceError({ kind: "client", origin: "local", attempts: 0, ...facts }, message);
}

/**
 * An error as it may be shown to the user: a {@link PoolServiceError} with its message scrubbed,
 * or, for anything else (a bug, the environment), a local one that names it, scrubbed too. The
 * original is kept as `cause`.
 */
export function shownError(
  err: unknown,
  scrub: (text: string) => string,
  operation: FailedOperation = LOCAL_OPERATIONS.provider,
): PoolServiceError {
  if (err instanceof PoolServiceError) return new PoolServiceError(err, scrub(err.message));
  const e = err instanceof Error ? err : new Error(String(err));
  return diagnosticError(
    {
      code: LOCAL_CODES.localError,
      operation,
      cause: err,
      what: `${operation} failed on this machine, before any answer from Alibaba Cloud: ${e.name}: ${e.message}`,
      fix: "this is a fault of pulumi-alicloud-ip-pool-service or of its setup: report it to the package's maintainers with this text.",
    },
    scrub,
  );
}
