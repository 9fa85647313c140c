// `npm run lint` keeps the shape of provider/: it fails on an import cycle, on an import from a lower
// layer into a face, on an import of tests/ from scripts/ or of anything from the emulator, and on
// an export nothing uses. Each is made in a copy of the repository.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../support/commands";
import { REPO_ROOT } from "../../scripts/harness/engine";

/** A copy of the repository's sources and configuration, sharing its node_modules. */
function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), "lint-rules-"));
  for (const entry of ["provider", "emulator", "tests", "scripts", "examples"]) {
    cpSync(join(REPO_ROOT, entry), join(dir, entry), {
      recursive: true,
      filter: (src) => !src.includes("node_modules"),
    });
  }
  for (const file of ["package.json", "tsconfig.json", "knip.json", ".dependency-cruiser.cjs"]) {
    cpSync(join(REPO_ROOT, file), join(dir, file));
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** Adds a line at the top of a file of the copy. */
function prepend(dir: string, file: string, line: string): void {
  const path = join(dir, file);
  writeFileSync(path, `${line}\n${readFileSync(path, "utf8")}`);
}

const bin = (dir: string, name: string) => join(dir, "node_modules", ".bin", name);

describe("npm run lint keeps the layers and the dead code out", function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => (dir = copyOfRepository()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const depcruise = () =>
    runCommand(
      bin(dir, "depcruise"),
      ["--config", ".dependency-cruiser.cjs", "provider", "emulator", "scripts"],
      {
        cwd: dir,
        env: process.env,
      },
    );

  it("the copy passes as the repository does", async () => {
    const run = await depcruise();
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it("fails on a new import cycle, type-only imports included", async () => {
    prepend(
      dir,
      "provider/core/openLock.ts",
      'import type { ActivationResult } from "./activation";\nexport type Probe = ActivationResult;',
    );
    const run = await depcruise();
    assert.notEqual(run.code, 0);
    assert.match(
      run.stdout,
      /no-circular: provider\/core\/activation\.ts → \s+provider\/core\/openLock\.ts →\s+provider\/core\/activation\.ts/,
    );
  });

  it("fails on an import from a lower layer into a face", async () => {
    prepend(dir, "provider/transport/operations.ts", 'import "../command/statusOutput";');
    const run = await depcruise();
    assert.notEqual(run.code, 0);
    assert.match(
      run.stdout,
      /transport-imports-down-only: provider\/transport\/operations\.ts → provider\/command\/statusOutput\.ts/,
    );
  });

  it("fails on the settings table imported into transport, and on Pulumi imported into the core", async () => {
    prepend(dir, "provider/transport/clock.ts", 'import "../config/keys";');
    prepend(dir, "provider/core/replies.ts", 'import "@pulumi/pulumi";');
    const run = await depcruise();
    assert.notEqual(run.code, 0);
    assert.match(
      run.stdout,
      /transport-imports-down-only: provider\/transport\/clock\.ts → provider\/config\/keys\.ts/,
    );
    assert.match(
      run.stdout,
      /no-pulumi-below-its-layer: provider\/core\/replies\.ts → node_modules\/@pulumi\/pulumi\//,
    );
  });

  it("fails on an import from one face into another", async () => {
    prepend(dir, "provider/command/statusOutput.ts", 'import "../plugin/registries";');
    const run = await depcruise();
    assert.notEqual(run.code, 0);
    assert.match(
      run.stdout,
      /faces-stay-apart: provider\/command\/statusOutput\.ts → provider\/plugin\/registries\.ts/,
    );
  });

  it("fails on an import from tests/ into scripts/, and from the emulator into anything else", async () => {
    prepend(dir, "scripts/demo.ts", 'import "../tests/support/files";');
    prepend(dir, "emulator/regions.ts", 'import "../provider/config/regionId";');
    const run = await depcruise();
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /scripts-not-tests: scripts\/demo\.ts → tests\/support\/files\.ts/);
    assert.match(run.stdout, /emulator-stands-alone: emulator\/regions\.ts → provider\/config\/regionId\.ts/);
  });

  it("fails on an export nothing uses", async () => {
    prepend(dir, "provider/config/endpoint.ts", "/** Nothing uses this. */\nexport const UNUSED_PROBE = 1;");
    const run = await runCommand(bin(dir, "knip"), [], { cwd: dir, env: process.env });
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /Unused exports[\s\S]*UNUSED_PROBE +provider\/config\/endpoint\.ts/);
  });
});
