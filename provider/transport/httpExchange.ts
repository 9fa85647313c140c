// What the HTTP layer saw of one attempt, and the bound on every wait for it. The official client
// turns a reply it cannot parse into a bare SyntaxError (or worse), losing the status and the body;
// to say what answered instead of the API, each attempt runs inside `observeExchange`, and Node's
// `http.client.request.start` diagnostics channel hands us every request made in that context,
// whose reply we watch without consuming it. The same context lets us end every request an attempt
// left open when it settles, so no socket outlives its call and the process can exit.
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

/** The requests of the attempt running in an async context, and the exchange that records its reply. */
interface AttemptContext {
  exchange?: HttpExchange;
  requests: Set<ClientRequest>;
  /** The read timers the HTTP library set for those requests. */
  readTimers: Set<NodeJS.Timeout>;
}

/**
 * The name of the symbol under which the official clients' HTTP library (`httpx`) keeps a request's
 * read timer on its socket. It clears that timer only when its own reader reads the body, which the
 * clients do not use, so every request stays in memory for the whole read timeout (10 s) after its
 * reply: with hundreds of requests a second (an organisation's rollout) that is hundreds of MB. The
 * attempt clears its timers when it settles. A unit test fails if an upgrade of `httpx` renames it.
 */
export const HTTPX_READ_TIMER = "TIMER::READ_TIMER";

/** The read timer `httpx` set on a socket, if any. */
function readTimerOf(socket: object): NodeJS.Timeout | undefined {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === HTTPX_READ_TIMER);
  return symbol === undefined
    ? undefined
    : ((socket as Record<symbol, NodeJS.Timeout | undefined>)[symbol] ?? undefined);
}

/**
 * Keeps the read timer `httpx` sets for `request` once it has a connected socket: `httpx` sets it
 * in its own listener of the request's `socket` event (or of the socket's `connect`), which runs
 * before the request is announced on the channel when the socket is already there, else after this
 * one's.
 */
function keepReadTimer(request: ClientRequest, timers: Set<NodeJS.Timeout>): void {
  const keep = (socket: object) => {
    const timer = readTimerOf(socket);
    if (timer) timers.add(timer);
  };
  const connected = (socket: NodeJS.EventEmitter & { readyState?: string }) => {
    if (socket.readyState === "opening") socket.once("connect", () => queueMicrotask(() => keep(socket)));
    else queueMicrotask(() => keep(socket));
  };
  if (request.socket) connected(request.socket);
  else request.once("socket", connected);
}

/** The context of the attempt running now (process-wide, like the channel). */
const currentAttempt = new AsyncLocalStorage<AttemptContext>();

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function watch(exchange: HttpExchange, res: IncomingMessage): void {
  // The last reply of the attempt is the one that counts.
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
  const context = currentAttempt.getStore();
  if (!context) return;
  const request = (message as { request: ClientRequest }).request;
  context.requests.add(request);
  keepReadTimer(request, context.readTimers);
  const exchange = context.exchange;
  if (exchange) request.once("response", (res: IncomingMessage) => watch(exchange, res));
});

/** Ends every request of a settled attempt whose reply did not arrive whole: its socket would outlive the call. */
function endLeftovers(context: AttemptContext): void {
  for (const request of context.requests) {
    const res = (request as ClientRequest & { res?: IncomingMessage }).res;
    if (!request.destroyed && !res?.complete) request.destroy();
  }
  context.requests.clear();
  for (const timer of context.readTimers) clearTimeout(timer);
  context.readTimers.clear();
}

/** Runs one attempt, recording its reply in `exchange`; requests it leaves unanswered are ended when it settles. */
export async function observeExchange<T>(exchange: HttpExchange, attempt: () => Promise<T>): Promise<T> {
  const context: AttemptContext = { exchange, requests: new Set(), readTimers: new Set() };
  try {
    return await currentAttempt.run(context, attempt);
  } finally {
    endLeftovers(context);
  }
}

/** A fresh record for one attempt. */
export function newExchange(): HttpExchange {
  return { body: "", complete: false };
}

/** The error of a call that had no whole answer before its deadline: named, and classified, as the SDK's own request timeouts are. */
export class RequestTimeout extends Error {
  /** Creates the error for a deadline of `ms` milliseconds. */
  constructor(ms: number, what: string) {
    super(`${what} did not answer within ${(ms / 1000).toFixed(0)}s`);
    this.name = "RequestTimeout";
  }
}

/**
 * Runs a call of a library whose own timeouts cannot be trusted to end its requests: after `ms`
 * milliseconds it fails with {@link RequestTimeout} and every request it made is ended, and the
 * requests it leaves unanswered are ended when it settles. Records its reply in `exchange`.
 */
export function withDeadline<T>(
  ms: number,
  what: string,
  exchange: HttpExchange,
  call: () => Promise<T>,
): Promise<T> {
  const context: AttemptContext = { exchange, requests: new Set(), readTimers: new Set() };
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      endLeftovers(context);
      reject(new RequestTimeout(ms, what));
    }, ms);
    currentAttempt
      .run(context, call)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        endLeftovers(context);
      });
  });
}
