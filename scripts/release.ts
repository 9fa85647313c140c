// `npm run release`: everything a release publishes, in dist/release/: the plugin's archives for
// five platforms, the SDK packages of Python, Node.js, Go and Java, and SHA256SUMS over them all.
// One version, package.json's, goes into the schema, the plugin and every SDK.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_PLUGIN_DOWNLOAD_URL, PLUGIN_EXECUTABLE } from "../provider/plugin/registries";
import { PACKAGE } from "../provider/plugin/pluginConfig";
import { packageSchema } from "../provider/plugin/schema";
import { bundlePlugin } from "./release/bundle";
import { buildExecutable, PLATFORMS, platformName, seaBlobs, type Platform } from "./release/executable";
import { goModuleZip, javaPackage, nodejsPackage, pythonPackages } from "./release/packages";
import { writePins, type PinnedArchive } from "./release/pins";
import { generateSdks } from "./release/sdks";

const ROOT = join(__dirname, "..");

const USAGE = `Usage: npm run release -- [--out DIR] [--plugin-download-url URL] [--platforms LIST] [--no-sdks] [--help]

Builds a release of version package.json's "version" in DIR (default dist/release/):
  ${PLUGIN_EXECUTABLE}-v<version>-<os>-<arch>.tar.gz
      for ${PLATFORMS.map(platformName).join(", ")}: a single executable
      (Node.js's SEA, nothing to install) on linux and windows; a launcher and the bundle, run by
      Node.js 20+ from PATH, on darwin
  the Python wheel and sdist, the Node.js SDK's npm tarball, the Go module as a zip, the Java
  SDK's jar and pom; pins.txt, the \`pulumi plugin install … --checksum\` line of each platform
  that pins this version's archive by its SHA-256 (and pins.md, the release's notes); and
  SHA256SUMS over every file

  --out DIR                  where to write the release (emptied first)
  --plugin-download-url URL  where the engine downloads the plugin from, written into the schema and
                             every SDK (default ${DEFAULT_PLUGIN_DOWNLOAD_URL}):
                             github://api.github.com/<organization>/<repository>, or an http(s)
                             folder of the archives
  --platforms LIST           comma-separated platforms to build (default: all five)
  --no-sdks                  build the plugin archives only
  --help                     show this text

Needs the Pulumi CLI with its Java language host (scripts/pulumi-engine.sh provides them), Go,
Python 3, Maven and the npm registry. Progress goes to stderr; stdout lists the files written.`;

/** The release's options, from the command line. */
interface Options {
  out: string;
  pluginDownloadURL: string;
  platforms: Platform[];
  sdks: boolean;
}

/** Reads the command line; exits with the usage on a bad one. */
function options(argv: string[]): Options {
  const opts: Options = {
    out: join(ROOT, "dist", "release"),
    pluginDownloadURL: DEFAULT_PLUGIN_DOWNLOAD_URL,
    platforms: [...PLATFORMS],
    sdks: true,
  };
  const fail = (why: string): never => {
    console.error(`release: ${why}\n\n${USAGE}`);
    process.exit(2);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === "--out") opts.out = resolve(value());
    else if (arg === "--plugin-download-url") {
      opts.pluginDownloadURL = value();
      if (!/^(https?:\/\/|github:\/\/[^/]+\/[^/]+\/[^/]+$)/.test(opts.pluginDownloadURL))
        fail(
          `--plugin-download-url must be github://<host>/<organization>/<repository> or an http(s) URL, got ${JSON.stringify(opts.pluginDownloadURL)}`,
        );
      if (opts.pluginDownloadURL.includes("${"))
        fail(
          `--plugin-download-url must not hold a \${…} variable: the code \`pulumi import\` generates quotes the URL, and fails to compile on one`,
        );
    } else if (arg === "--platforms") {
      const names = value()
        .split(",")
        .map((n) => n.trim());
      opts.platforms = names.map(
        (n) =>
          PLATFORMS.find((p) => platformName(p) === n) ??
          fail(`unknown platform ${JSON.stringify(n)}: one of ${PLATFORMS.map(platformName).join(", ")}`),
      );
    } else if (arg === "--no-sdks") opts.sdks = false;
    else fail(`unknown argument ${JSON.stringify(arg)}`);
  }
  return opts;
}

/** Where `pulumi` and its language hosts are, from scripts/pulumi-engine.sh. */
function pulumiBin(): string {
  return execFileSync(join(ROOT, "scripts", "pulumi-engine.sh"), [], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

/** Writes SHA256SUMS over every file of `out`, in the form `sha256sum -c` reads. */
function writeChecksums(out: string): string {
  const lines = readdirSync(out)
    .filter((f) => f !== "SHA256SUMS")
    .sort()
    .map(
      (f) =>
        `${createHash("sha256")
          .update(readFileSync(join(out, f)))
          .digest("hex")}  ${f}\n`,
    );
  writeFileSync(join(out, "SHA256SUMS"), lines.join(""));
  return join(out, "SHA256SUMS");
}

async function main(argv: string[]): Promise<void> {
  const opts = options(argv);
  const progress = (line: string) => process.stderr.write(`release: ${line}\n`);
  const started = Date.now();
  const { version, description } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
    description: string;
  };
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(opts.out, { recursive: true });
  // Outside dist/: a build beside the tests must not change what `npm pack` of the package holds.
  const work = mkdtempSync(join(tmpdir(), "ip-pool-release-work-"));
  const written: string[] = [];
  const archives: PinnedArchive[] = [];

  progress(`bundling the plugin, version ${version}, downloaded from ${opts.pluginDownloadURL}`);
  const bundle = join(work, "plugin.js");
  const bytes = await bundlePlugin(ROOT, bundle, { version, pluginDownloadURL: opts.pluginDownloadURL });
  progress(`bundle: ${(bytes / 1e6).toFixed(1)} MB`);
  const blobs = seaBlobs(bundle, work, progress);
  for (const platform of opts.platforms) {
    const name = platformName(platform);
    progress(`plugin archive for ${name}`);
    const dir = join(work, "plugin", name);
    const executable = buildExecutable(
      platform,
      dir,
      { bundle, blobs, executable: PLUGIN_EXECUTABLE },
      progress,
    );
    const archive = join(opts.out, `${PLUGIN_EXECUTABLE}-v${version}-${name}.tar.gz`);
    execFileSync("tar", ["-czf", archive, "-C", dir, ...executable.files.map((f) => f.name)]);
    written.push(archive);
    archives.push({ platform: name, path: archive });
  }

  if (opts.sdks) {
    const schemaPath = join(work, "schema.json");
    writeFileSync(schemaPath, `${JSON.stringify(packageSchema(version, opts.pluginDownloadURL), null, 2)}\n`);
    const sdk = join(work, "sdk");
    generateSdks(
      pulumiBin(),
      schemaPath,
      sdk,
      { version, description, pluginDownloadURL: opts.pluginDownloadURL },
      progress,
    );
    written.push(...pythonPackages(join(sdk, "python"), work, opts.out, progress));
    written.push(nodejsPackage(join(sdk, "nodejs"), work, opts.out, progress));
    written.push(goModuleZip(join(sdk, "go"), work, opts.out, version));
    written.push(...javaPackage(join(sdk, "java"), work, opts.out, version, progress));
  }
  written.push(
    ...writePins(opts.out, { name: PACKAGE, version, pluginDownloadURL: opts.pluginDownloadURL }, archives),
  );
  written.push(writeChecksums(opts.out));
  rmSync(work, { recursive: true, force: true });
  progress(`${written.length} files in ${opts.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const file of written) console.log(file);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
