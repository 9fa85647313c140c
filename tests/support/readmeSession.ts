// A README's shell blocks, run as a user pastes them into one terminal: block after block, each
// in the directory and with the exported variables the previous one left, with the README's
// placeholders replaced by the values of the run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { runCommand, type CommandRun } from "./commands";
import { REPO_ROOT } from "../../scripts/harness/engine";
import type { Release } from "./release";

/** The text of each ```sh block of a Markdown file, in order. */
export function shellBlocks(markdownPath: string): string[] {
  const text = readFileSync(markdownPath, "utf8");
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** A block with each placeholder replaced; throws when one is not in the block, or one is left over. */
export function filledIn(block: string, values: Readonly<Record<string, string>>): string {
  let out = block;
  for (const [placeholder, value] of Object.entries(values)) {
    if (!out.includes(placeholder)) continue;
    out = out.split(placeholder).join(value);
  }
  const left = /<[A-Za-z][^>\n]*>/.exec(out);
  if (left)
    throw new Error(`the README's block has a placeholder the test does not fill in: ${left[0]}\n${block}`);
  return out;
}

/** The placeholders of the examples' READMEs, filled in with this run's emulator and release; the stack named `stack`. */
export function readmeValues(emulator: Emulator, rel: Release, stack: string): Record<string, string> {
  const key = emulator.defaultAccount.keys[0];
  return {
    "<AccessKey ID>": key.accessKeyId,
    "<AccessKey secret>": key.accessKeySecret,
    "<endpoint>": emulator.endpoint,
    "<secureEndpoint, without https://>": emulator.secureHost,
    "<secureEndpoint>": emulator.secureEndpoint,
    "<caCert>": join(REPO_ROOT, "emulator", "tls", "ca.pem"),
    "pulumi stack init dev": `pulumi stack init ${stack}`,
    "<release>": rel.dir,
    "<release URL>": rel.server.url("ok"),
  };
}

/** The lines of a block, one command each. */
export const commandsOf = (block: string): string[] =>
  block.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));

/** One terminal: where it is, and what it has exported. */
export class ShellSession {
  /** Starts in `cwd` with `env`. */
  constructor(
    private cwd: string,
    private env: NodeJS.ProcessEnv,
  ) {}

  /** Runs a block with `bash -e` where the last one ended, keeping its directory and exports. */
  async run(block: string): Promise<CommandRun> {
    const dir = mkdtempSync(join(tmpdir(), "readme-session-"));
    try {
      const script = `set -e\n${block}\npwd > ${dir}/pwd\nenv -0 > ${dir}/env\n`;
      const run = await runCommand("bash", ["-c", script], {
        cwd: this.cwd,
        env: this.env,
        timeoutMs: 900_000,
      });
      if (run.code === 0) {
        this.cwd = readFileSync(join(dir, "pwd"), "utf8").trim();
        this.env = Object.fromEntries(
          readFileSync(join(dir, "env"), "utf8")
            .split("\0")
            .filter((kv) => kv.includes("="))
            .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
        );
      }
      return run;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The directory the session is in. */
  get directory(): string {
    return this.cwd;
  }
}
