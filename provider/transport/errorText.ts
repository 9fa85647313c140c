// The few facts this package reads from the text of other code's errors, in one place. The
// official clients and Node.js give some failures no code: a timeout, a dropped connection, a
// credential chain that found nothing, and the position of a JSON syntax error. Each rule says
// whose text it reads. Nothing else parses an error's message.

/** A timeout of the official clients (their error's name, or its message "ReadTimeout(…)" / "ConnectTimeout(…)"). */
export function isTimeout(name: string, message: string): boolean {
  return name.includes("RequestTimeout") || /^(Read|Connect)Timeout/.test(message);
}

/** A connection dropped with no code (Node.js's "socket hang up"). */
export function isDroppedConnection(message: string): boolean {
  return /socket hang up|ECONNRESET/.test(message);
}

/** @alicloud/credentials' default chain found nothing ("Unable to get credentials …"). */
export function isNoCredentials(message: string): boolean {
  return /unable to get credentials/i.test(message);
}

/** A timeout of a provider of @alicloud/credentials (its own, or this package's deadline). */
export function isLibraryTimeout(err: unknown): boolean {
  const e = err as { name?: unknown; message?: unknown } | undefined;
  return e?.name === "RequestTimeout" || /timeout/i.test(String(e?.message));
}

/** The character offset of a JSON syntax error, from Node.js's message ("… at position 120"). */
export function jsonErrorOffset(err: unknown): number | undefined {
  const at = /position (\d+)/.exec(String((err as { message?: unknown })?.message));
  return at ? Number(at[1]) : undefined;
}
