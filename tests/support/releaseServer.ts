// A release host on loopback for the engine's plugin download: it serves a folder under
// `/ok/`, and the same files badly under `/corrupt/` (bytes changed), `/truncated/` (half the
// bytes of the length it announces), `/missing/` (404) and `/hang/` (never answers), so that each
// way a download can fail is a pluginDownloadURL of its own. `/_requests` answers the requests seen
// so far and `/_ready` whether the release is built, for test processes other than the server's.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import { basename, join } from "node:path";

/** How the server answers under each first path segment. */
export type ServeMode = "ok" | "corrupt" | "truncated" | "missing" | "hang";

/** A request the server saw. */
export interface ServedRequest {
  mode: string;
  file: string;
  status: number | "no answer";
}

/** The running server. */
export interface ReleaseServer {
  /**
   * `http://127.0.0.1:<port>/<mode>/`, or `/<mode>~<label>/`: a pluginDownloadURL. A label (served as
   * its mode) tells one suite's requests from another's; they are recorded under `<mode>~<label>`.
   */
  url(mode: ServeMode, label?: string): string;
  /** Every request so far (of every test process that shares the host). */
  requests(): Promise<ServedRequest[]>;
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` (read at request time) on 127.0.0.1, on a free port. `/_ready` answers
 * once what `ready` returns settles (asked at each request): 200, or 500 with the reason it failed.
 */
export async function startReleaseServer(
  dir: string,
  ready: () => Promise<unknown> = () => Promise.resolve(),
): Promise<ReleaseServer> {
  const seen: ServedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    if (req.url === "/_requests") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(seen));
      return;
    }
    if (req.url === "/_ready") {
      ready().then(
        () => res.writeHead(200).end("ready\n"),
        (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
      );
      return;
    }
    const [, segment = "", ...rest] = (req.url ?? "/").split("/");
    const mode = segment.split("~")[0];
    const file = basename(decodeURIComponent(rest.join("/")));
    const path = join(dir, file);
    const record = (status: ServedRequest["status"]) => seen.push({ mode: segment, file, status });
    if (mode === "hang") {
      record("no answer");
      return;
    }
    if (mode === "missing" || !file || !existsSync(path)) {
      record(404);
      res.writeHead(404, { "content-type": "text/plain" }).end(`${file} not found\n`);
      return;
    }
    const bytes = readFileSync(path);
    if (mode === "corrupt") {
      // The gzip header survives; the deflate stream does not.
      const bad = Buffer.from(bytes);
      for (let i = 64; i < bad.length; i += 4096) bad[i] ^= 0xff;
      record(200);
      res.writeHead(200, { "content-length": bad.length }).end(bad);
    } else if (mode === "truncated") {
      record(200);
      res.writeHead(200, { "content-length": bytes.length });
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
    } else {
      record(200);
      res.writeHead(200, { "content-length": bytes.length }).end(bytes);
    }
  });
  // The host never keeps the test process alive: one built for a run is shared by its suites.
  server.unref();
  server.on("connection", (socket) => {
    socket.unref();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (mode, label) => `http://127.0.0.1:${port}/${label ? `${mode}~${label}` : mode}/`,
    requests: () => Promise.resolve([...seen]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
