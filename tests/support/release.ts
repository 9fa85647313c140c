// One release for every suite that installs the packages as a user does: `npm run release` into a
// temporary folder, served by a loopback release host, with the host's `/ok/` URL as the
// pluginDownloadURL. Built once per test run (about a minute) and shared.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "./commands";
import { REPO_ROOT } from "./engine";
import { startReleaseServer, type ReleaseServer } from "./releaseServer";

/** A built release and the host serving it. */
export interface Release {
  dir: string;
  version: string;
  server: ReleaseServer;
  /** The path of the release's file whose name matches `pattern`. */
  file(pattern: RegExp): string;
}

let building: Promise<Release> | undefined;

/** The release of this checkout, for linux-amd64 and darwin-arm64 (the launcher), with every SDK. */
export function release(): Promise<Release> {
  building ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "ip-pool-release-"));
    const server = await startReleaseServer(dir);
    const built = await runCommand(
      "npm",
      [
        "run",
        "--silent",
        "release",
        "--",
        "--out",
        dir,
        "--plugin-download-url",
        server.url("ok"),
        "--platforms",
        "linux-amd64,darwin-arm64",
      ],
      { cwd: REPO_ROOT, env: process.env, timeoutMs: 900_000 },
    );
    if (built.code !== 0)
      throw new Error(`npm run release exited ${built.code}:\n${built.stderr.slice(-4000)}`);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const file = (pattern: RegExp) => {
      const name = readdirSync(dir).find((f) => pattern.test(f));
      if (!name)
        throw new Error(`the release has no file matching ${pattern}: ${readdirSync(dir).join(", ")}`);
      return join(dir, name);
    };
    return { dir, version, server, file };
  })();
  return building;
}
