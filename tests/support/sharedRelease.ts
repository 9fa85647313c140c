// `npm test`'s global fixture (loaded by .mocharc.json): in the main mocha process, before the
// worker processes start, it starts the loopback release host and the release's build, and hands
// the host to the workers through RELEASE_ENV. The build runs beside the first suites (none of
// which needs it); a suite that needs the release waits for it (release.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRelease, RELEASE_ENV } from "./release";
import { startReleaseServer, type ReleaseServer } from "./releaseServer";

let host: { server: ReleaseServer; dir: string } | undefined;

/** Starts the host, and the build in the background. */
export async function mochaGlobalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ip-pool-release-"));
  let built: Promise<void> = new Promise(() => undefined);
  const server = await startReleaseServer(dir, () => built);
  built = buildRelease(dir);
  built.catch(() => undefined); // each suite that asks is told, by /_ready
  host = { server, dir };
  process.env[RELEASE_ENV] = JSON.stringify({ dir, base: server.url("ok").replace(/ok\/$/, "") });
}

/** Stops the host and removes the release. */
export async function mochaGlobalTeardown(): Promise<void> {
  if (!host) return;
  await host.server.close();
  rmSync(host.dir, { recursive: true, force: true });
}
