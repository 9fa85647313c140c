// `npm run bench`: what a user pays, measured against targets. Runs against the local emulator
// (nothing leaves this machine), through the real Pulumi engine where the figure is about
// `pulumi`. Each figure is the median of --runs runs. Writes BENCHMARKS.md; with --json prints
// one JSON object with the figures on stdout. Progress goes to stderr. The runs are in
// scripts/bench/runs.ts, the report in scripts/bench/report.ts.
import "./harness/isolateEnvironment";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startEmulator, type Emulator } from "../emulator";
import { pulumiEngine, REPO_ROOT } from "./harness/engine";
import { orgRolloutRun } from "./bench/orgRolloutRun";
import { pluginColdStartRun, pluginUpRun } from "./bench/pluginRuns";
import { markdown, median, rounded, updatedRows } from "./bench/report";
import {
  coldStartRun,
  engineRun,
  faultedOrgRun,
  importRun,
  multiAccountRun,
  orgScaleRun,
  orgStatusRun,
  overheadRun,
  pluginOrgRun,
  progress,
  requireTimesRun,
  statusRun,
  THIRTY_REGIONS,
  TWENTY,
} from "./bench/runs";
import { TARGETS, type Details, type Figures } from "./bench/targets";

const USAGE = `Usage: npm run bench -- [--json] [--latency-ms <n>] [--runs <n>] [--only <key,...>]

Measures the package against its targets with the local emulator and the real Pulumi engine,
writes BENCHMARKS.md, and prints the figures (one JSON object with --json).

Options:
  --json             print only the JSON object on stdout
  --latency-ms <n>   emulated service time of every API call (default 100)
  --runs <n>         runs per figure; each figure is the median (default 5, at least 5)
  --only <key,...>   measure only the runs these figures need, and leave BENCHMARKS.md alone
  --update           with --only: replace (or add) those figures' rows in BENCHMARKS.md, dated
  -h, --help         show this text`;

/** One kind of run, and the figures it gives (each the median over the runs). */
interface RunGroup {
  /** What progress says of it. */
  label: string;
  /** The figures it gives. */
  keys: ReadonlyArray<keyof typeof TARGETS>;
  /** One run: its figures, and details that explain them (any other key). */
  run(emulator: Emulator, latencyMs: number): Promise<Partial<Figures> & Details>;
}

