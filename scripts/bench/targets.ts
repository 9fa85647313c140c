// The figures `npm run bench` measures: what each one is, and its target.

/** Each figure, what it measures, and its target. */
export const TARGETS = {
  providerBytes: { max: 2048, what: "size of `__provider` per resource in the state file (bytes)" },
  previewWriteCalls: { max: 0, what: "Open calls made by a preview of 20 new regions" },
  noopUpCalls: { max: 0, what: "VPC API calls made by an up with nothing to change (20 regions)" },
  upCallsPerRegion: { max: 3, what: "VPC API calls per new region during up, with no faults" },
  upWallRatio: {
    max: 1.5,
    what: "wall time of the up of 20 new regions (first request to last reply) over the floor: 20 × latency for the serialized Opens + one round of parallel status reads",
  },
  overheadMsPerCall: {
    max: 5,
    what: "time the provider adds per API call beyond the emulator's service time (ms)",
  },
  statusWallRatio: {
    max: 2.5,
    what: "wall time of `alicloud-ip-pool-service status` for 30 regions (first request to last reply) over one call's latency",
  },
  coldStartMs: { max: 300, what: "time from starting the provider module to its first API request (ms)" },
  importMs: {
    max: 25,
    what: "time to `require` the package in a program once `@pulumi/pulumi` is loaded (ms)",
  },
  multiAccountUpWallRatio: {
    max: 1.5,
    what: "wall time of the up of 10 accounts × 10 new regions, each account through its role (first request to last reply), over the floor: 10 serialised Opens, one AssumeRole and one round of parallel reads",
  },
  multiAccountSlowestAccountRatio: {
    max: 1.5,
    what: "in that up, the slowest account's own span (its first VPC request to its last reply) over its part of the floor: 10 serialised Opens and one read round; what the provider adds, apart from when the engine hands it each account's resources",
  },
  stsCallsPerAccount: { max: 1, what: "AssumeRole calls per account in that up" },
  orgScaleUpRatio: {
    max: 1.5,
    what: "wall time of the up of 1,000 new regions (40 accounts × 25 regions, 20 ms latency) over the same program declaring 1,000 trivial dynamic resources (the engine's own floor)",
  },
  stateBytesPerResource: {
    max: 5000,
    what: "state file size over resource count, for that 1,000-region stack (bytes)",
  },
  faultedOrgUpWallRatio: {
    max: 3,
    what: "wall time of the first up of 5 accounts × 5 new regions with 30 % of all calls faulted (throttling, 503, 500, dropped connections, 2 s delays; seed 7; default budgets), over the same up with no faults",
  },
  pluginUpWallRatio: {
    max: 1.5,
    what: "wall time of the up of 20 new regions from a YAML program through the provider plugin (first request to last reply), over the floor of `upWallRatio`",
  },
  pluginStateBytesPerResource: {
    max: 1000,
    what: "state file size over resource count, for that YAML stack (bytes)",
  },
  pluginOwnStateBytesPerResource: {
    max: 1000,
    what: "in that state, the bytes per resource apart from the stack traces the engine records for every resource of a YAML program (`sourcePosition`, `stackTrace`), whatever its provider: the resource's own state and the engine's bookkeeping; a diagnostic",
  },
  pluginColdStartMs: {
    max: 400,
    what: "time from starting the release's linux-amd64 plugin executable (no Node.js installed) to its first API request, configured and asked to read a region over gRPC as the engine does (ms)",
  },
  pluginArchiveBytes: {
    max: 40_000_000,
    what: "size of the release's linux-amd64 plugin archive, Node.js included (bytes)",
  },
  pluginRssMb: {
    max: 120,
    what: "highest resident memory of the plugin's process during the up of 20 new regions from a YAML program (MB)",
  },
  pluginOrgScaleUpRatio: {
    max: 1.0,
    what: "wall time of the up of a TypeScript program declaring 1,000 new regions through the plugin with the generated Node.js SDK (40 accounts × 25 regions, one component per account, each resource with its account's role: one plugin process; 20 ms latency) over the dynamic floor of `orgScaleUpRatio` (the same program with 1,000 trivial dynamic resources, run the same way)",
  },
  orgStatusWallRatio: {
    max: 1.5,
    what: "wall time of `alicloud-ip-pool-service status --org --all-regions` over a resource directory of 200 members × 30 regions (6,000 cells, 20 ms latency; first request to last reply), over the floor: the directory's pages, then 50 rounds of 4 accounts, each an AssumeRole, a GetCallerIdentity and 2 rounds of 16 parallel status reads",
  },
  orgRolloutUpWallRatio: {
    max: 3,
    what: "wall time of `pulumi up --skip-preview` of a YAML program with the organisation's component over 200 members × 28 regions (20 ms latency, a file backend, the engine's default parallelism P = 4 × cores), less the same CLI's up of an empty program, over the API floor: 2 ListAccounts pages + ⌈200 ÷ P⌉ × (AssumeRole, DescribeRegions, 28 × (read, Open, read))",
  },
  orgResourcesPerAccount: { max: 2, what: "resources in that stack's state per member account" },
  orgStateBytes: { max: 1_500_000, what: "that stack's state file (bytes)" },
  orgPluginRssMb: { max: 150, what: "highest resident memory of the plugin's processes during that up (MB)" },
  orgDiscoveryCalls: { max: 2, what: "ListAccounts calls (pages of 100) in that up" },
  orgAssumeRolePerAccount: { max: 1, what: "AssumeRole calls per member account in that up" },
  orgDescribeRegionsPerAccount: { max: 1, what: "DescribeRegions calls per account in that up" },
  orgNoopUpWrites: { max: 0, what: "API writes of a second up of that program, with nothing to change" },
} as const;

/** The key of a figure. */
export type FigureKey = keyof typeof TARGETS;

/** A run's figures, by key. */
export type Figures = Record<FigureKey, number>;

/** Facts a run measured beside its figures, to explain a missed target (the median over the runs). */
export type Details = Record<string, number>;
