// A user's project outside the clone, for the release's packages: its own folder, an empty
// PULUMI_HOME, automatic plugin acquisition on, the emulator's keys and endpoints in the
// environment, and a PATH of only the tools named (so no Node.js where a user need not have it).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Emulator } from "../../emulator";
import { runCommand, type CommandRun } from "./commands";
import { pulumiEngine } from "../../scripts/harness/engine";
import { ok, type PulumiCli } from "./pulumiCli";

/** The real path of a command on this machine's PATH. */
export const which = (command: string): string =>
  execFileSync("sh", ["-c", `readlink -f "$(command -v ${command})"`], { encoding: "utf8" }).trim();

/** The commands of /usr/bin and /bin, but those `leaveOut` matches: what Maven's and npm's scripts need. */
export function systemTools(leaveOut: RegExp): Record<string, string> {
  return Object.fromEntries(
    ["/usr/bin", "/bin"]
      .flatMap((dir) => readdirSync(dir).map((f) => [f, join(dir, f)] as const))
      .filter(([f]) => !leaveOut.test(f)),
  );
}

/** This machine's Python 3 interpreter itself (not a version manager's shim script). */
export const python3 = (): string =>
  execFileSync("python3", ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], {
    encoding: "utf8",
  }).trim();

/** A folder holding only links to `tools`: a PATH with nothing else on it. */
export function pathOf(tools: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "path-"));
  for (const [name, target] of Object.entries(tools)) symlinkSync(target, join(dir, name));
  return dir;
}

/** A user's project, its environment and its commands. */
export interface UserProject {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Runs `pulumi <args>` in the project, bounded by `timeoutMs`. */
  pulumi(timeoutMs: number, ...args: string[]): Promise<CommandRun>;
  /** Runs another command in the project with its environment. */
  run(command: string, args: string[], timeoutMs?: number): Promise<CommandRun>;
  /** The types of the resources in the stack's state. */
  stateTypes(): Promise<string[]>;
}

/**
 * Writes `files` (by relative path) into a new folder and inits stack `dev` there, with the CLI suite's backend, the
 * engine's `pulumi` and `pulumi-language-<language>`, and `tools` on PATH.
 */
export async function userProject(
  cli: PulumiCli,
  emulator: Emulator,
  language: string,
  files: Record<string, string>,
  tools: Record<string, string> = {},
): Promise<UserProject> {
  const dir = mkdtempSync(join(tmpdir(), `${language}-user-`));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const { binDir } = await pulumiEngine();
  const key = emulator.defaultAccount.keys[0];
  const home = join(dir, ".pulumi-home");
  const env: NodeJS.ProcessEnv = {
    ...cli.env,
    PULUMI_HOME: home,
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
    PATH: pathOf({
      pulumi: join(binDir, "pulumi"),
      [`pulumi-language-${language}`]: join(binDir, `pulumi-language-${language}`),
      ...tools,
    }),
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ...emulator.endpointEnv,
  };
  const run = (command: string, args: string[], timeoutMs = 600_000) =>
    runCommand(command, args, { cwd: dir, env, timeoutMs });
  const pulumi = (timeoutMs: number, ...args: string[]) => run(join(binDir, "pulumi"), args, timeoutMs);
  ok(await pulumi(60_000, "stack", "init", "dev"), "pulumi stack init");
  return {
    dir,
    home,
    env,
    pulumi,
    run,
    stateTypes: async () => {
      const exported = JSON.parse(ok(await pulumi(60_000, "stack", "export"), "pulumi stack export")) as {
        deployment: { resources?: Array<{ type: string }> };
      };
      return (exported.deployment.resources ?? []).map((r) => r.type);
    },
  };
}

/** Makes the project's virtual environment (`venv`, as its Pulumi.yaml names it) and installs `wheel` into it, as a user does. */
export async function installWheel(project: UserProject, wheel: string): Promise<void> {
  ok(await project.run(python3(), ["-m", "venv", "venv"]), "python3 -m venv venv");
  ok(
    await project.run(join(project.dir, "venv", "bin", "pip"), ["install", "--quiet", wheel], 900_000),
    "pip install <wheel>",
  );
}
