import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
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
  /** Why `pulumi` cannot run a program of a language (`nodejs`, `yaml`, `python`, `go`) in a project directory here, or undefined when it can. */
  missingHost(language: string): string | undefined;
}

/** Whether an executable is in one of the directories, or on PATH. */
export function onPath(name: string, dirs: string): boolean {
  return [...dirs.split(":"), ...(process.env.PATH ?? "").split(delimiter)].some(
    (dir) => dir !== "" && existsSync(join(dir, name)),
  );
}

let engine: Promise<PulumiEngine> | undefined;

function runEngineScript(showProgress: boolean): Promise<{ binDir: string; stderr: string }> {
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
        ? resolve({ binDir: stdout.trim().split("\n").pop()!, stderr })
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
    const { binDir, stderr } = await runEngineScript(options.showProgress ?? false);
    const root = join(binDir.split(":").pop()!, "..");
    const command = await PulumiCommand.get({ root, skipVersionCheck: true });
    const missingHost = (language: string) => {
      const host = `pulumi-language-${language}`;
      if (onPath(host, binDir)) return undefined;
      const warning = new RegExp(`^pulumi-engine: warning: (${host} .*)$`, "m").exec(stderr)?.[1];
      return warning ?? `${host} is not available`;
    };
    return { binDir, command, root, missingHost };
  })();
  return engine;
}
