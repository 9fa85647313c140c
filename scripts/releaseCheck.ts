// `npm run release:check -- DIR`: the dry run of every publish step of .github/workflows/release.yml,
// on a release folder made by `npm run release`: `npm publish --dry-run` of the dynamic resource's
// package and of the Node.js SDK's tarball, `twine check --strict` of the wheel and the sdist,
// `mvn -Prelease verify` of the Java SDK (sources and javadoc jars; signing left out, as no key is
// here) with its jar's classes and its pom compared with the release's, and `sha256sum --check`
// of SHA256SUMS. Nothing is uploaded.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { JAVA_ARTIFACT } from "../provider/plugin/registries";
import { run, toolVenv } from "./release/packages";

const ROOT = join(__dirname, "..");

const USAGE = `Usage: npm run release:check -- DIR [--help]

Runs the dry run of each publish of a release (DIR: what \`npm run release\` wrote, default
dist/release), as .github/workflows/release.yml does before it publishes:
  npm     npm publish --dry-run of this package and of the Node.js SDK's tarball
  pypi    twine check --strict of the wheel and the sdist (twine in a virtual environment made
          once per machine)
  maven   mvn -Prelease -Dgpg.skip verify of sdk/java: the jar, sources and javadoc Maven Central
          takes; the jar's classes and the pom must be the release's
  sums    sha256sum --check SHA256SUMS
Progress goes to stderr; the last line says which passed. Exits 1 when one fails.`;

/** The one file of `dir` whose name matches `pattern`. */
function fileIn(dir: string, pattern: RegExp): string {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`${dir} has ${found.length} files matching ${pattern}, not 1`);
  return join(dir, found[0]);
}

/** npm publish --dry-run of this package and of the SDK's tarball. */
function npmDryRun(dir: string): string {
  // Under `npm run --silent`, npm hands its children loglevel silent, which hides what they would publish.
  const env = { ...process.env, npm_config_loglevel: "notice" };
  const own = run("npm", ["publish", "--dry-run", "--ignore-scripts"], ROOT, env);
  const sdk = run(
    "npm",
    ["publish", "--dry-run", "--access", "public", fileIn(dir, /-sdk-.*\.tgz$/)],
    ROOT,
    env,
  );
  return [own, sdk].map((out) => /\+ (\S+)/.exec(out)?.[1] ?? "?").join(", ");
}

/** twine check --strict of the wheel and the sdist. */
function twineCheck(dir: string): string {
  const python = toolVenv("release-twine", "twine==7.0.0", (line) =>
    process.stderr.write(`release:check: ${line}\n`),
  );
  const files = [fileIn(dir, /\.whl$/), fileIn(dir, /^pulumi_alicloud_ip_pool_service-.*\.tar\.gz$/)];
  run(python, ["-m", "twine", "check", "--strict", ...files], ROOT);
  return files.map((f) => f.split("/").pop()).join(", ");
}

/** The class files of a jar. */
function classesOf(jar: string): string[] {
  return run("unzip", ["-Z1", jar], ROOT)
    .split("\n")
    .filter((e) => e.endsWith(".class"))
    .sort();
}

/** mvn -Prelease verify of a copy of sdk/java; its jar's classes and pom against the release's. */
function mavenVerify(dir: string): string {
  const work = mkdtempSync(join(tmpdir(), "release-check-java-"));
  try {
    cpSync(join(ROOT, "sdk", "java"), work, { recursive: true });
    run("mvn", ["-B", "-q", "-Prelease", "-Dgpg.skip=true", "verify"], work);
    const released = fileIn(dir, new RegExp(`^${JAVA_ARTIFACT.artifactId}-[0-9].*\\.jar$`));
    const name = released
      .split("/")
      .pop()!
      .replace(/\.jar$/, "");
    const built = join(work, "target");
    for (const kind of ["", "-sources", "-javadoc"])
      if (!existsSync(join(built, `${name}${kind}.jar`)))
        throw new Error(`mvn verify made no ${name}${kind}.jar`);
    if (classesOf(join(built, `${name}.jar`)).join("\n") !== classesOf(released).join("\n"))
      throw new Error(`the release's ${name}.jar holds other classes than sdk/java builds: run npm run sdk`);
    if (!readFileSync(join(dir, `${name}.pom`)).equals(readFileSync(join(work, "pom.xml"))))
      throw new Error(`the release's ${name}.pom is not sdk/java/pom.xml: run npm run sdk`);
    return `${name}.jar, -sources.jar, -javadoc.jar, .pom`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv: string[]): void {
  if (argv.includes("--help") || argv.includes("-h")) return void console.log(USAGE);
  if (argv.length > 1 || argv.some((a) => a.startsWith("-"))) {
    console.error(`release:check: expected one folder, got ${JSON.stringify(argv)}\n\n${USAGE}`);
    process.exit(2);
  }
  const dir = resolve(argv[0] ?? join(ROOT, "dist", "release"));
  if (!existsSync(join(dir, "SHA256SUMS"))) {
    console.error(`release:check: ${dir} holds no SHA256SUMS: run npm run release first`);
    process.exit(2);
  }
  const checks: Array<[string, (d: string) => string]> = [
    ["sums", (d) => `${run("sha256sum", ["--check", "--quiet", "SHA256SUMS"], d).trim() || "every file"}`],
    ["npm", npmDryRun],
    ["pypi", twineCheck],
    ["maven", mavenVerify],
  ];
  const failed: string[] = [];
  for (const [name, check] of checks) {
    process.stderr.write(`release:check: ${name}...\n`);
    try {
      process.stderr.write(`release:check: ${name} passed: ${check(dir)}\n`);
    } catch (err) {
      failed.push(name);
      process.stderr.write(`release:check: ${name} FAILED: ${(err as Error).message}\n`);
    }
  }
  console.log(
    failed.length === 0
      ? `release:check: every dry run passed (${checks.map(([n]) => n).join(", ")})`
      : `release:check: failed: ${failed.join(", ")}`,
  );
  if (failed.length > 0) process.exit(1);
}

main(process.argv.slice(2));
