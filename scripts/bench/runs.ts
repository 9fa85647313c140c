// The runs of `npm run bench`: each measures one shape of work against the local emulator, through
// the real Pulumi engine where the figure is about `pulumi`, and returns its figures and the
// details that explain them.
import { execFile, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { DEFAULT_REGIONS, type Emulator } from "../../emulator";
import { REPO_ROOT } from "../harness/engine";
import { regionsProgram } from "../harness/programs";
import { createProvider } from "../../provider/dynamic/resourceProvider";
import { ORG_CONCURRENCY } from "../../provider/core/organizationReading";
import { createTestStack, dynamicResources } from "../harness/stack";
import { rolloutProgram, trivialProgram } from "./programs";
import { pluginOrgScaleSdkRun } from "./pluginRuns";
import { stateFile } from "../stateFile";
import { stackConfigFor, credentialConfig } from "../harness/stackConfig";
import { median } from "./report";
import type { Details } from "./targets";

/** The first 20 regions of the emulator. */
export const TWENTY = DEFAULT_REGIONS.slice(0, 20).map((r) => r.regionId);
const TEN = DEFAULT_REGIONS.slice(0, 10).map((r) => r.regionId);
const TWENTY_FIVE = DEFAULT_REGIONS.slice(0, 25).map((r) => r.regionId);
const FIVE = DEFAULT_REGIONS.slice(0, 5).map((r) => r.regionId);
/** The VPC API's actions: the calls the call-count figures count (STS calls are counted apart). */
const VPC_ACTIONS = new Set([
  "OpenPublicIpAddressPoolService",
  "GetPublicIpAddressPoolServiceStatus",
  "DescribeRegions",
]);
const UNBOUNDED = 2_147_483_647;
/** The regions the bench's emulator serves: its 29, and one more. */
export const THIRTY_REGIONS = [
  ...DEFAULT_REGIONS,
  { regionId: "xx-bench-1", nameEn: "Bench", nameZh: "Bench" },
];

/** Writes a progress line to stderr. */
export function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function span(emulator: Emulator): number {
  const log = emulator.log();
  return Math.max(...log.map((e) => e.endMs ?? e.startMs)) - Math.min(...log.map((e) => e.startMs));
}

function vpcCalls(emulator: Emulator): number {
  return emulator.log().filter((e) => e.action !== undefined && VPC_ACTIONS.has(e.action)).length;
}

/** Member accounts, each with a role the ready account may assume. */
function memberAccounts(emulator: Emulator, count: number): Array<{ roleArn: string }> {
  return Array.from({ length: count }, () => ({
    roleArn: emulator.addRole(emulator.addAccount().uid, {
      name: "ip-pool-admin",
      trustedAccounts: [emulator.defaultAccount.uid],
    }),
  }));
}

/** The size of the stack's state file in the backend, in bytes. */
function stateFileBytes(backendDir: string, stackName: string): number {
  return statSync(stateFile(backendDir, stackName)).size;
}

/** Up of 10 accounts × 10 new regions, each account through its role. */
export async function multiAccountRun(emulator: Emulator, latencyMs: number) {
  emulator.reset();
  emulator.configure({ latencyMs });
  const accounts = memberAccounts(emulator, 10);
  const s = await createTestStack({
    program: rolloutProgram(accounts, TEN),
    emulator,
    config: credentialConfig(emulator.defaultAccount.keys[0]),
  });
  try {
    await s.stack.up({ parallel: UNBOUNDED });
    const opens = emulator.log().filter((e) => e.action === "OpenPublicIpAddressPoolService");
    if (opens.length !== accounts.length * TEN.length)
      throw new Error(`expected 100 Opens, saw ${opens.length}`);
    const spans = new Map<string, { start: number; end: number }>();
    for (const e of emulator.log()) {
      if (e.action === undefined || !VPC_ACTIONS.has(e.action) || e.accountUid === undefined) continue;
      const seen = spans.get(e.accountUid) ?? { start: e.startMs, end: e.startMs };
      spans.set(e.accountUid, {
        start: Math.min(seen.start, e.startMs),
        end: Math.max(seen.end, e.endMs ?? e.startMs),
      });
    }
    const slowest = Math.max(...[...spans.values()].map(({ start, end }) => end - start));
    const starts = [...spans.values()].map(({ start }) => start);
    return {
      handOverSpreadMs: Math.max(...starts) - Math.min(...starts),
      multiAccountUpWallRatio: span(emulator) / ((TEN.length + 2) * latencyMs),
      multiAccountSlowestAccountRatio: slowest / ((TEN.length + 1) * latencyMs),
      stsCallsPerAccount: emulator.log().filter((e) => e.action === "AssumeRole").length / accounts.length,
    };
  } finally {
    s.dispose();
  }
}

/** The faults of `faultedOrgRun`: every kind that fails or delays a call before it is processed. */
const ROLLOUT_FAULTS = ["throttling", "unavailable", "internal", "reset", "latency"] as const;

/** First up of 5 accounts × 5 regions with 30 % of calls faulted, over the same up with none. */
export async function faultedOrgRun(emulator: Emulator, latencyMs: number) {
  const up = async (faultRate: number) => {
    emulator.reset();
    emulator.configure({ latencyMs, seed: 7 });
    const accounts = memberAccounts(emulator, 5);
    if (faultRate > 0) emulator.addFault({ kind: [...ROLLOUT_FAULTS], rate: faultRate });
    const s = await createTestStack({
      program: rolloutProgram(accounts, FIVE),
      emulator,
      // The default retry budget and activation wait: what a user runs with.
      config: {
        ...credentialConfig(emulator.defaultAccount.keys[0]),
        "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": { value: "120" },
      },
    });
    try {
      const started = performance.now();
      await s.stack.up({ parallel: UNBOUNDED });
      const wallMs = performance.now() - started;
      const opened = emulator
        .log()
        .filter((e) => e.action === "OpenPublicIpAddressPoolService" && e.outcome === "OK");
      if (new Set(opened.map((e) => `${e.accountUid}/${e.regionId}`)).size !== 25)
        throw new Error("the rollout did not activate 25 regions");
      return wallMs;
    } finally {
      s.dispose();
    }
  };
  const clean = await up(0);
  const faulted = await up(0.3);
  return { faultedOrgUpWallRatio: faulted / clean, cleanUpMs: clean, faultedUpMs: faulted };
}

/** Wall time of the up of a fresh stack of `program`, and the stack's state file size per resource. */
async function timedUp(emulator: Emulator, program: Parameters<typeof createTestStack>[0]["program"]) {
  const stackName = `bench${Date.now()}`;
  const s = await createTestStack({
    program,
    emulator,
    stackName,
    config: credentialConfig(emulator.defaultAccount.keys[0]),
  });
  try {
    const started = performance.now();
    await s.stack.up({ parallel: UNBOUNDED });
    const wallMs = performance.now() - started;
    const resources = (await s.stack.exportStack()).deployment.resources?.length ?? 0;
    return { wallMs, bytesPerResource: stateFileBytes(s.backendDir, stackName) / resources };
  } finally {
    s.dispose();
  }
}

/** Up of 40 accounts × 25 new regions at 20 ms, over the same program with trivial resources. */
export async function orgScaleRun(emulator: Emulator) {
  emulator.reset();
  emulator.configure({ latencyMs: 20 });
  const accounts = memberAccounts(emulator, 40);
  const floor = await timedUp(emulator, trivialProgram(accounts.length, TWENTY_FIVE));
  const rollout = await timedUp(emulator, rolloutProgram(accounts, TWENTY_FIVE));
  const opens = emulator.log().filter((e) => e.action === "OpenPublicIpAddressPoolService").length;
  if (opens !== 1000) throw new Error(`expected 1,000 Opens, saw ${opens}`);
  return {
    orgScaleUpRatio: rollout.wallMs / floor.wallMs,
    stateBytesPerResource: rollout.bytesPerResource,
    rolloutBytesPerResource: rollout.bytesPerResource,
    trivialBytesPerResource: floor.bytesPerResource,
  };
}

/** The plugin's up of 40 accounts × 25 new regions at 20 ms, over the dynamic floor of the same shape. */
export async function pluginOrgRun(emulator: Emulator) {
  emulator.reset();
  emulator.configure({ latencyMs: 20 });
  const accounts = memberAccounts(emulator, 40);
  const floor = await timedUp(emulator, trivialProgram(accounts.length, TWENTY_FIVE));
  return {
    ...(await pluginOrgScaleSdkRun(emulator, accounts, TWENTY_FIVE, floor.wallMs)),
    orgFloorMs: floor.wallMs,
  };
}

/** One engine run: preview, up and a no-op up of 20 new regions. */
export async function engineRun(emulator: Emulator, latencyMs: number) {
  emulator.reset();
  emulator.configure({ latencyMs });
  const s = await createTestStack({
    program: regionsProgram(TWENTY),
    emulator,
    config: credentialConfig(emulator.defaultAccount.keys[0]),
  });
  try {
    await s.stack.preview();
    const previewWriteCalls = emulator
      .log()
      .filter((e) => e.action === "OpenPublicIpAddressPoolService").length;
    emulator.clearLog();
    await s.stack.up({ parallel: UNBOUNDED });
    const upCalls = vpcCalls(emulator);
    const upWallRatio = span(emulator) / (TWENTY.length * latencyMs + latencyMs);
    const providerBytes = Math.max(
      ...(await dynamicResources(s.stack)).map((r) => Buffer.byteLength(String(r.inputs.__provider))),
    );
    emulator.clearLog();
    await s.stack.up({ parallel: UNBOUNDED });
    const noopUpCalls = vpcCalls(emulator);
    return {
      previewWriteCalls,
      upCallsPerRegion: upCalls / TWENTY.length,
      upWallRatio,
      providerBytes,
      noopUpCalls,
    };
  } finally {
    s.dispose();
  }
}

/** Median over 50 sequential status reads of (client wall time − emulator service time). */
export async function overheadRun(emulator: Emulator, latencyMs: number): Promise<number> {
  emulator.reset();
  emulator.configure({ latencyMs });
  const config = stackConfigFor(emulator.defaultAccount.keys[0]);
  process.env.ALICLOUD_VPC_ENDPOINT = emulator.endpoint;
  // The dynamic provider as the engine's `configure` builds it.
  const provider = createProvider({
    config: { get: (key) => config[key] },
    env: process.env,
    log: console.log,
  });
  const props = { regionId: "cn-hangzhou", enabled: true, adopted: true };
  for (let i = 0; i < 5; i++) await provider.read("cn-hangzhou", props); // warm connections and caches
  const overheads: number[] = [];
  for (let i = 0; i < 50; i++) {
    emulator.clearLog();
    const started = performance.now();
    await provider.read("cn-hangzhou", props);
    const wall = performance.now() - started;
    const [entry] = emulator.log();
    overheads.push(wall - (entry.endMs! - entry.startMs));
  }
  return median(overheads);
}

/** `status` for 30 regions, run as the installed command: request span over one call's latency. */
export async function statusRun(emulator: Emulator, latencyMs: number): Promise<number> {
  emulator.reset();
  emulator.configure({ latencyMs });
  const key = emulator.defaultAccount.keys[0];
  await promisify(execFile)(
    join(REPO_ROOT, "node_modules", ".bin", "alicloud-ip-pool-service"),
    ["status", "--json", "--region", THIRTY_REGIONS.map((r) => r.regionId).join(",")],
    {
      env: {
        ...process.env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
        ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
      },
    },
  );
  if (emulator.log().length !== THIRTY_REGIONS.length)
    throw new Error("status did not read 30 regions once each");
  return span(emulator) / latencyMs;
}

/** The members of `orgStatusRun`'s directory, and the accounts `status --org` reads at once (its default). */
const ORG_MEMBERS = 200;

/**
 * `status --org --all-regions` over a directory of 200 members (30 regions each, 20 ms latency), run
 * as the installed command: its span over the floor, which is the directory's pages, the
 * management account and the regions one after another, then 50 rounds of 4 accounts, each
 * round an AssumeRole, a GetCallerIdentity and 2 rounds of 16 parallel status reads.
 */
export async function orgStatusRun(emulator: Emulator): Promise<Details> {
  const latencyMs = 20;
  emulator.reset();
  emulator.configure({ latencyMs });
  for (let i = 0; i < ORG_MEMBERS; i++)
    emulator.addMember({
      enabledRegions: THIRTY_REGIONS.filter((_, r) => (i + r) % 4 !== 0).map((r) => r.regionId),
    });
  const key = emulator.defaultAccount.keys[0];
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    join(REPO_ROOT, "node_modules", ".bin", "alicloud-ip-pool-service"),
    ["status", "--org", "--all-regions", "--json"],
    {
      env: {
        ...process.env,
        ...emulator.endpointEnv,
        ALICLOUD_RESOURCEMANAGER_ENDPOINT: emulator.secureEndpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((err: { stdout?: string; code?: number }) => {
    // Some regions are off: exit 3 is the expected answer.
    if (err.code !== 3) throw err;
    return { stdout: err.stdout ?? "" };
  });
  const wallMs = performance.now() - started;
  const cells = (JSON.parse(stdout) as { summary: { regions: number } }).summary.regions;
  if (cells !== ORG_MEMBERS * THIRTY_REGIONS.length) throw new Error(`status --org read ${cells} cells`);
  const rounds = 4 + Math.ceil(ORG_MEMBERS / ORG_CONCURRENCY) * (2 + Math.ceil(THIRTY_REGIONS.length / 16));
  return { orgStatusWallRatio: span(emulator) / (rounds * latencyMs), orgStatusMs: wallMs };
}

/** A fresh Node.js process loads the implementation and makes its first call: load-to-request time. */
export async function coldStartRun(emulator: Emulator): Promise<number> {
  emulator.reset();
  emulator.configure({ latencyMs: 0 });
  const key = emulator.defaultAccount.keys[0];
  const script = `
    const t0 = Date.now();
    const { createProvider } = require("pulumi-alicloud-ip-pool-service/provider");
    const config = { "alicloud:accessKey": ${JSON.stringify(key.accessKeyId)}, "alicloud:secretKey": ${JSON.stringify(key.accessKeySecret)} };
    createProvider({ config: { get: (k) => config[k] }, env: process.env, log: () => {} })
      .read("cn-hangzhou", { regionId: "cn-hangzhou", enabled: true, adopted: true })
      .then(() => console.log(t0), (e) => { console.error(e); process.exit(1); });`;
  const t0 = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ALICLOUD_VPC_ENDPOINT: emulator.endpoint },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("close", (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`cold start run failed (${code})`)),
    );
  });
  return emulator.log()[0].startMs - t0;
}

