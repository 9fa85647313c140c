// The bench's rollout across an organisation: a YAML program with the organisation's component
// over a resource directory of 200 members × 28 regions (20 ms latency, a file backend, the
// release's plugin), up from nothing, then up again with nothing to change; its wall time over the
// API floor, its state, the plugin's memory and the calls it made to find the accounts.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import type { Emulator } from "../../emulator";
import { pulumiEngine } from "../harness/engine";
import { stateFile } from "../stateFile";
import { installPlugin, pluginArtifact, sampleRss } from "./pluginArtifact";
import type { Details } from "./targets";

/** Members of the directory. */
const MEMBERS = 200;
/** Regions each member activates: the emulator's, less the three the program leaves out. */
const REGIONS = 28;
/** Latency of every call (ms). */
const LATENCY_MS = 20;

/** The highest count of calls `accountOf` gives to any one account. */
function mostPerAccount(
  entries: ReturnType<Emulator["log"]>,
  accountOf: (e: (typeof entries)[number]) => unknown,
): number {
  const counts = new Map<unknown, number>();
  for (const e of entries) counts.set(accountOf(e), (counts.get(accountOf(e)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** Up of the organisation from nothing, and again with nothing to change. */
export async function orgRolloutRun(emulator: Emulator): Promise<Details> {
  const artifact = await pluginArtifact();
  emulator.reset();
  emulator.configure({ latencyMs: LATENCY_MS });
  const all = emulator.regions().map((r) => r.regionId);
  const excluded = all.slice(REGIONS);
  for (let i = 0; i < MEMBERS; i++) emulator.addMember({ enabledRegions: i % 10 === 0 ? [all[0]] : [] });
  const { binDir, missingHost } = await pulumiEngine();
  const noHost = missingHost("yaml");
  if (noHost) throw new Error(`the organisation's figures need a YAML program: ${noHost}`);
  const root = mkdtempSync(join(tmpdir(), "bench-org-"));
  try {
    const key = emulator.defaultAccount.keys[0];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${binDir}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: join(root, "home"),
      PULUMI_BACKEND_URL: `file://${root}`,
      PULUMI_CONFIG_PASSPHRASE: "bench",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
      ...emulator.endpointEnv,
    };
    const project = (name: string, resources: string) => {
      const dir = join(root, name);
      mkdirSync(dir);
      writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${resources}`);
      return dir;
    };
    const empty = project("bench-empty", "resources: {}\n");
    const org = project(
      "bench-org",
      "resources:\n  org:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolServiceOrganization\n" +
        `    properties:\n      excludeRegionIds: [${excluded.join(", ")}]\n    options:\n      version: ${artifact.version}\n`,
    );
    const pulumi = (cwd: string, ...args: string[]) =>
      promisify(execFile)("pulumi", args, { cwd, env, maxBuffer: 256 << 20 });
    const timedUp = async (cwd: string) => {
      const started = performance.now();
      await pulumi(cwd, "up", "--yes", "--skip-preview");
      return performance.now() - started;
    };
    await installPlugin(artifact, env, org);
    await pulumi(empty, "stack", "init", "empty");
    const emptyUpMs = await timedUp(empty);
    await pulumi(org, "stack", "init", "bench");
    emulator.clearLog();
    const rss = sampleRss();
    const upMs = await timedUp(org);
    const orgPluginRssMb = rss.stop();
    const log = emulator.log();
    const opens = log.filter((e) => e.action === "OpenPublicIpAddressPoolService").length;
    const expected = MEMBERS * REGIONS - MEMBERS / 10;
    if (opens !== expected) throw new Error(`expected ${expected} Opens, saw ${opens}`);
    const file = stateFile(root, "bench");
    const { resources } = (
      JSON.parse(readFileSync(file, "utf8")) as { checkpoint: { latest: { resources: unknown[] } } }
    ).checkpoint.latest;
    emulator.clearLog();
    const noopUpMs = await timedUp(org);
    const orgNoopUpWrites = emulator.log().filter((e) => e.wrote).length;
    // The engine's default parallelism: 4 × the cores.
    const parallel = 4 * cpus().length;
    const accountSerialCalls = 2 + REGIONS * 3;
    const floorMs = (2 + Math.ceil(MEMBERS / parallel) * accountSerialCalls) * LATENCY_MS;
    return {
      orgRolloutUpWallRatio: (upMs - emptyUpMs) / floorMs,
      orgResourcesPerAccount: resources.length / MEMBERS,
      orgStateBytes: statSync(file).size,
      orgPluginRssMb,
      orgDiscoveryCalls: log.filter((e) => e.action === "ListAccounts").length,
      // An AssumeRole is the management account's call: its member is the one its session's key then acts in.
      orgAssumeRolePerAccount: mostPerAccount(
        log.filter((e) => e.action === "AssumeRole" && e.outcome === "OK"),
        (e) => log.find((u) => u.accessKeyId === e.issuedKeyId)?.accountUid,
      ),
      orgDescribeRegionsPerAccount: mostPerAccount(
        log.filter((e) => e.action === "DescribeRegions"),
        (e) => e.accountUid,
      ),
      orgNoopUpWrites,
      orgRolloutUpMs: upMs,
      orgEmptyUpMs: emptyUpMs,
      orgNoopUpMs: noopUpMs,
      orgFloorMs: floorMs,
      orgParallel: parallel,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
