import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * PIDs of the dynamic-provider processes the engine started for a stack: their command line runs
 * `@pulumi/pulumi/cmd/dynamic-provider` and their working directory is the stack's (Linux /proc).
 */
export function dynamicProviderPids(workDir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmdline.includes("cmd/dynamic-provider")) continue;
      if (readlinkSync(`/proc/${name}/cwd`) !== workDir) continue;
      pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
