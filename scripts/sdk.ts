// `npm run sdk`: regenerates the committed SDKs (sdk/python, sdk/go, sdk/nodejs, sdk/java) and
// sdk/schema.json from the plugin's schema, with the default pluginDownloadURL. With --check it
// generates them into a temporary folder and fails on any difference from the committed ones, as
// CI does.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DEFAULT_PLUGIN_DOWNLOAD_URL } from "../provider/plugin/registries";
import { packageSchema } from "../provider/plugin/schema";
import { generateSdks, SDK_LANGUAGES } from "./release/sdks";

const ROOT = join(__dirname, "..");
const USAGE = `Usage: npm run sdk -- [--check] [--help]

Regenerates sdk/schema.json and the SDKs in sdk/${SDK_LANGUAGES.join(", sdk/")} from the plugin's
schema, with \`pulumi package gen-sdk\` (scripts/pulumi-engine.sh provides the CLI and its Java host).

  --check   generate into a temporary folder and list every file that differs from sdk/; exits 1
            when one does (CI runs this)
  --help    show this text`;

/** Every file under `dir`, by path relative to it, skipping build outputs. */
function files(dir: string, under = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (["node_modules", "bin", "target", "__pycache__"].includes(name)) return [];
    return statSync(path).isDirectory() ? files(path, under) : [relative(under, path)];
  });
}

/** Writes the schema and the SDKs into `out`. */
function generate(out: string): void {
  const { version, description } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
    description: string;
  };
  const schema = join(out, "schema.json");
  writeFileSync(schema, `${JSON.stringify(packageSchema(version, DEFAULT_PLUGIN_DOWNLOAD_URL), null, 2)}\n`);
  const bin = execFileSync(join(ROOT, "scripts", "pulumi-engine.sh"), [], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  generateSdks(
    bin,
    schema,
    out,
    { version, description, pluginDownloadURL: DEFAULT_PLUGIN_DOWNLOAD_URL },
    (line) => process.stderr.write(`sdk: ${line}\n`),
  );
}

function main(argv: string[]): void {
  if (argv.includes("--help") || argv.includes("-h")) return void console.log(USAGE);
  const unknown = argv.find((a) => a !== "--check");
  if (unknown) {
    console.error(`sdk: unknown argument ${JSON.stringify(unknown)}\n\n${USAGE}`);
    process.exit(2);
  }
  const committed = join(ROOT, "sdk");
  mkdirSync(committed, { recursive: true });
  if (!argv.includes("--check")) {
    generate(committed);
    console.log(`sdk: ${committed} regenerated`);
    return;
  }
  const fresh = mkdtempSync(join(tmpdir(), "sdk-check-"));
  try {
    generate(fresh);
    const want = new Set(files(fresh));
    const have = new Set(files(committed));
    const differ = [...new Set([...want, ...have])]
      .sort()
      .filter(
        (f) =>
          !want.has(f) ||
          !have.has(f) ||
          !readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))),
      );
    if (differ.length > 0) {
      console.error(
        `sdk: ${differ.length} file(s) of sdk/ differ from what the schema generates; run \`npm run sdk\` and commit:\n${differ.map((f) => `  sdk/${f}${!have.has(f) ? " (missing)" : !want.has(f) ? " (not generated)" : ""}`).join("\n")}`,
      );
      process.exit(1);
    }
    console.log(`sdk: sdk/ is what the schema generates (${want.size} files)`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
