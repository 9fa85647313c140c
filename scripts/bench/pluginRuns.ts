// The bench's runs of the provider plugin, measured on the release's linux-amd64 archive (built
// once per bench by `npm run release`, installed with `pulumi plugin install --file`): an up of 20
// new regions from a YAML program through the `pulumi` CLI (its wall time over the floor of
// `upWallRatio`, its state's bytes per resource, and the plugin process's memory), the plugin's
// cold start, and an up of 1,000 regions (40 accounts × 25) from a program with the generated Node.js
// SDK, over the dynamic floor.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Emulator } from "../../emulator";
import { pulumiEngine } from "../harness/engine";
import { installPlugin, pluginArtifact, sampleRss } from "./pluginArtifact";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { ConfigureRequest, ReadRequest } from "@pulumi/pulumi/proto/provider_pb";
import { stateFile } from "../stateFile";
import * as pulumi from "@pulumi/pulumi";
import { performance } from "node:perf_hooks";
import { createTestStack } from "../harness/stack";

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
  pluginRssMb: number;
}> {
  const artifact = await pluginArtifact();
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
      `name: bench-plugin\nruntime: yaml\nresources:\n` +
        regions
          .map(
            (r) =>
              `  ip-pool-${r}:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolService\n    properties:\n      regionId: ${r}\n    options:\n      version: ${artifact.version}\n`,
          )
          .join(""),
    );
    const pulumi = (...args: string[]) =>
      promisify(execFile)("pulumi", args, { cwd: dir, env, maxBuffer: 64 << 20 });
    await installPlugin(artifact, env, dir);
    await pulumi("stack", "init", "bench");
    emulator.clearLog();
    const rss = sampleRss();
    const started = performance.now();
    await pulumi("up", "--yes", "--skip-preview", "--parallel", "1000");
    const pluginUpMs = performance.now() - started;
    const pluginRssMb = rss.stop();
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
      pluginRssMb,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The release's linux-amd64 executable started as the engine starts it, then configured and asked
 * to read an active region over gRPC, as an import does: from the process's start to the first
 * request the emulator saw. `pluginServeMs` is the part up to its printing its port.
 */
export async function pluginColdStartRun(
  emulator: Emulator,
): Promise<{ pluginColdStartMs: number; pluginServeMs: number; pluginArchiveBytes: number }> {
  const artifact = await pluginArtifact();
  emulator.reset();
  emulator.configure({ latencyMs: 0 });
  const key = emulator.defaultAccount.keys[0];
  emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
  const origin = performance.timeOrigin + performance.now();
  const child = spawn(artifact.executable, [], {
    env: { PATH: "/nonexistent", NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0].trim());
      });
      child.on("exit", (code) => reject(new Error(`the plugin exited (${code}) before serving`)));
      setTimeout(() => reject(new Error("the plugin printed no port within 30 s")), 30_000).unref();
    });
    const served = performance.timeOrigin + performance.now();
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <Req, Res>(
      method: (
        r: Req,
        metadata: grpc.Metadata,
        options: Partial<grpc.CallOptions>,
        cb: (e: grpc.ServiceError | null, v: Res) => void,
      ) => unknown,
      req: Req,
    ) =>
      new Promise<Res>((resolve, reject) =>
        method.call(client, req, new grpc.Metadata(), { deadline: Date.now() + 30_000 }, (e, v) =>
          e ? reject(e) : resolve(v),
        ),
      );
    const configure = new ConfigureRequest();
    configure.setArgs(
      Struct.fromJavaScript({
        accessKey: key.accessKeyId,
        secretKey: key.accessKeySecret,
        vpcEndpoint: emulator.endpoint,
        endpoints: [{ sts: emulator.secureHost }],
      }),
    );
    configure.setAcceptsecrets(true);
    await call(client.configure, configure);
    const read = new ReadRequest();
    read.setId("cn-hangzhou");
    read.setUrn("urn:pulumi:b::p::alicloud-ip-pool-service:index:PublicIpAddressPoolService::x");
    read.setProperties(Struct.fromJavaScript({}));
    await call(client.read, read);
    client.close();
    return {
      pluginColdStartMs: emulator.log()[0].startMs - origin,
      pluginServeMs: served - origin,
      pluginArchiveBytes: artifact.archiveBytes,
    };
  } finally {
    child.kill();
  }
}

/**
 * `pulumi up` of 1,000 regions (40 accounts × 25) through the plugin, each resource with its account's
 * role (one plugin process), from a TypeScript program using the generated Node.js
 * SDK (sdk/nodejs), run as the dynamic floor is (an Automation API program, one component per
 * account): the language host is the floor's, so the ratio is the plugin against the dynamic
 * provider alone. `env` adds to the stack's environment (e.g. PULUMI_SKIP_CHECKPOINTS).
 */
export async function pluginOrgScaleSdkRun(
  emulator: Emulator,
  roles: ReadonlyArray<{ roleArn: string }>,
  regions: readonly string[],
  floorMs: number,
  env: Record<string, string> = {},
): Promise<{
  pluginOrgScaleUpRatio: number;
  pluginSdkOrgScaleUpMs: number;
  pluginSdkStateBytesPerResource: number;
}> {
  const artifact = await pluginArtifact();
  // The generated SDK's source, transpiled by ts-node; typed here, as it is not part of this project's build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by this run
  const sdk = require("../../sdk/nodejs") as {
    PublicIpAddressPoolService: new (
      name: string,
      args: { regionId: string; assumeRole: { roleArn: string } },
      opts: pulumi.CustomResourceOptions,
    ) => pulumi.CustomResource;
  };
  const program = async () => {
    for (const [i, { roleArn }] of roles.entries()) {
      const parent = new pulumi.ComponentResource("bench:index:Account", `account-${i}`);
      for (const regionId of regions)
        new sdk.PublicIpAddressPoolService(
          `account-${i}-${regionId}`,
          { regionId, assumeRole: { roleArn } },
          { parent },
        );
    }
  };
  const stackName = `benchsdk${Date.now()}`;
  const s = await createTestStack({
    program,
    emulator,
    stackName,
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.defaultAccount.keys[0].accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.defaultAccount.keys[0].accessKeySecret,
      ...env,
    },
  });
  try {
    await installPlugin(artifact, {
      ...process.env,
      ...s.envVars,
      PULUMI_HOME: join(s.backendDir, ".pulumi-home"),
    });
    emulator.clearLog();
    const started = performance.now();
    await s.stack.up({ parallel: 1000 });
    const pluginSdkOrgScaleUpMs = performance.now() - started;
    const opens = emulator.log().filter((e) => e.action === "OpenPublicIpAddressPoolService").length;
    if (opens !== roles.length * regions.length)
      throw new Error(`expected ${roles.length * regions.length} Opens, saw ${opens}`);
    const resources = (await s.stack.exportStack()).deployment.resources?.length ?? 1;
    return {
      pluginOrgScaleUpRatio: pluginSdkOrgScaleUpMs / floorMs,
      pluginSdkOrgScaleUpMs,
      pluginSdkStateBytesPerResource: statSync(stateFile(s.backendDir, stackName)).size / resources,
    };
  } finally {
    s.dispose();
  }
}
