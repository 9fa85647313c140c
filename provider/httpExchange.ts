// What the HTTP layer saw of one attempt. The official client turns a reply it cannot parse into a
// bare SyntaxError (or worse), losing the status and the body; to say what answered instead of
// the VPC API, each attempt runs inside `observeExchange`, and Node's `http.client.request.start`
// diagnostics channel hands us every request made in that context, whose reply we watch without
// consuming it.
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";

/** The most of a reply's body kept, in characters: enough to quote and to check a small reply. */
const BODY_KEPT = 16 * 1024;

/** One attempt's reply as it came over the wire. */
export interface HttpExchange {
  /** HTTP status, once a reply arrived. */
  statusCode?: number;
  /** `content-type` of the reply. */
  contentType?: string;
  /** `x-acs-request-id` of the reply. */
  requestId?: string;
  /** The body received, up to {@link BODY_KEPT} characters. */
  body: string;
  /** Whether the whole body arrived (and is all in `body`). */
  complete: boolean;
}

/** The exchange of the attempt running in the current async context (process-wide, like the channel). */
const currentExchange = new AsyncLocalStorage<HttpExchange>();

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function watch(exchange: HttpExchange, res: IncomingMessage): void {
  // The last reply of the attempt is the one that counts (a credential refresh may come first).
  exchange.body = "";
  exchange.complete = false;
  exchange.statusCode = res.statusCode;
  exchange.contentType = header(res, "content-type");
  exchange.requestId = header(res, "x-acs-request-id");
  // Observe the events the client's own reader receives; adding a listener would start the flow early.
  const emit = res.emit;
  res.emit = function (this: IncomingMessage, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "data" && exchange.body.length < BODY_KEPT) {
      exchange.body += String(args[0]).slice(0, BODY_KEPT - exchange.body.length);
    } else if (event === "end") {
      exchange.complete = exchange.body.length < BODY_KEPT;
    }
    return emit.call(this, event, ...args);
  } as IncomingMessage["emit"];
}

subscribe("http.client.request.start", (message) => {
  const exchange = currentExchange.getStore();
  if (!exchange) return;
  (message as { request: ClientRequest }).request.once("response", (res: IncomingMessage) =>
    watch(exchange, res),
  );
});

/** Runs one attempt, recording its reply in `exchange`. */
export function observeExchange<T>(exchange: HttpExchange, attempt: () => Promise<T>): Promise<T> {
  return currentExchange.run(exchange, attempt);
}

/** A fresh record for one attempt. */
export function newExchange(): HttpExchange {
  return { body: "", complete: false };
}
