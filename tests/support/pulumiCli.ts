import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { pulumiEngine } from "../../scripts/harness/engine";
import { runCommand, type CommandRun } from "./commands";
import { lock } from "proper-lockfile";
import { ORIGINAL_HOME } from "../../scripts/harness/isolateEnvironment";

/**
 * The `pulumi` and `npm` commands as a user runs them in a project directory, with a local file
 * backend and a `PULUMI_HOME` of their own, and nothing else from the developer's Pulumi setup.
 */
export interface PulumiCli {
  /** The environment every command runs with. */
  env: NodeJS.ProcessEnv;
  /** Where the file backend keeps the stacks' state, history and backups. */
  stateDir: string;
  /** Runs `pulumi <args>` in `cwd`. */
  pulumi(cwd: string, ...args: string[]): Promise<CommandRun>;
  /** Runs `npm <args>` in `cwd`, with the developer's npm cache (so installs work offline when cached). */
  npm(cwd: string, ...args: string[]): Promise<CommandRun>;
  /** Runs `pulumi config set` for each entry, as the README's lines do (with `--secret` or `--path` as the entry says). */
  configSet(cwd: string, entries: readonly StackConfigEntry[]): Promise<void>;
  /** Removes the backend and `PULUMI_HOME`. */
  dispose(): void;
}

/** One `pulumi config set`: key, value, and whether it is set with `--secret` or `--path`. */
export type StackConfigEntry = readonly [key: string, value: string, flag?: "secret" | "path"];

/** The stack config the README sets to run a project against the emulator: its keys and endpoint. */
export function emulatorConfig(emulator: Emulator): StackConfigEntry[] {
  const key = emulator.defaultAccount.keys[0];
  return [
    ["alicloud:accessKey", key.accessKeyId],
    ["alicloud:secretKey", key.accessKeySecret, "secret"],
    ["pulumi-alicloud-ip-pool-service:vpcEndpoint", emulator.endpoint],
    // STS, over TLS (the CLI's environment trusts the emulator's CA): it says which account the key acts in.
    ["alicloud:endpoints[0].sts", emulator.secureHost, "path"],
  ];
}

/** The same, for the provider plugin: every key in its own namespace, `alicloud-ip-pool-service:`. */
export function pluginEmulatorConfig(emulator: Emulator): StackConfigEntry[] {
  return emulatorConfig(emulator).map(([key, value, flag]) => [
    `alicloud-ip-pool-service:${key.slice(key.indexOf(":") + 1)}`,
    value,
    flag,
  ]);
}

/**
 * The CLI environment for a suite that runs `pulumi` in project directories, from its `before`
 * hook. Without the language hosts it needs (Node.js, and those of `languages`) such a suite
 * cannot run: under `CI=true` that fails the hook with the one-line reason; elsewhere the suite is
 * skipped and its title says why.
 */
export async function pulumiCliFor(
  ctx: Mocha.Context,
  extraEnv: Record<string, string> = {},
  languages: readonly string[] = [],
): Promise<PulumiCli> {
  ctx.timeout(45 * 60 * 1000);
  const engine = await pulumiEngine();
  const noLanguageHost = ["nodejs", ...languages].map((l) => engine.missingHost(l)).find((m) => m);
  if (noLanguageHost) {
    if (process.env.CI === "true") throw new Error(noLanguageHost);
    const suite = ctx.test?.parent;
    if (suite) suite.title += ` (not run: ${noLanguageHost})`;
    ctx.skip();
  }
  return pulumiCli(extraEnv);
}

/** Makes the CLI environment: the engine from `scripts/pulumi-engine.sh` first on PATH. */
export async function pulumiCli(extraEnv: Record<string, string> = {}): Promise<PulumiCli> {
  const { binDir } = await pulumiEngine();
  const root = mkdtempSync(join(tmpdir(), "ip-pool-cli-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH ?? ""}`,
    PULUMI_HOME: join(root, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${root}`,
    PULUMI_CONFIG_PASSPHRASE: "cli-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The tests' HOME is empty; npm keeps using the developer's cache so that installs are fast.
    npm_config_cache: process.env.npm_config_cache ?? join(ORIGINAL_HOME, ".npm"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extraEnv,
  };
  const pulumi = (cwd: string, ...args: string[]) => runCommand("pulumi", args, { cwd, env });
  return {
    env,
    stateDir: join(root, ".pulumi"),
    pulumi,
    npm: (cwd, ...args) =>
      args[0] === "install"
        ? // Scripts off: an example's install would run the linked package's `prepare`, which
          // rebuilds the clone's dist/ (built before the tests) under the suites running beside.
          oneInstallAtATime(cwd, () =>
            runCommand("npm", args, {
              cwd,
              env: { ...env, npm_config_ignore_scripts: "true" },
              timeoutMs: 600_000,
            }),
          )
        : runCommand("npm", args, { cwd, env, timeoutMs: 600_000 }),
    configSet: async (cwd, entries) => {
      for (const [key, value, flag] of entries) {
        const args = ["config", "set", ...(flag ? [`--${flag}`] : []), "--", key, value];
        ok(await pulumi(cwd, ...args), `pulumi config set ${key}`);
      }
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Throws with the command's output when it did not exit 0; returns its stdout. */
export function ok(run: CommandRun, what: string): string {
  if (run.code !== 0) {
    throw new Error(`${what} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
  return run.stdout;
}

/**
 * Runs `install` holding a lock on the folder `cwd`, shared by every test process of the machine:
 * suites that run side by side install into the same example folder of the clone one at a time
 * (the second finds it up to date). Waits at most 10 minutes for the lock.
 */
async function oneInstallAtATime<T>(cwd: string, install: () => Promise<T>): Promise<T> {
  const name = createHash("sha256").update(cwd).digest("hex").slice(0, 16);
  const release = await lock(cwd, {
    realpath: false,
    lockfilePath: join(tmpdir(), `ip-pool-tests-npm-install-${name}.lock`),
    retries: { retries: 600, minTimeout: 1_000, maxTimeout: 1_000 },
  });
  try {
    return await install();
  } finally {
    await release();
  }
}
