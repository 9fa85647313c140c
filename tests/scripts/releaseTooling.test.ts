// The release's tooling: the workflows pass actionlint (and a broken one fails it), each publish
// step of release.yml has its secret named and never written in, and `npm run set-version` moves
// the version in every file that pins it and in the CHANGELOG's heading, in a copy of the repository.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { releaseChangelog, replaceVersion, VERSIONED_FILES } from "../../scripts/setVersion";
import { runCommand } from "../support/commands";
import { REPO_ROOT } from "../../scripts/harness/engine";

const workflow = (name: string) => readFileSync(join(REPO_ROOT, ".github", "workflows", name), "utf8");

describe("the release's workflows", function () {
  this.timeout(300_000);

  it("pass actionlint, and a workflow with a mistake fails it", async () => {
    const passed = await runCommand(join(REPO_ROOT, "scripts", "actionlint.sh"), [], {
      cwd: REPO_ROOT,
      env: process.env,
      timeoutMs: 240_000,
    });
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
    try {
      const broken = join(dir, "broken.yml");
      writeFileSync(
        broken,
        workflow("ci.yml").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    neeeds: nothing"),
      );
      const failed = await runCommand(join(REPO_ROOT, "scripts", "actionlint.sh"), [broken], {
        cwd: REPO_ROOT,
        env: process.env,
        timeoutMs: 240_000,
      });
      assert.notEqual(failed.code, 0);
      assert.match(failed.stdout + failed.stderr, /neeeds/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("release.yml publishes each file to its registry, with every secret named and none written in, after the dry runs", () => {
    const release = workflow("release.yml");
    for (const step of [
      "npm run release\n",
      "npm run release:check -- dist/release",
      "gh release create",
      "npm publish --provenance --access public\n",
      "twine upload",
      "mvn -B -Prelease deploy",
      'git push origin "sdk/go/v${VERSION}"',
    ])
      assert.ok(release.includes(step), `release.yml runs ${step.trim()}`);
    for (const secret of [
      "NPM_TOKEN",
      "PYPI_API_TOKEN",
      "MAVEN_CENTRAL_USERNAME",
      "MAVEN_CENTRAL_PASSWORD",
      "MAVEN_GPG_PRIVATE_KEY",
      "MAVEN_GPG_PASSPHRASE",
    ])
      assert.ok(release.includes(`secrets.${secret}`), `${secret} is taken from the repository's secrets`);
    assert.doesNotMatch(
      release,
      /(npm_[A-Za-z0-9]{20,}|pypi-[A-Za-z0-9_-]{20,}|BEGIN PGP)/,
      "no secret is written in",
    );
    assert.match(workflow("ci.yml"), /run: bash \.ci\/run/);
  });
});

describe("npm run set-version", function () {
  this.timeout(300_000);

  it("replaces whole versions only, never a part of a longer one", () => {
    assert.equal(
      replaceVersion("v0.4.0 0.4.0.zip ==0.4.0 10.4.0 0.4.01 0.4.0.1 sdk-0.4.0-py3", "0.4.0", "0.5.0"),
      "v0.5.0 0.5.0.zip ==0.5.0 10.4.0 0.4.01 0.4.0.1 sdk-0.5.0-py3",
    );
    assert.equal(
      releaseChangelog("# C\n\n## [Unreleased]\n\n- a\n\n## [0.3.0] - 2026-11-30\n", "0.4.0", "2026-12-07"),
      "# C\n\n## [Unreleased]\n\n## [0.4.0] - 2026-12-07\n\n- a\n\n## [0.3.0] - 2026-11-30\n",
    );
    assert.throws(
      () => releaseChangelog("## [Unreleased]\n## [0.4.0] - x\n", "0.4.0", "d"),
      /already has a heading/,
    );
  });

  it("moves the version in package.json, the lock, every file that pins it and the CHANGELOG, in a copy; refuses a bad version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "set-version-"));
    try {
      for (const entry of [
        "scripts",
        "provider",
        "docs",
        "examples",
        "package.json",
        "package-lock.json",
        "CHANGELOG.md",
        "tsconfig.json",
      ])
        cpSync(join(REPO_ROOT, entry), join(dir, entry), {
          recursive: true,
          filter: (src) => !src.includes("node_modules"),
        });
      symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
      const { version: from } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        version: string;
      };
      const setVersion = (...args: string[]) =>
        runCommand("npm", ["run", "--silent", "set-version", "--", ...args], {
          cwd: dir,
          env: process.env,
          timeoutMs: 120_000,
        });

      const bad = await setVersion("v1");
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /"v1" is not a semantic version/);

      const moved = await setVersion("9.8.7", "--no-sdk");
      assert.equal(moved.code, 0, moved.stderr);
      assert.equal(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version, "9.8.7");
      const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
      assert.equal(lock.version, "9.8.7");
      assert.equal(lock.packages[""].version, "9.8.7");
      for (const file of VERSIONED_FILES) {
        const text = readFileSync(join(dir, file), "utf8");
        assert.ok(text.includes("9.8.7"), `${file} names the new version`);
        assert.equal(replaceVersion(text, from, "X"), text, `${file} no longer names ${from}`);
      }
      const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
      assert.match(changelog, /## \[Unreleased\]\n\n## \[9\.8\.7\] - \d{4}-\d{2}-\d{2}\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
