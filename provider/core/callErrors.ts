// The errors a call ends with, built from the facts of its failure: the diagnostic text, scrubbed,
// with the code, the request ID and who failed. No I/O.
import type { CallFailure } from "../transport/classifyError";
import { diagnosis } from "../diagnostics/callDiagnostic";
import { carriedError, diagnosticError } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import type { HttpExchange } from "../transport/httpExchange";
import type { Operation } from "../transport/operations";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import type { RetriesFailed } from "../transport/retry";
import type { FaceContext } from "../diagnostics/faceContext";
import { CredentialsError } from "../credentials/credentialsError";
import { requestIdOf } from "./replies";

/** Where a call went, and what diagnostics say of it. */
export interface CallContext extends Pick<FaceContext, "terms" | "scrubber"> {
  /** The operation. */
  operation: Operation;
  /** The region, when the operation has one. */
  regionId?: string;
  /** Where the credentials came from. */
  credentialSource: string;
  /** The host called. */
  endpointHost?: string;
  /** The role whose session signed it, when one did. */
  assumedRole?: string;
}

/** The error of a call that failed for good, with its diagnostic. */
export function failedCall(
  failure: CallFailure,
  retries: Pick<RetriesFailed, "attempts" | "elapsedMs"> &
    Partial<Pick<RetriesFailed, "stoppedBy" | "budgetLeftMs">>,
  ctx: CallContext,
): PoolServiceError {
  return diagnosticError(
    {
      ...diagnosis(failure, { ...ctx, ...retries }),
      code: failure.code,
      operation: ctx.operation,
      regionId: ctx.regionId,
      statusCode: failure.statusCode,
      requestId: failure.requestId,
      kind: failure.kind,
      origin: failure.origin,
      attempts: retries.attempts,
      cause: failure.cause,
    },
    (text) => ctx.scrubber.scrub(text),
  );
}

/** The error of a reply that is not what the operation returns: nothing is concluded from it. */
export function unexpectedReply(exchange: HttpExchange, what: string, ctx: CallContext): PoolServiceError {
  const failure: CallFailure = {
    kind: "client",
    origin: "transport",
    code: LOCAL_CODES.unexpectedResponse,
    statusCode: exchange.statusCode,
    requestId: requestIdOf(exchange),
    serviceMessage: what,
    network: false,
    outcomeUnknown: false,
    cause: undefined,
  };
  return failedCall(failure, { attempts: 1, elapsedMs: 0 }, ctx);
}

/** The error of credentials that could not be had, as a {@link PoolServiceError} of kind `auth`. */
export function credentialsFailed(
  err: CredentialsError,
  operation: Operation,
  regionId: string | undefined,
  scrub: (text: string) => string,
): PoolServiceError {
  const { code, origin, requestId } = err.facts;
  return carriedError(
    {
      code: code ?? LOCAL_CODES.noCredentials,
      operation,
      regionId,
      requestId,
      kind: "auth",
      origin: origin ?? "local",
      cause: err,
    },
    scrub(err.message),
  );
}
