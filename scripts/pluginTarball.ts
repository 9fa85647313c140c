// `npm run plugin:tarball`: the provider plugin as a tarball for
// `pulumi plugin install resource alicloud-ip-pool-service <version> --file <tarball>`. It holds
// the wrapper `pulumi-resource-alicloud-ip-pool-service` (Node.js runs the plugin) and the
// package with its production dependencies, so its users need Node.js and nothing else.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = join(__dirname, "..");
const PLUGIN = "pulumi-resource-alicloud-ip-pool-service";

const USAGE = `Usage: npm run plugin:tarball -- [--out DIR] [--help]

Builds the provider plugin's tarball, ${PLUGIN}-v<version>-<os>-<arch>.tar.gz, in DIR
(default: dist-plugin/), from \`npm pack\` of this repository and its production dependencies
(installed from the npm registry). Install it with:

  pulumi plugin install resource alicloud-ip-pool-service <version> --file <tarball>

The plugin needs Node.js 20 or later on PATH, nothing else. The last line printed is the tarball's path.`;

/** The wrapper the engine starts: Node.js runs the plugin's entry in the tarball's folder. */
const WRAPPER = `#!/bin/sh
# The provider plugin alicloud-ip-pool-service: Node.js runs it from the folder this file is in.
if ! command -v node >/dev/null 2>&1; then
  echo "${PLUGIN}: Node.js 20 or later must be on PATH to run this plugin" >&2
  exit 1
fi
exec node "$(dirname "$0")/node_modules/pulumi-alicloud-ip-pool-service/dist/plugin/main.js" "$@"
`;

function progress(line: string): void {
  process.stderr.write(`plugin:tarball: ${line}\n`);
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function main(argv: string[]): void {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const outAt = argv.indexOf("--out");
  const unknown = argv.filter((arg, i) => arg !== "--out" && i !== outAt + 1);
  if (unknown.length > 0 || (outAt >= 0 && !argv[outAt + 1])) {
    console.error(
      `plugin:tarball: ${unknown.length > 0 ? `unknown argument '${unknown[0]}'` : "--out needs a directory"}\n\n${USAGE}`,
    );
    process.exit(2);
  }
  const out = resolve(outAt >= 0 ? argv[outAt + 1] : join(ROOT, "dist-plugin"));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    devDependencies: Record<string, string>;
  };
  const work = mkdtempSync(join(tmpdir(), "plugin-tarball-"));
  try {
    progress("packing the package (npm pack, which builds it)");
    const packed = run("npm", ["pack", "--silent", "--pack-destination", work], ROOT)
      .trim()
      .split("\n")
      .pop()!;
    const folder = join(work, "plugin");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "package.json"),
      `${JSON.stringify(
        {
          name: PLUGIN,
          version: pkg.version,
          private: true,
          description: "The provider plugin alicloud-ip-pool-service, as `pulumi plugin install` unpacks it.",
          license: "Apache-2.0",
          dependencies: {
            [pkg.name]: `file:../${packed}`,
            "@pulumi/pulumi": pkg.devDependencies["@pulumi/pulumi"],
          },
        },
        null,
        2,
      )}\n`,
    );
    progress("installing its production dependencies (npm install --omit=dev)");
    run("npm", ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], folder);
    writeFileSync(join(folder, PLUGIN), WRAPPER);
    chmodSync(join(folder, PLUGIN), 0o755);
    const os = process.platform === "win32" ? "windows" : process.platform;
    const arch = process.arch === "x64" ? "amd64" : process.arch;
    mkdirSync(out, { recursive: true });
    const tarball = join(out, `${PLUGIN}-v${pkg.version}-${os}-${arch}.tar.gz`);
    progress(`writing ${tarball} (${readdirSync(join(folder, "node_modules")).length} top-level modules)`);
    run("tar", ["-czf", tarball, "-C", folder, "."], ROOT);
    console.log(tarball);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
