// One release for every suite that installs the packages as a user does: `npm run release` into a
// temporary folder, with the pluginDownloadURL a release ships (GitHub), served by a loopback
// release host that the engine is sent to by a mirror override (`override`), as a user's mirror.
// Built once per test run (about a minute) and shared: under `npm test` the main mocha process
// starts the host and the build (`mochaGlobalSetup` of sharedRelease.ts) and its worker processes
// find both through RELEASE_ENV; a process run alone builds its own.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GITHUB_REPOSITORY } from "../../provider/plugin/registries";
import { runCommand } from "./commands";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { startReleaseServer, type ReleaseServer, type ServedRequest } from "./releaseServer";

/** A built release and the host serving it. */
export interface Release {
  dir: string;
  version: string;
  server: ReleaseServer;
  /** The path of the release's file whose name matches `pattern`. */
  file(pattern: RegExp): string;
  /**
   * The PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES value that sends the engine's download of the plugin
   * from the release's own pluginDownloadURL to the host's `/ok/` folder (labelled `label`).
   */
  override(label?: string): string;
}

/** The variable that hands a shared release to the worker processes: `{"dir":…,"base":…}`. */
export const RELEASE_ENV = "IP_POOL_TEST_RELEASE";

/**
 * Builds the release of this checkout into `dir`, for linux-amd64 and darwin-arm64 (the launcher),
 * with every SDK and the pluginDownloadURL a release ships.
 */
export async function buildRelease(dir: string): Promise<void> {
  const built = await runCommand(
    "npm",
    ["run", "--silent", "release", "--", "--out", dir, "--platforms", "linux-amd64,darwin-arm64"],
    { cwd: REPO_ROOT, env: process.env, timeoutMs: 900_000 },
  );
  if (built.code !== 0)
    throw new Error(`npm run release exited ${built.code}:\n${built.stderr.slice(-4000)}`);
}

/** The release in `dir`, as a suite sees it. */
function releaseIn(dir: string, server: ReleaseServer): Release {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const file = (pattern: RegExp) => {
    const name = readdirSync(dir).find((f) => pattern.test(f));
    if (!name) throw new Error(`the release has no file matching ${pattern}: ${readdirSync(dir).join(", ")}`);
    return join(dir, name);
  };
  // The pattern the docs give a mirror: every download of the organization's releases goes to the host.
  const override = (label?: string) =>
    `^github://api\\.github\\.com/${GITHUB_REPOSITORY.organization}/=${server.url("ok", label)}`;
  return { dir, version, server, file, override };
}

/** The host another process runs at `base` (`http://127.0.0.1:<port>/`), once its release is built. */
async function sharedHost(base: string): Promise<ReleaseServer> {
  const ready = await fetch(`${base}_ready`, { signal: AbortSignal.timeout(900_000) });
  if (!ready.ok) throw new Error(`the shared release was not built: ${await ready.text()}`);
  return {
    url: (mode, label) => `${base}${label ? `${mode}~${label}` : mode}/`,
    requests: async () =>
      (await (
        await fetch(`${base}_requests`, { signal: AbortSignal.timeout(30_000) })
      ).json()) as ServedRequest[],
    close: () => Promise.resolve(),
  };
}

let building: Promise<Release> | undefined;

/** The release of this checkout: the run's shared one, or one built for this process. */
export function release(): Promise<Release> {
  building ??= (async () => {
    const shared = process.env[RELEASE_ENV];
    if (shared) {
      const { dir, base } = JSON.parse(shared) as { dir: string; base: string };
      return releaseIn(dir, await sharedHost(base));
    }
    const dir = mkdtempSync(join(tmpdir(), "ip-pool-release-"));
    const server = await startReleaseServer(dir);
    await buildRelease(dir);
    return releaseIn(dir, server);
  })();
  return building;
}

let unpacked: Promise<string> | undefined;

/**
 * The folder of the release's linux-amd64 plugin executable, unpacked once per process: what a
 * Pulumi.yaml's `packages:` entry can name, as a user's downloaded plugin.
 */
export function releasedPlugin(): Promise<string> {
  unpacked ??= (async () => {
    const archive = (await release()).file(/-linux-amd64\.tar\.gz$/);
    const dir = mkdtempSync(join(tmpdir(), "ip-pool-plugin-"));
    execFileSync("tar", ["-xzf", archive, "-C", dir]);
    return dir;
  })();
  return unpacked;
}
