// A loopback server that stands between the client and the emulator and, on command, answers the
// way things that are not the VPC API do: HTML, invalid JSON, empty bodies, `{}` or `null`, bodies
// that trickle, or silence. Requests no rule matches pass through to the emulator unchanged (the
// signature covers the Host header, which is forwarded as received, so the emulator accepts them).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** Which requests a rule answers, and how. */
export interface HostileRule {
  /** Only this action (`x-acs-action`). */
  action?: string;
  /** Only this `RegionId`. */
  regionId?: string;
  /** The rule answers the next `count` matching requests, then is removed (default: all). */
  count?: number;
  /** The answer. */
  reply: HostileReply;
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

/** An HTML page of the kind a proxy answers with. */
export const PROXY_PAGE =
  "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" +
  "<p>The proxy could not reach the requested host. If this persists, contact your network team.</p>" +
  "<hr><center>corporate-proxy/1.2 (the upstream server did not answer)</center></body></html>";

/** A running hostile endpoint in front of an emulator. */
export class HostileEndpoint {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  private rules: HostileRule[] = [];
  private seen: HostileRequest[] = [];
  private readonly held = new Set<ServerResponse>();

  /** Use {@link startHostileEndpoint}. */
  constructor(
    private readonly server: Server,
    private readonly upstream: URL,
  ) {
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Adds a rule after the existing ones. */
  on(rule: HostileRule): void {
    this.rules.push({ ...rule });
  }

  /** Removes every rule and forgets the requests seen. */
  reset(): void {
    this.rules = [];
    this.seen = [];
  }

  /** The requests seen, in order. */
  requests(): HostileRequest[] {
    return this.seen.map((r) => ({ ...r }));
  }

  /** Serves one request. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://x");
    const header = req.headers["x-acs-action"];
    const action = Array.isArray(header) ? header[0] : header;
    const regionId = url.searchParams.get("RegionId") ?? undefined;
    const rule = this.rules.find(
      (r) =>
        (r.action === undefined || r.action === action) &&
        (r.regionId === undefined || r.regionId === regionId),
    );
    if (rule?.count !== undefined && --rule.count <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    this.seen.push({ action, regionId, answered: rule ? rule.reply.kind : "pass" });
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => (rule ? this.answer(rule.reply, res) : this.pass(req, Buffer.concat(body), res)));
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

  private pass(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const forward = request(
      {
        host: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstream) => {
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

/** Starts a hostile endpoint on 127.0.0.1 in front of the emulator at `upstream`. */
export async function startHostileEndpoint(upstream: string): Promise<HostileEndpoint> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const hostile = new HostileEndpoint(server, new URL(upstream));
  server.on("request", (req: IncomingMessage, res: ServerResponse) => hostile.handle(req, res));
  return hostile;
}

/**
 * Registers the mocha hooks of a hostile endpoint in front of a suite's emulator: started before
 * the suite, its rules cleared before each test, closed after. Returns an accessor.
 */
export function hostileEndpointFor(emulator: () => { endpoint: string }): () => HostileEndpoint {
  let hostile: HostileEndpoint | undefined;
  before(async () => (hostile = await startHostileEndpoint(emulator().endpoint)));
  after(() => hostile?.close());
  beforeEach(() => hostile!.reset());
  return () => hostile!;
}
