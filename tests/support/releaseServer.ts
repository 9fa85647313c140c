// A release host on loopback for the engine's plugin download: it serves a folder under
// `/ok/`, and the same files badly under `/corrupt/` (bytes changed), `/truncated/` (half the
// bytes of the length it announces), `/missing/` (404) and `/hang/` (never answers), and, under
// `/tampered/`, a valid archive with other bytes than the release's (its files packed again with
// one more), so that each way a download can fail is a pluginDownloadURL of its own. `/_requests` answers the requests seen
// so far and `/_ready` whether the release is built, for test processes other than the server's.
import { createServer, type Server } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import { basename, join } from "node:path";

/** How the server answers under each first path segment. */
export type ServeMode = "ok" | "corrupt" | "truncated" | "missing" | "hang" | "tampered";

/**
 * A .tar.gz with one more file than `archive`: a valid archive the engine would install, whose
 * bytes are not the release's. The file is put after the last member, before the tar's end.
 */
function tampered(archive: Buffer): Buffer {
  const tar = gunzipSync(archive);
  const header = Buffer.alloc(512);
  const body = Buffer.alloc(512);
  const text = "not the release's\n";
  body.write(text);
  header.write("tampered.txt", 0);
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${text.length.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  // The end of the last member: walk the headers (each followed by its size in 512-byte blocks).
  let end = 0;
  while (end + 512 <= tar.length && !tar.subarray(end, end + 512).every((b) => b === 0)) {
    const size = parseInt(
      tar
        .subarray(end + 124, end + 136)
        .toString("latin1")
        .replace(/\0.*$/s, "")
        .trim(),
      8,
    );
    end += 512 + Math.ceil(size / 512) * 512;
  }
  return gzipSync(Buffer.concat([tar.subarray(0, end), header, body, Buffer.alloc(1024)]));
}

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
    } else if (mode === "tampered") {
      const other = file.endsWith(".tar.gz") ? tampered(bytes) : bytes;
      record(200);
      res.writeHead(200, { "content-length": other.length }).end(other);
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
