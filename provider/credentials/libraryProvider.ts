// A provider of @alicloud/credentials made safe to ask, for the sources only it can fetch (instance
// metadata, a credentials URI, CLI sign-ins): its answers' secrets go to the scrubber at once, every
// request ends within a deadline, and a failure names the source and a reason, never the library's
// text (it may quote a reply that holds secrets).
import type { CredentialsProvider } from "@alicloud/credentials";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { NETWORK_CODES } from "../transport/failureCodes";
import { isLibraryTimeout } from "../transport/errorText";
import { newExchange, withDeadline, type HttpExchange } from "../transport/httpExchange";
import { READ_TIMEOUT_MS } from "../transport/clientOptions";
import type { BaseCredential } from "./chain";
import { CredentialsError } from "./credentialsError";

/** The longest a provider of @alicloud/credentials may take to answer, in milliseconds. */
export const LIBRARY_DEADLINE_MS = READ_TIMEOUT_MS + 2_000;

/** A reason a library provider gave no credentials, from what it received; never its text. */
function libraryReason(err: unknown, exchange: HttpExchange): string {
  const e = err as { name?: string; code?: string; message?: string };
  if (isLibraryTimeout(err)) return "it did not answer in time";
  if (exchange.statusCode !== undefined && exchange.statusCode !== 200) {
    return `it answered HTTP ${exchange.statusCode}${exchange.contentType ? ` (${exchange.contentType})` : ""}`;
  }
  if (exchange.statusCode === 200) {
    return "its reply is not credentials (AccessKeyId, AccessKeySecret, SecurityToken and Expiration)";
  }
  if (typeof e?.code === "string" && NETWORK_CODES.has(e.code)) return `it could not be reached (${e.code})`;
  return "it gave no credentials";
}

/**
 * A provider of @alicloud/credentials made safe to ask: each answer's secrets go to the scrubber at
 * once, every request ends within {@link LIBRARY_DEADLINE_MS}, and a failure names the source and
 * a reason, never the library's text (it may quote a reply that holds secrets).
 */
export function guarded(
  inner: CredentialsProvider,
  base: Extract<BaseCredential, { kind: "library" }>,
  learn: (...values: string[]) => void,
) {
  return {
    getProviderName: () => inner.getProviderName(),
    getCredentials: async () => {
      const exchange = newExchange();
      try {
        const credentials = await withDeadline(LIBRARY_DEADLINE_MS, base.what, exchange, () =>
          inner.getCredentials(),
        );
        learn(...[credentials.accessKeySecret, credentials.securityToken].filter(Boolean));
        return credentials;
      } catch (err) {
        throw new CredentialsError(
          `${base.source} could not give credentials: ${libraryReason(err, exchange)} (${base.what}). ` +
            "Check that setting, or set others (see the README's configuration).",
          {
            code: LOCAL_CODES.noCredentials,
            origin: exchange.statusCode === undefined ? "transport" : "service",
            cause: err,
          },
        );
      }
    },
  } satisfies CredentialsProvider;
}
