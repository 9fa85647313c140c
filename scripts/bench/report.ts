// What `npm run bench` writes: BENCHMARKS.md's table, what a run found, and its figures rounded.
// Findings of earlier runs are not written in code: they live in BENCHMARKS.md's "Findings"
// section, which a run keeps as it is.
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../harness/engine";
import { TARGETS, type Details, type Figures } from "./targets";

/** The heading of BENCHMARKS.md's hand-written findings, kept by every run. */
const FINDINGS_HEADING = "## Findings";

/** BENCHMARKS.md's findings section, as it stands (none when the file or the section is missing). */
function keptFindings(): string[] {
  let text: string;
  try {
    text = readFileSync(join(REPO_ROOT, "BENCHMARKS.md"), "utf8");
  } catch {
    return [];
  }
  const at = text.indexOf(`\n${FINDINGS_HEADING}\n`);
  return at < 0
    ? []
    : text
        .slice(at + 1)
        .trimEnd()
        .split("\n")
        .concat("");
}

/** The median of some values. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Why a figure misses its target, from what this run measured (`d`) only: what earlier runs found
 * is in BENCHMARKS.md's findings, written by hand.
 */
const WHEN_MISSED: Partial<Record<keyof typeof TARGETS, (d: Details, f: Figures) => string>> = {
  coldStartMs: (d) =>
    "Most of it is loading the official clients. In this run, `require` took " +
    Object.entries(d)
      .filter(([k]) => k.startsWith("require:"))
      .map(([k, ms]) => `${ms.toFixed(0)} ms for \`${k.slice("require:".length)}\``)
      .join(", ") +
    " (each in a fresh process, in that order, so each figure is what it adds).",
  multiAccountUpWallRatio: (d, f) =>
    `The floor assumes the engine hands all 100 resources to the provider at once. In this run the last account's first request reached the emulator ${(d.handOverSpreadMs / 1000).toFixed(2)} s after the first account's, and each account's own span was within ${f.multiAccountSlowestAccountRatio} of its floor (\`multiAccountSlowestAccountRatio\`).`,
  orgScaleUpRatio: (d) =>
    `The engine rewrites the whole state file at each step, so an up's time grows with the state's bytes per resource: in this run ${d.rolloutBytesPerResource.toFixed(0)} for this stack against ${d.trivialBytesPerResource.toFixed(0)} for the trivial one.`,
  pluginStateBytesPerResource: (d, f) =>
    `Of its ${f.pluginStateBytesPerResource} bytes per resource, ${d.hostStackTraceBytesPerResource.toFixed(0)} in this run are the stack traces the engine records for every resource of a YAML program (\`sourcePosition\` and \`stackTrace\`: where the YAML language host, written in Go, registered it, whatever the provider); the rest, ${f.pluginOwnStateBytesPerResource} bytes (\`pluginOwnStateBytesPerResource\`), is the resource's own state and its engine bookkeeping. Neither the engine (v3.274.1) nor the Go SDK the host is built with has a setting that leaves these traces out.`,
  pluginUpWallRatio: (d) => `In this run the whole \`pulumi up\` took ${(d.pluginUpMs / 1000).toFixed(1)} s.`,
  faultedOrgUpWallRatio: (d) =>
    `In this run the up without faults took ${(d.cleanUpMs / 1000).toFixed(1)} s and the faulted one ${(d.faultedUpMs / 1000).toFixed(1)} s; the emulator's log shows where the faulted one waited.`,
};

/** What a run found about a figure that has no fixed floor, said whether or not it met its target. */
const FOUND: Partial<Record<keyof typeof TARGETS, (d: Details, f: Figures) => string>> = {
  orgStatusWallRatio: (d) =>
    `In this run the command took ${(d.orgStatusMs / 1000).toFixed(1)} s from its start to its output, reading 6,000 cells of 200 accounts.`,
  pluginColdStartMs: (d, f) =>
    `Of its ${f.pluginColdStartMs.toFixed(0)} ms, ${d.pluginServeMs.toFixed(0)} ms in this run were the executable's start up to serving gRPC (Node.js and the bundle, from V8's code cache); the rest is the Configure and Read calls, the credentials and the first request.`,
  pluginOrgScaleUpRatio: (d) =>
    `In this run the plugin's up took ${(d.pluginSdkOrgScaleUpMs / 1000).toFixed(1)} s (state: ${d.pluginSdkStateBytesPerResource.toFixed(0)} bytes per resource), and the dynamic floor ${(d.orgFloorMs / 1000).toFixed(1)} s.`,
};

