// The plugin's second route to users: `npm run plugin:tarball`, then
// `pulumi plugin install resource alicloud-ip-pool-service <version> --file <tarball>`. A YAML
// program with no `packages:` entry then finds the plugin by name, and Node.js alone runs it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Emulator } from "../emulator/emulator";
import { REPO_ROOT } from "../support/engine";
import { runCommand } from "../support/commands";
import { ok, pluginEmulatorConfig, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };

describe("the plugin tarball, installed with `pulumi plugin install --file`", function () {
  this.timeout(900_000);
  const suite = cliSuite({ languages: ["yaml"], env: () => ({ PULUMI_SKIP_CONFIRMATIONS: "true" }) });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  it("builds, installs, and activates exactly a program's regions, with only Node.js beside the CLI", async () => {
    const out = mkdtempSync(join(tmpdir(), "plugin-tarball-"));
    const built = ok(
      await runCommand("npm", ["run", "--silent", "plugin:tarball", "--", "--out", out], {
        cwd: REPO_ROOT,
        env: cli.env,
        timeoutMs: 600_000,
      }),
      "npm run plugin:tarball",
    );
    const tarball = built.trim().split("\n").pop()!;
    assert.equal(dirname(tarball), out);
    assert.match(
      tarball,
      new RegExp(`pulumi-resource-alicloud-ip-pool-service-v${version}-linux-(amd64|arm64)\\.tar\\.gz$`),
    );
    const listing = ok(await runCommand("tar", ["-tzf", tarball], { cwd: out, env: cli.env }), "tar -t");
    assert.match(listing, /^\.\/pulumi-resource-alicloud-ip-pool-service$/m);
    assert.match(listing, /node_modules\/pulumi-alicloud-ip-pool-service\/dist\/plugin\/main\.js$/m);
    assert.doesNotMatch(listing, /^\.\/PulumiPlugin\.yaml$/m, "an executable plugin, not a source plugin");

    ok(
      await cli.pulumi(
        out,
        "plugin",
        "install",
        "resource",
        "alicloud-ip-pool-service",
        version,
        "--file",
        tarball,
      ),
      "pulumi plugin install",
    );
    const dir = mkdtempSync(join(tmpdir(), "plugin-installed-"));
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      "name: installed\nruntime: yaml\nresources:\n" +
        ["cn-hangzhou", "us-east-1"]
          .map(
            (r) =>
              `  ip-pool-${r}:\n    type: alicloud-ip-pool-service:index:PublicIpAddressPoolService\n    properties:\n      regionId: ${r}\n`,
          )
          .join(""),
    );
    ok(await cli.pulumi(dir, "stack", "init", "installed"), "stack init");
    try {
      await cli.configSet(dir, pluginEmulatorConfig(emulator));
      // The engine, its YAML host and Node.js: nothing else on PATH.
      const env = {
        ...cli.env,
        PATH: `${cli.env.PATH!.split(":")[0]}:${dirname(process.execPath)}:/usr/bin:/bin`,
      };
      const up = await runCommand("pulumi", ["up"], { cwd: dir, env });
      ok(up, "pulumi up");
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), ["cn-hangzhou", "us-east-1"]);
      assert.deepEqual(
        emulator
          .log()
          .filter((e) => e.action === "OpenPublicIpAddressPoolService")
          .map((e) => e.regionId)
          .sort(),
        ["cn-hangzhou", "us-east-1"],
      );
      const plugins = ok(await cli.pulumi(dir, "plugin", "ls", "--json"), "plugin ls");
      assert.ok(
        (JSON.parse(plugins) as Array<{ name: string; version: string }>).some(
          (p) => p.name === "alicloud-ip-pool-service" && p.version === version,
        ),
      );
    } finally {
      await cli.pulumi(dir, "stack", "rm", "--yes", "--force", "installed");
    }
  });
});