/** Every run the bench makes, in order. */
const GROUPS: RunGroup[] = [
  {
    label: "preview, up and no-op up of 20 regions",
    keys: ["previewWriteCalls", "noopUpCalls", "upCallsPerRegion", "upWallRatio", "providerBytes"],
    run: engineRun,
  },
  {
    label: "up of 10 accounts × 10 regions",
    keys: ["multiAccountUpWallRatio", "multiAccountSlowestAccountRatio", "stsCallsPerAccount"],
    run: multiAccountRun,
  },
  {
    label: "up of 40 accounts × 25 regions and its floor",
    keys: ["orgScaleUpRatio", "stateBytesPerResource"],
    run: (emulator) => orgScaleRun(emulator),
  },
  {
    label: "first up of 5 accounts × 5 regions with and without faults",
    keys: ["faultedOrgUpWallRatio"],
    run: faultedOrgRun,
  },
  {
    label: "the plugin: up of 20 regions from a YAML program, and its cold start",
    keys: [
      "pluginUpWallRatio",
      "pluginStateBytesPerResource",
      "pluginOwnStateBytesPerResource",
      "pluginRssMb",
      "pluginColdStartMs",
      "pluginArchiveBytes",
    ],
    run: async (emulator, latencyMs) => ({
      ...(await pluginUpRun(emulator, latencyMs, TWENTY)),
      ...(await pluginColdStartRun(emulator)),
    }),
  },
  {
    label: "the plugin: up of 40 accounts × 25 regions from a program with the Node.js SDK, and its floor",
    keys: ["pluginOrgScaleUpRatio"],
    run: (emulator) => pluginOrgRun(emulator),
  },
  {
    label: "status --org of 200 accounts × 30 regions",
    keys: ["orgStatusWallRatio"],
    run: (emulator) => orgStatusRun(emulator),
  },
  {
    label: "the organisation: up of 200 members × 28 regions from a YAML program, and a no-op up",
    keys: [
      "orgRolloutUpWallRatio",
      "orgResourcesPerAccount",
      "orgStateBytes",
      "orgPluginRssMb",
      "orgDiscoveryCalls",
      "orgAssumeRolePerAccount",
      "orgDescribeRegionsPerAccount",
      "orgNoopUpWrites",
    ],
    run: (emulator) => orgRolloutRun(emulator),
  },
  {
    label: "call overhead, status of 30 regions, cold start and import",
    keys: ["overheadMsPerCall", "statusWallRatio", "coldStartMs", "importMs"],
    run: async (emulator, latencyMs) => ({
      overheadMsPerCall: await overheadRun(emulator, latencyMs),
      statusWallRatio: await statusRun(emulator, latencyMs),
      coldStartMs: await coldStartRun(emulator),
      importMs: await importRun(),
      ...(await requireTimesRun()),
    }),
  },
];

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        json: { type: "boolean" },
        "latency-ms": { type: "string", default: "100" },
        runs: { type: "string", default: "5" },
        only: { type: "string" },
        update: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`bench: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const latencyMs = Number(values["latency-ms"]);
  const runs = Number(values.runs);
  if (!(latencyMs > 0) || !Number.isInteger(runs) || runs < 5) {
    console.error(`bench: --latency-ms must be above 0 and --runs an integer of at least 5\n\n${USAGE}`);
    return 2;
  }
  const only = values.only?.split(",").map((k) => k.trim());
  const unknown = only?.filter((k) => !(k in TARGETS));
  if (unknown?.length) {
    console.error(
      `bench: --only names no figure ${unknown.join(", ")}; the figures are ${Object.keys(TARGETS).join(", ")}`,
    );
    return 2;
  }
  const groups = GROUPS.filter((g) => !only || g.keys.some((k) => only.includes(k)));

  progress("making the Pulumi engine available");
  const engine = await pulumiEngine({ showProgress: true });
  const pulumiVersion = engine.command.version?.toString() ?? "unknown";
  const emulator = await startEmulator({ latencyMs, regions: THIRTY_REGIONS });
  try {
    const measured: Record<string, number[]> = {};
    for (const group of groups) {
      for (let i = 1; i <= runs; i++) {
        progress(`${group.label}: run ${i}/${runs}`);
        for (const [key, value] of Object.entries(await group.run(emulator, latencyMs))) {
          (measured[key] ??= []).push(value);
        }
      }
    }
    const isFigure = (key: string): key is keyof typeof TARGETS => key in TARGETS;
    const figures = Object.fromEntries(
      Object.entries(measured)
        .filter(([key]) => isFigure(key))
        .map(([key, list]) => [key, rounded(key as keyof typeof TARGETS, median(list))]),
    ) as Figures;
    const details: Details = Object.fromEntries(
      Object.entries(measured)
        .filter(([key]) => !isFigure(key))
        .map(([key, list]) => [key, median(list)]),
    );
    if (!only) {
      const text = markdown(figures, details, latencyMs, runs, pulumiVersion);
      writeFileSync(join(REPO_ROOT, "BENCHMARKS.md"), text);
      progress("wrote BENCHMARKS.md");
    } else if (values.update) {
      writeFileSync(join(REPO_ROOT, "BENCHMARKS.md"), updatedRows(figures, details, runs));
      progress(`updated the rows of ${Object.keys(figures).join(", ")} in BENCHMARKS.md`);
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } else {
      for (const [key, value] of Object.entries(figures)) {
        const { max } = TARGETS[key as keyof typeof TARGETS];
        console.log(
          `${key.padEnd(32)} ${String(value).padStart(8)}  target ≤ ${max}${value <= max ? "" : "  MISSED"}`,
        );
      }
    }
    return 0;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
