// The bench's runs of the provider plugin: an up of 20 new regions from a YAML program through the
// `pulumi` CLI (its wall time over the floor of `upWallRatio`, and its state's bytes per
// resource), and the plugin's cold start, from its process's start to its first API request.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Emulator } from "../tests/emulator/emulator";
import { pulumiEngine, REPO_ROOT } from "../tests/support/engine";
import { stateFile } from "./stateFile";

/**
 * `pulumi up` of a YAML program declaring one plugin resource per region, with credentials and
 * endpoints from the environment: the emulator's span over the floor, and the state's bytes per
 * resource.
 */
export async function pluginUpRun(
  emulator: Emulator,
  latencyMs: number,
  regions: readonly string[],
): Promise<{
  pluginUpWallRatio: number;
  pluginStateBytesPerResource: number;
  pluginOwnStateBytesPerResource: number;
  hostStackTraceBytesPerResource: number;
  pluginUpMs: number;
}> {
  emulator.reset();
  emulator.configure({ latencyMs });
  const { binDir, missingHost } = await pulumiEngine();
  const noHost = missingHost("yaml");
  if (noHost) throw new Error(`the plugin's figures need a YAML program: ${noHost}`);
  const root = mkdtempSync(join(tmpdir(), "bench-plugin-"));
  try {
    const dir = join(root, "project");
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
    await promisify(execFile)("mkdir", [dir]);
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      `name: bench-plugin\nruntime: yaml\npackages:\n  alicloud-ip-pool-service: ${join(REPO_ROOT, "dist", "plugin")}\nresources:\n` +
        regions
          .map(
            (r) =>
              `  ip-pool-${r}:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolService\n    properties:\n      regionId: ${r}\n`,
          )
          .join(""),
    );
    const pulumi = (...args: string[]) =>
      promisify(execFile)("pulumi", args, { cwd: dir, env, maxBuffer: 64 << 20 });
    await pulumi("stack", "init", "bench");
    emulator.clearLog();
    const started = performance.now();
    await pulumi("up", "--yes", "--skip-preview", "--parallel", "1000");
    const pluginUpMs = performance.now() - started;
    const log = emulator.log();
    const opens = log.filter((e) => e.action === "OpenPublicIpAddressPoolService").length;
    if (opens !== regions.length) throw new Error(`expected ${regions.length} Opens, saw ${opens}`);
    const span = Math.max(...log.map((e) => e.endMs!)) - Math.min(...log.map((e) => e.startMs));
    const file = stateFile(root, "bench");
    const bytes = statSync(file).size;
    type Resource = Record<string, unknown>;
    const { resources } = (
      JSON.parse(readFileSync(file, "utf8")) as { checkpoint: { latest: { resources: Resource[] } } }
    ).checkpoint.latest;
    // The part of the state the language host's stack traces take (the engine records where each
    // YAML resource was declared in the host's own Go code), scaled to the file's formatting.
    const full = JSON.stringify(resources).length;
    const traces =
      full - JSON.stringify(resources.map(({ sourcePosition: _p, stackTrace: _t, ...rest }) => rest)).length;
    const hostStackTraceBytesPerResource = ((traces / full) * bytes) / resources.length;
    return {
      pluginUpWallRatio: span / (regions.length * latencyMs + latencyMs),
      pluginStateBytesPerResource: bytes / resources.length,
      pluginOwnStateBytesPerResource: bytes / resources.length - hostStackTraceBytesPerResource,
      hostStackTraceBytesPerResource,
      pluginUpMs,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * A fresh Node.js process runs what the plugin's entry runs (the SDK, its provider server module,
 * the plugin) and makes its first call, an import's status read: from the process's start to the
 * first request the emulator saw. `sdkLoadMs` is the floor's part this package does not own: the
 * time to load `@pulumi/pulumi` and its provider module in such a process.
 */
export async function pluginColdStartRun(
  emulator: Emulator,
): Promise<{ pluginColdStartMs: number; sdkLoadMs: number }> {
  emulator.reset();
  emulator.configure({ latencyMs: 0 });
  const key = emulator.defaultAccount.keys[0];
  emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
  const script = `
    const { performance } = require("node:perf_hooks");
    require("@pulumi/pulumi");
    require("@pulumi/pulumi/provider");
    const sdkLoaded = performance.now();
    const { PoolServicePlugin } = require("./dist/plugin/pluginProvider");
    const plugin = new PoolServicePlugin("0.0.0", process.env, () => {});
    plugin
      .read("cn-hangzhou", "urn:pulumi:b::p::alicloud-ip-pool-service:index:PublicIpAddressPoolService::x", {})
      .then(() => console.log(JSON.stringify({ origin: performance.timeOrigin, sdkLoadMs: sdkLoaded })),
        (e) => { console.error(e); process.exit(1); });`;
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...emulator.endpointEnv,
        PULUMI_CONFIG: JSON.stringify({ accessKey: key.accessKeyId, secretKey: key.accessKeySecret }),
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (c: Buffer) => (text += c.toString()));
    child.on("close", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`plugin cold start run failed (${code})`)),
    );
  });
  const { origin, sdkLoadMs } = JSON.parse(out) as { origin: number; sdkLoadMs: number };
  return { pluginColdStartMs: emulator.log()[0].startMs - origin, sdkLoadMs };
}
