import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, type ConfigMap, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import type { Emulator } from "../../emulator";
import { pulumiEngine, REPO_ROOT } from "./engine";

/** A stack of the real engine with a local file backend, isolated from the user's Pulumi setup. */
export interface TestStack {
  /** The Automation API stack. */
  stack: Stack;
  /** Directory of the file backend (the state files). */
  backendDir: string;
  /** Working directory of the stack (inside the repository, so packages resolve by name). */
  workDir: string;
  /** Environment the engine and the provider process run with. */
  envVars: Record<string, string>;
  /** Removes the temporary directories. */
  dispose(): void;
}

/** How to make a test stack. */
export interface TestStackOptions {
  /** The inline program. */
  program: PulumiFn;
  /** Project name (default `ip-pool-e2e`). */
  projectName?: string;
  /** Stack name (default `e2e`). */
  stackName?: string;
  /** The emulator the provider talks to. */
  emulator: Emulator;
  /** Stack config; keys with `secret: true` are encrypted in the stack file. */
  config?: ConfigMap;
  /** Extra environment for the engine and the provider process. */
  env?: Record<string, string>;
  /** Existing backend directory (to reopen a stack). */
  backendDir?: string;
  /** Existing working directory. */
  workDir?: string;
}

const WORK_ROOT = join(REPO_ROOT, ".e2e-work");

/** Creates (or reopens) a stack against the emulator. */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const { binDir, command } = await pulumiEngine();
  mkdirSync(WORK_ROOT, { recursive: true });
  const backendDir = options.backendDir ?? mkdtempSync(join(tmpdir(), "ip-pool-state-"));
  const workDir = options.workDir ?? mkdtempSync(join(WORK_ROOT, "stack-"));
  const pulumiHome = join(backendDir, ".pulumi-home");
  mkdirSync(pulumiHome, { recursive: true });
  const projectName = options.projectName ?? "ip-pool-e2e";
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PATH: `${binDir}:${process.env.PATH ?? ""}`,
    ...options.emulator.endpointEnv,
    ...options.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "e2e", projectName, program: options.program },
    {
      workDir,
      pulumiHome,
      pulumiCommand: command,
      envVars,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);
  return {
    stack,
    backendDir,
    workDir,
    envVars,
    dispose: () => {
      rmSync(workDir, { recursive: true, force: true });
      if (!options.backendDir) rmSync(backendDir, { recursive: true, force: true });
    },
  };
}

/** Every file under a directory, as text (for "this value appears nowhere" checks). */
export function readAllFiles(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // The plugin cache of the isolated PULUMI_HOME holds no stack data.
      if (name === "plugins") continue;
      out.push(...readAllFiles(path));
    } else {
      out.push({ path, text: readFileSync(path).toString("latin1") });
    }
  }
  return out;
}

/** The dynamic resources in the stack's state, with their outputs. */
export async function dynamicResources(
  stack: Stack,
): Promise<
  Array<{ urn: string; id?: string; outputs: Record<string, unknown>; inputs: Record<string, unknown> }>
> {
  const state = await stack.exportStack();
  const resources = (state.deployment.resources ?? []) as Array<{
    urn: string;
    type: string;
    id?: string;
    outputs?: Record<string, unknown>;
    inputs?: Record<string, unknown>;
  }>;
  return resources
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
    .map((r) => ({ urn: r.urn, id: r.id, outputs: r.outputs ?? {}, inputs: r.inputs ?? {} }));
}
