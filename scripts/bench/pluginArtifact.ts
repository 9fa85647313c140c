// The plugin as the bench measures it: the release's linux-amd64 archive, built once per bench by
// `npm run release`, its size, and the memory of its processes while a run uses them.
import { execFile, execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PLUGIN_EXECUTABLE } from "../../provider/plugin/registries";
import { REPO_ROOT } from "../harness/engine";

/** The linux-amd64 archive of this checkout, and where it is unpacked. */
export interface PluginArtifact {
  version: string;
  archive: string;
  archiveBytes: number;
  executable: string;
}

let built: PluginArtifact | undefined;

/** Installs the archive into the plugin cache of `env` (its `PULUMI_HOME`), as `pulumi plugin install --file` does. */
export async function installPlugin(
  artifact: PluginArtifact,
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<void> {
  await promisify(execFile)(
    "pulumi",
    [
      "plugin",
      "install",
      "resource",
      "alicloud-ip-pool-service",
      artifact.version,
      "--file",
      artifact.archive,
    ],
    { env, cwd },
  );
}

/** Builds the linux-amd64 archive once (`npm run release -- --no-sdks`), and unpacks it. */
export async function pluginArtifact(): Promise<PluginArtifact> {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), "bench-release-"));
  execFileSync(
    "npm",
    ["run", "--silent", "release", "--", "--no-sdks", "--platforms", "linux-amd64", "--out", out],
    {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const archive = join(
    out,
    readdirSync(out).find((f) => f.endsWith("-linux-amd64.tar.gz"))!,
  );
  const unpacked = join(out, "unpacked");
  execFileSync("mkdir", ["-p", unpacked]);
  execFileSync("tar", ["-xzf", archive, "-C", unpacked]);
  built = {
    version,
    archive,
    archiveBytes: statSync(archive).size,
    executable: join(unpacked, PLUGIN_EXECUTABLE),
  };
  return built;
}

/** The resident memory of every running process of the plugin, in MB, by pid. */
function pluginRss(): Map<number, number> {
  const found = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.split("\0")[0].endsWith(PLUGIN_EXECUTABLE)) continue;
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (kb) found.set(Number(pid), Number(kb) / 1024);
    } catch {
      // The process ended while it was read.
    }
  }
  return found;
}

/**
 * Samples the plugin's processes every 50 ms until `stop`, which returns the highest resident
 * memory one process reached (MB) and how many processes there were.
 */
export function sampleRss(): { stop(): number; processes(): number } {
  const peak = new Map<number, number>();
  const sample = () => {
    for (const [pid, mb] of pluginRss()) peak.set(pid, Math.max(peak.get(pid) ?? 0, mb));
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(0, ...peak.values());
    },
    processes: () => peak.size,
  };
}
