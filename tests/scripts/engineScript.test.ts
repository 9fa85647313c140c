// scripts/pulumi-engine.sh for a newcomer's first run: a missing language host is a warning for
// everything that does not need it, and the dynamic-provider plugin it writes says what is missing
// instead of waiting for ever.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { runCommand } from "../support/commands";

const SCRIPT = join(REPO_ROOT, "scripts", "pulumi-engine.sh");

describe("scripts/pulumi-engine.sh", function () {
  this.timeout(30_000);
  let bin: string;
  let cache: string;
  let run: Awaited<ReturnType<typeof runCommand>>;

  before(async () => {
    // A `pulumi` on PATH, and no language host anywhere nor any way to build one.
    bin = mkdtempSync(join(tmpdir(), "engine-bin-"));
    writeFileSync(join(bin, "pulumi"), "#!/bin/sh\necho v3.274.1\n");
    chmodSync(join(bin, "pulumi"), 0o755);
    cache = mkdtempSync(join(tmpdir(), "engine-cache-"));
    run = await runCommand(SCRIPT, [], {
      cwd: REPO_ROOT,
      env: {
        PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: cache,
        XDG_CACHE_HOME: cache,
        PULUMI_LANGUAGE_NODEJS_BUILD: join(cache, "no-such-build.sh"),
        PULUMI_LANGUAGE_HOSTS_BUILD: join(cache, "no-such-build.sh"),
      },
    });
  });

  it("warns of each missing language host and still succeeds, printing where the engine is", () => {
    assert.equal(run.code, 0, run.stderr);
    for (const lang of ["nodejs", "yaml", "python", "go"]) {
      assert.match(
        run.stderr,
        new RegExp(
          `^pulumi-engine: warning: pulumi-language-${lang} is not on PATH and cannot be built here`,
          "m",
        ),
      );
      assert.match(run.stderr, new RegExp(`\`pulumi up\` in a ${lang} project directory needs it`));
    }
    const dirs = run.stdout.trim().split(":");
    assert.ok(dirs.includes(bin), run.stdout);
  });

  it("writes a dynamic-provider plugin that exits at once, naming the directory, where @pulumi/pulumi cannot be found", async () => {
    const pluginDir = run.stdout.trim().split(":")[0];
    const program = mkdtempSync(join(tmpdir(), "no-pulumi-"));
    mkdirSync(join(program, "node_modules"));
    const started = Date.now();
    const plugin = await runCommand(join(pluginDir, "pulumi-resource-pulumi-nodejs"), [], {
      cwd: program,
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
      timeoutMs: 10_000,
    });
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.equal(plugin.code, 1);
    assert.match(
      plugin.stderr,
      new RegExp(`@pulumi/pulumi cannot be found from ${program}: run \`npm install @pulumi/pulumi\``),
    );
  });
});

describe("scripts/pulumi-engine.sh with a build script for the YAML, Python and Go hosts", function () {
  this.timeout(30_000);

  it("builds each missing host into the cache beside the CLI, once, calling the script with the directory and the language", async () => {
    const bin = mkdtempSync(join(tmpdir(), "engine-bin-"));
    writeFileSync(join(bin, "pulumi"), "#!/bin/sh\necho v3.274.1\n");
    chmodSync(join(bin, "pulumi"), 0o755);
    // The script builds only where Go is installed; the build script here needs none.
    writeFileSync(join(bin, "go"), "#!/bin/sh\nexit 0\n");
    chmodSync(join(bin, "go"), 0o755);
    const cache = mkdtempSync(join(tmpdir(), "engine-cache-"));
    const calls = join(cache, "calls.txt");
    const script = join(cache, "build.sh");
    writeFileSync(
      script,
      `#!/bin/sh\necho "$*" >> ${calls}\nprintf '#!/bin/sh\\n' > "$1/pulumi-language-$2"\nchmod +x "$1/pulumi-language-$2"\n`,
    );
    chmodSync(script, 0o755);
    const env = {
      PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: cache,
      XDG_CACHE_HOME: cache,
      PULUMI_LANGUAGE_NODEJS_BUILD: join(cache, "no-such-build.sh"),
      PULUMI_LANGUAGE_HOSTS_BUILD: script,
    };
    const first = await runCommand(SCRIPT, [], { cwd: REPO_ROOT, env });
    const second = await runCommand(SCRIPT, [], { cwd: REPO_ROOT, env });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const engineDir = join(cache, "pulumi-alicloud-ip-pool-service", "pulumi-v3.274.1", "bin");
    assert.deepEqual(
      readFileSync(calls, "utf8").trim().split("\n"),
      ["yaml", "python", "go"].map((lang) => `${engineDir} ${lang}`),
    );
    assert.match(second.stderr, /using cached build .*pulumi-language-yaml/);
    assert.equal(first.stdout.trim().split(":")[0], engineDir);
  });
});
