import { spawn } from "node:child_process";
import { join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The repository root. */
export const REPO_ROOT = join(__dirname, "..", "..");

/** The engine: the directory to put first on PATH, and the Automation API's handle on the CLI. */
export interface PulumiEngine {
  /** Directory (or `a:b` directories) holding `pulumi` and `pulumi-resource-pulumi-nodejs`. */
  binDir: string;
  /** The CLI, for the Automation API. */
  command: PulumiCommand;
  /** The root of the CLI install (`<root>/bin/pulumi`). */
  root: string;
}

let engine: Promise<PulumiEngine> | undefined;

function runEngineScript(showProgress: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, "scripts", "pulumi-engine.sh"), [], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", showProgress ? "inherit" : "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(stdout.trim().split("\n").pop()!)
        : reject(new Error(`pulumi-engine.sh failed (${code}):\n${stderr}`)),
    );
  });
}

/**
 * The Pulumi CLI and dynamic-provider plugin, from `scripts/pulumi-engine.sh`: `pulumi` on PATH, or
 * the build cached under `~/.cache` (built on first use, which takes minutes).
 */
export function pulumiEngine(options: { showProgress?: boolean } = {}): Promise<PulumiEngine> {
  engine ??= (async () => {
    const binDir = await runEngineScript(options.showProgress ?? false);
    const root = join(binDir.split(":").pop()!, "..");
    const command = await PulumiCommand.get({ root, skipVersionCheck: true });
    return { binDir, command, root };
  })();
  return engine;
}
