import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "./emulator";

/** Path prefix of the control interface: `POST /__emulator/<method>` with a JSON array of arguments. */
export const ADMIN_PREFIX = "/__emulator/";

/** The control methods reachable over HTTP: the same as the in-process interface. */
export const ADMIN_METHODS = [
  "reset",
  "addAccount",
  "addRole",
  "addOidcProvider",
  "removeAccount",
  "addKey",
  "removeKey",
  "setAccount",
  "setRegion",
  "isEnabled",
  "enabledRegions",
  "addFault",
  "clearFaults",
  "release",
  "faults",
  "configure",
  "log",
  "clearLog",
  "regions",
  "addFolder",
  "addMember",
  "setMember",
  "removeMember",
  "members",
] as const;

/** A control method name. */
export type AdminMethod = (typeof ADMIN_METHODS)[number];

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function reply(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value ?? null);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Serves the control interface; refuses anything not from the loopback interface. */
export async function handleAdminRequest(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) {
    return reply(res, 403, { error: "the control interface answers loopback clients only" });
  }
  const method = (req.url ?? "").slice(ADMIN_PREFIX.length).split("?")[0] as AdminMethod;
  if (!(ADMIN_METHODS as readonly string[]).includes(method)) {
    return reply(res, 404, { error: `unknown control method '${method}'`, methods: ADMIN_METHODS });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let args: unknown[] = [];
  const text = Buffer.concat(chunks).toString("utf8").trim();
  try {
    if (text) args = JSON.parse(text) as unknown[];
    if (!Array.isArray(args)) throw new Error("the body must be a JSON array of arguments");
  } catch (err) {
    return reply(res, 400, { error: String(err) });
  }
  try {
    const fn = emulator[method] as (...a: unknown[]) => unknown;
    reply(res, 200, { result: fn.apply(emulator, args) });
  } catch (err) {
    reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
