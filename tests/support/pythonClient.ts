import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";

const run = promisify(execFile);

/** One response seen by the independent Python client. */
export interface PythonResponse {
  /** HTTP status. */
  status: number;
  /** Parsed JSON body. */
  body: Record<string, unknown>;
}

/** Options of one Python client call. */
export interface PythonCall {
  /** Action name. */
  action: string;
  /** Signed and sent parameters. */
  params?: Record<string, string>;
  /** Parameters sent in place of the signed ones. */
  tamper?: Record<string, string>;
  /** Send the same signed request this many times. */
  repeat?: number;
  /** Key to sign with (default: the ready account's). */
  key?: AccessKey;
  /** HTTP method. */
  method?: "POST" | "GET";
  /** Send the parameters as a form body. */
  form?: boolean;
  /** API version header. */
  version?: string;
}

/** Calls the emulator through `tests/support/acs3_client.py`, a signer independent of the Node SDK. */
export async function pythonCall(emulator: Emulator, call: PythonCall): Promise<PythonResponse[]> {
  const key = call.key ?? emulator.defaultAccount.keys[0];
  const args = [
    join(__dirname, "acs3_client.py"),
    "--endpoint",
    emulator.endpoint,
    "--access-key-id",
    key.accessKeyId,
    "--access-key-secret",
    key.accessKeySecret,
    "--action",
    call.action,
    "--method",
    call.method ?? "POST",
    "--repeat",
    String(call.repeat ?? 1),
  ];
  if (key.securityToken) args.push("--security-token", key.securityToken);
  if (call.version) args.push("--version", call.version);
  if (call.form) args.push("--form");
  for (const [k, v] of Object.entries(call.params ?? {})) args.push("--param", `${k}=${v}`);
  for (const [k, v] of Object.entries(call.tamper ?? {})) args.push("--tamper", `${k}=${v}`);
  const { stdout } = await run("python3", args, { timeout: 30_000 });
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as PythonResponse);
}
