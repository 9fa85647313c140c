// The SDKs as the packages a release publishes: the Python wheel and sdist, the npm tarball of the
// Node.js SDK, the Go module as a zip, and the Java SDK's jar with its pom. Each is built from a
// copy of the generated SDK in a work folder, with the language's own tools.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { JAVA_ARTIFACT } from "../../provider/plugin/registries";

type Progress = (line: string) => void;

/** Runs a command in `cwd` and returns its stdout; its output is shown only when it fails. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...args].join(" ")} failed in ${cwd} (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout ?? ""}${result.stderr ?? ""}`,
    );
  }
  return result.stdout;
}

/**
 * A virtual environment of the cache folder named `name`, holding `requirement` (a pip
 * requirement), made once per machine; returns its Python.
 */
export function toolVenv(name: string, requirement: string, progress: Progress): string {
  const venv = join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
    "pulumi-alicloud-ip-pool-service",
    name,
  );
  const python = join(venv, "bin", "python");
  if (!existsSync(join(venv, ".ready"))) {
    progress(`making ${venv} with ${requirement} (once per machine)`);
    run("python3", ["-m", "venv", venv], process.cwd());
    run(python, ["-m", "pip", "install", "--quiet", requirement], process.cwd());
    run(python, ["-c", "open('.ready', 'w').close()"], venv);
  }
  return python;
}

/** The wheel and the sdist of the Python SDK in `sdk`, written to `out`. */
export function pythonPackages(sdk: string, work: string, out: string, progress: Progress): string[] {
  const python = toolVenv("release-python", "build", progress);
  const dir = join(work, "python");
  cpSync(sdk, dir, { recursive: true });
  progress("building the Python wheel and sdist");
  run(python, ["-m", "build", "--outdir", join(work, "python-dist"), dir], work);
  return readdirSync(join(work, "python-dist")).map((file) => {
    copyFileSync(join(work, "python-dist", file), join(out, file));
    return join(out, file);
  });
}

/** The npm tarball of the Node.js SDK in `sdk`, compiled with its own dependencies, written to `out`. */
export function nodejsPackage(sdk: string, work: string, out: string, progress: Progress): string {
  const dir = join(work, "nodejs");
  cpSync(sdk, dir, { recursive: true });
  progress("installing the Node.js SDK's build dependencies and compiling it");
  run(
    "npm",
    ["install", "--silent", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"],
    dir,
  );
  run("npx", ["tsc"], dir);
  for (const file of ["package.json", "README.md"]) copyFileSync(join(dir, file), join(dir, "bin", file));
  const tarball = run("npm", ["pack", "--silent", "--pack-destination", out], join(dir, "bin"))
    .trim()
    .split("\n")
    .pop()!;
  return join(out, basename(tarball));
}

/** The Go module in `sdk` as a zip whose top folder is `go/`, written to `out`. */
export function goModuleZip(sdk: string, work: string, out: string, version: string): string {
  const dir = join(work, "go-zip");
  mkdirSync(dir, { recursive: true });
  cpSync(sdk, join(dir, "go"), { recursive: true });
  const zip = join(out, `pulumi-alicloud-ip-pool-service-go-sdk-v${version}.zip`);
  run("zip", ["-q", "-X", "-r", zip, "go"], dir);
  return zip;
}

/** The Java SDK in `sdk` built by Maven: its jar and pom, written to `out`. */
export function javaPackage(
  sdk: string,
  work: string,
  out: string,
  version: string,
  progress: Progress,
): string[] {
  const dir = join(work, "java");
  cpSync(sdk, dir, { recursive: true });
  progress("building the Java SDK's jar with Maven");
  run("mvn", ["-B", "-q", "-DskipTests", "package"], dir);
  const name = `${JAVA_ARTIFACT.artifactId}-${version}`;
  copyFileSync(join(dir, "target", `${name}.jar`), join(out, `${name}.jar`));
  copyFileSync(join(dir, "pom.xml"), join(out, `${name}.pom`));
  return [join(out, `${name}.jar`), join(out, `${name}.pom`)];
}
