// A loopback server that stands between the client and the emulator and, on command, answers the
// way things that are not the API do: HTML, invalid JSON, empty bodies, `{}` or `null`, bodies
// that trickle, silence, or a well-formed reply that lies. Requests no rule matches pass through to
// the emulator unchanged (the signature covers the Host header, which is forwarded as received, so
// the emulator accepts them). Over TLS, with the emulator's test certificate, it is a hostile STS.
import { readFileSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** What the endpoint answers to a matching request. */
export type HostileReply =
  /** An HTML page, as a proxy or captive portal sends (default status 502). */
  | { kind: "html"; status?: number }
  /** A body of any text and content type. */
  | { kind: "text"; status: number; body: string; contentType?: string }
  /** A JSON value, e.g. `{}` or `null` (default status 200). */
  | { kind: "json"; body: unknown; status?: number; requestId?: string }
  /** No body at all (default status 200). */
  | { kind: "empty"; status?: number }
  /** Headers at once, then the body after `delayMs`. */
  | { kind: "slowBody"; body: string; delayMs: number; status?: number }
  /** Reads the request and never answers. */
  | { kind: "silence" };

/** A reply that went through to the emulator and back, as the endpoint saw it. */
export interface PassedReply {
  /** `x-acs-action` (or the `Action` parameter). */
  action?: string;
  /** The request's parameters (query and form body). */
  params: Record<string, string>;
  /** HTTP status of the reply. */
  status: number;
  /** The reply's body, parsed when it is JSON. */
  body: unknown;
}

/** Which requests a rule answers, and how. */
export interface HostileRule {
  /** Only this action (`x-acs-action`, or the `Action` parameter). */
  action?: string;
  /** Only this `RegionId`. */
  regionId?: string;
  /** Only requests with these parameters (query or form body), e.g. `{ RoleArn }`. */
  params?: Record<string, string>;
  /** The rule answers the next `count` matching requests, then is removed (default: all). */
  count?: number;
  /** The answer, or a function of the replies passed through so far that makes it. */
  reply: HostileReply | ((passed: readonly PassedReply[]) => HostileReply);
}

/** One request the endpoint saw. */
export interface HostileRequest {
  /** `x-acs-action`. */
  action?: string;
  /** `RegionId` from the query. */
  regionId?: string;
  /** The kind of hostile reply, or `pass` when it went to the emulator. */
  answered: HostileReply["kind"] | "pass";
}

/** The request's parameters: its query, and its form body. */
function paramsOf(url: URL, body: Buffer, contentType: string | undefined): Record<string, string> {
  const params = Object.fromEntries(url.searchParams);
  if ((contentType ?? "").startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  }
  return params;
}

/** An HTML page of the kind a proxy answers with. */
export const PROXY_PAGE =
  "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" +
  "<p>The proxy could not reach the requested host. If this persists, contact your network team.</p>" +
  "<hr><center>corporate-proxy/1.2 (the upstream server did not answer)</center></body></html>";

/** A running hostile endpoint in front of an emulator. */
export class HostileEndpoint {
  /** Base URL, `http://127.0.0.1:PORT` (`https://` over TLS). */
  readonly endpoint: string;
  /** `127.0.0.1:PORT`, as an SDK's endpoint setting takes it. */
  readonly host: string;
  private rules: HostileRule[] = [];
  private seen: HostileRequest[] = [];
  private passedReplies: PassedReply[] = [];
  private readonly held = new Set<ServerResponse>();

  /** Use {@link startHostileEndpoint}. */
  constructor(
    private readonly server: Server,
    private readonly upstream: URL,
    tls: boolean,
  ) {
    this.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.endpoint = `${tls ? "https" : "http"}://${this.host}`;
  }

  /** Adds a rule after the existing ones. */
  on(rule: HostileRule): void {
    this.rules.push({ ...rule });
  }

  /** Removes every rule and forgets the requests seen. */
  reset(): void {
    this.rules = [];
    this.seen = [];
    this.passedReplies = [];
  }

  /** The replies that went through to the emulator, in order. */
  passed(): PassedReply[] {
    return [...this.passedReplies];
  }

  /** The requests seen, in order. */
  requests(): HostileRequest[] {
    return this.seen.map((r) => ({ ...r }));
  }

  /** Serves one request. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://x");
      const params = paramsOf(url, body, req.headers["content-type"]);
      const header = req.headers["x-acs-action"];
      const action = (Array.isArray(header) ? header[0] : header) ?? params.Action;
      const regionId = params.RegionId;
      const rule = this.rules.find(
        (r) =>
          (r.action === undefined || r.action === action) &&
          (r.regionId === undefined || r.regionId === regionId) &&
          Object.entries(r.params ?? {}).every(([k, v]) => params[k] === v),
      );
      if (rule?.count !== undefined && --rule.count <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      const reply = rule && (typeof rule.reply === "function" ? rule.reply(this.passed()) : rule.reply);
      this.seen.push({ action, regionId, answered: reply ? reply.kind : "pass" });
      if (reply) this.answer(reply, res);
      else this.pass(req, body, res, { action, params });
    });
  }

  private answer(reply: HostileReply, res: ServerResponse): void {
    switch (reply.kind) {
      case "html":
        res.writeHead(reply.status ?? 502, { "content-type": "text/html" });
        return void res.end(PROXY_PAGE);
      case "text":
        res.writeHead(reply.status, { "content-type": reply.contentType ?? "text/plain" });
        return void res.end(reply.body);
      case "json": {
        const headers: Record<string, string> = { "content-type": "application/json;charset=utf-8" };
        if (reply.requestId) headers["x-acs-request-id"] = reply.requestId;
        res.writeHead(reply.status ?? 200, headers);
        return void res.end(JSON.stringify(reply.body));
      }
      case "empty":
        res.writeHead(reply.status ?? 200, { "content-type": "application/json", "content-length": "0" });
        return void res.end();
      case "slowBody":
        res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
        res.flushHeaders();
        this.held.add(res);
        setTimeout(() => {
          this.held.delete(res);
          if (!res.destroyed) res.end(reply.body);
        }, reply.delayMs).unref();
        return;
      case "silence":
        this.held.add(res);
        return;
    }
  }

  private pass(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    request_: { action?: string; params: Record<string, string> },
  ): void {
    const forward = request(
      {
        host: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstream) => {
        const chunks: Buffer[] = [];
        upstream.on("data", (c: Buffer) => chunks.push(c));
        upstream.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: kept as text.
          }
          this.passedReplies.push({ ...request_, status: upstream.statusCode ?? 0, body: parsed });
        });
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    forward.end(body);
  }

  /** Stops the server and drops every held connection. */
  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * Starts a hostile endpoint on 127.0.0.1 in front of the emulator's plain endpoint `upstream`;
 * with `tls`, it listens over TLS with the emulator's test certificate (a hostile STS).
 */
export async function startHostileEndpoint(
  upstream: string,
  options: { tls?: boolean } = {},
): Promise<HostileEndpoint> {
  const tlsDir = join(__dirname, "..", "..", "emulator", "tls");
  const server = options.tls
    ? createTlsServer({
        key: readFileSync(join(tlsDir, "server-key.pem")),
        cert: readFileSync(join(tlsDir, "server.pem")),
      })
    : createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const hostile = new HostileEndpoint(server, new URL(upstream), options.tls === true);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => hostile.handle(req, res));
  return hostile;
}

/**
 * Registers the mocha hooks of a hostile endpoint in front of a suite's emulator: started before
 * the suite, its rules cleared before each test, closed after. Returns an accessor.
 */
export function hostileEndpointFor(
  emulator: () => { endpoint: string },
  options: { tls?: boolean } = {},
): () => HostileEndpoint {
  let hostile: HostileEndpoint | undefined;
  before(async () => (hostile = await startHostileEndpoint(emulator().endpoint, options)));
  after(() => hostile?.close());
  beforeEach(() => hostile!.reset());
  return () => hostile!;
}