/** BENCHMARKS.md for a whole run: the table, what the run found, and the findings kept from before. */
export function markdown(
  figures: Figures,
  details: Details,
  latencyMs: number,
  runs: number,
  pulumiVersion: string,
): string {
  const rows = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).map((key) => row(key, figures[key]));
  return [
    "# Benchmarks",
    "",
    "Measured by `npm run bench` against the local emulator (nothing leaves the machine), through the",
    "real Pulumi engine for the `pulumi` figures. Each figure is the median of the runs.",
    "",
    "| key | what | figure | target | |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    ...(Object.keys(WHEN_MISSED) as Array<keyof typeof TARGETS>)
      .filter((key) => figures[key] > TARGETS[key].max)
      .map((key) => `- \`${key}\` misses its target. ${WHEN_MISSED[key]!(details, figures)}`),
    ...(Object.keys(FOUND) as Array<keyof typeof TARGETS>)
      .filter((key) => key in figures)
      .map((key) => `- \`${key}\`: ${FOUND[key]!(details, figures)}`),
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `- Node.js ${process.version}, Pulumi CLI ${pulumiVersion}`,
    `- Emulated latency per API call: ${latencyMs} ms; runs per figure: ${runs}`,
    "",
    ...keptFindings(),
  ].join("\n");
}

/** The index of the last line `test` accepts, or -1. */
function lastIndex(lines: readonly string[], test: (line: string) => boolean): number {
  for (let i = lines.length - 1; i >= 0; i--) if (test(lines[i])) return i;
  return -1;
}

/** The row of one figure in BENCHMARKS.md's table. */
function row(key: keyof typeof TARGETS, value: number): string {
  const { max, what } = TARGETS[key];
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const verdict = value <= max ? "met" : `missed by ${Number((value - max).toFixed(2))}`;
  return `| \`${key}\` | ${what} | ${shown} | ≤ ${max} | ${verdict} |`;
}

/**
 * BENCHMARKS.md with the rows of `figures` replaced (or added at the table's end), and a line
 * saying when and how they were measured, with what the run found about them.
 */
export function updatedRows(figures: Figures, details: Details, runs: number): string {
  const lines = readFileSync(join(REPO_ROOT, "BENCHMARKS.md"), "utf8").split("\n");
  for (const key of Object.keys(figures) as Array<keyof typeof TARGETS>) {
    const at = lines.findIndex((l) => l.startsWith(`| \`${key}\` |`));
    if (at >= 0) lines[at] = row(key, figures[key]);
    else lines.splice(lastIndex(lines, (l) => l.startsWith("| `")) + 1, 0, row(key, figures[key]));
  }
  // A key measured again makes what was found of it before stale: its earlier lines go, and so
  // does an earlier "measured again" line all of whose keys are measured again now.
  const measured = Object.keys(figures);
  const remeasured = (line: string) => {
    const keys = /^- ([\w, ]+): measured again on /.exec(line)?.[1].split(", ");
    return keys !== undefined && keys.every((key) => measured.includes(key));
  };
  for (let at = lines.length - 1; at >= 0; at--) {
    if (
      remeasured(lines[at]) ||
      measured.some(
        (key) => lines[at].startsWith(`- \`${key}\`:`) || lines[at].startsWith(`- \`${key}\` misses`),
      )
    )
      lines.splice(at, 1);
  }
  const said = (Object.keys(figures) as Array<keyof typeof TARGETS>).flatMap((key) => {
    const found = FOUND[key] ?? (figures[key] > TARGETS[key].max ? WHEN_MISSED[key] : undefined);
    return found ? [`- \`${key}\`: ${found(details, figures)}`] : [];
  });
  // What this run says goes after the run's lines, before the hand-written findings.
  const findings = lines.indexOf(FINDINGS_HEADING);
  const end = lastIndex(findings < 0 ? lines : lines.slice(0, findings), (l) => l.trim() !== "") + 1;
  lines.splice(
    end,
    0,
    `- ${Object.keys(figures).join(", ")}: measured again on ${new Date().toISOString()} (\`--only … --update\`, ${runs} runs; ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}).`,
    ...said,
  );
  return lines.join("\n");
}

/** How many decimals each figure keeps. */
export function rounded(key: keyof typeof TARGETS, value: number): number {
  if (key.endsWith("StateBytesPerResource") || key === "stateBytesPerResource") return Math.round(value);
  if (key === "importMs") return Number(value.toFixed(2));
  return Number.isInteger(value) ? value : Number(value.toFixed(3));
}
