// `npm run release:check`, the dry runs release.yml runs before it publishes, on the release this
// test run built: every check passes on it (npm publish --dry-run of both packages, twine check,
// mvn -Prelease verify, SHA256SUMS), and a release whose pom was changed after it was built fails
// the Maven and checksum checks, naming them.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { runCommand } from "../support/commands";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { release, type Release } from "../support/release";

const check = (dir: string) =>
  runCommand("npm", ["run", "--silent", "release:check", "--", dir], {
    cwd: REPO_ROOT,
    env: process.env,
    timeoutMs: 900_000,
  });

describe("npm run release:check: the dry run of every publish", function () {
  this.timeout(1_800_000);
  let rel: Release;
  before(async function () {
    this.timeout(900_000);
    rel = await release();
  });

  it("passes on the release: npm, PyPI, Maven Central and the checksums", async () => {
    const run = await check(rel.dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /every dry run passed \(sums, npm, pypi, maven\)/);
    assert.match(
      run.stderr,
      /npm passed: pulumi-alicloud-ip-pool-service@\S+, @alicloud-ip-pool-service\/sdk@\S+/,
    );
    assert.match(run.stderr, /maven passed: .*-sources\.jar, -javadoc\.jar/);
  });

  it("fails on a release whose pom is not the SDK's, naming the Maven and checksum checks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "release-check-"));
    try {
      cpSync(rel.dir, dir, { recursive: true });
      const pom = join(dir, basename(rel.file(/\.pom$/)));
      writeFileSync(pom, readFileSync(pom, "utf8").replace("<url>", "<url>https://example.test/other"));
      const run = await check(dir);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /failed: sums, maven$/m);
      assert.match(run.stderr, /maven FAILED: the release's .*\.pom is not sdk\/java\/pom\.xml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
