// Rules every credential value meets before it is sent, wherever it came from.
import { CredentialsError } from "./credentialsError";

/** Visible ASCII: what an AccessKey ID or security token can be, sent in a header. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Refuses a value that cannot be sent in an HTTP header, naming where it came from. */
export function assertHeaderSafe(value: string | undefined, what: string, source: string): void {
  if (value === undefined || HEADER_SAFE.test(value)) return;
  const at = [...value].findIndex((c) => !HEADER_SAFE.test(c)) + 1;
  throw new CredentialsError(
    `The ${what} from ${source} contains a character that cannot be sent in an HTTP header ` +
      `(a line break, a space or a non-ASCII character, at character ${at}): set it again without it.`,
    { origin: "local" },
  );
}

/** Refuses a pair of which only one half is set: the chain would skip it silently. True when both are set. */
export function assertWhole(
  id: string | undefined,
  secret: string | undefined,
  names: readonly [string, string],
): boolean {
  if (!id && !secret) return false;
  if (!id || !secret) {
    const [missing, present] = id ? [names[1], names[0]] : [names[0], names[1]];
    throw new CredentialsError(`${present} is set but ${missing} is not: set both, or neither.`, {
      origin: "local",
    });
  }
  return true;
}