/** The official clients' modules, in the order the provider loads them, by name (and where, when not by name). */
const CLIENT_MODULES: ReadonlyArray<[name: string, path: string]> = [
  ["@alicloud/credentials", "@alicloud/credentials"],
  ["@darabonba/typescript", "@darabonba/typescript"],
  ["@alicloud/openapi-client", "@alicloud/openapi-client"],
  // Through the package's loader, which defers its 1,700 model files.
  ["@alicloud/vpc20160428", join(REPO_ROOT, "dist", "transport", "vpcSdk.js")],
];

/** What each official client's module adds to a fresh process's `require` time, in milliseconds. */
export async function requireTimesRun(): Promise<Details> {
  const script = `
    const times = {};
    for (const [name, path] of ${JSON.stringify(CLIENT_MODULES)}) {
      const started = process.hrtime.bigint();
      require(path);
      times["require:" + name] = Number(process.hrtime.bigint() - started) / 1e6;
    }
    console.log(JSON.stringify(times));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as Details;
}

/** A fresh Node.js process loads @pulumi/pulumi, then times loading this package by name. */
export async function importRun(): Promise<number> {
  const script = `
    require("@pulumi/pulumi");
    const started = process.hrtime.bigint();
    require("pulumi-alicloud-ip-pool-service");
    console.log(Number(process.hrtime.bigint() - started) / 1e6);`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: REPO_ROOT });
  return Number(stdout.trim());
}
