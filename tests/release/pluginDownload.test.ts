// The plugin fetches itself: a YAML project outside the clone names the plugin by name, version
// and pluginDownloadURL (a loopback release host serving `npm run release`), and `pulumi up` from
// an empty PULUMI_HOME, with automatic plugin acquisition on and no Node.js on PATH, downloads the
// plugin and activates exactly the program's regions. A corrupt or truncated archive, a 404 and a
// host that never answers fail with the engine's error and change nothing. Also the archives'
// layout, their checksums, and that each executable finds its entry.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Emulator } from "../../emulator";
import { cliSuite } from "../support/cliSuite";
import { runCommand, type CommandRun } from "../support/commands";
import { pulumiEngine } from "../../scripts/harness/engine";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { release, type Release } from "../support/release";
import type { ServeMode } from "../support/releaseServer";
import { DEFAULT_PLUGIN_DOWNLOAD_URL } from "../../provider/plugin/registries";

const PLUGIN = "pulumi-resource-alicloud-ip-pool-service";
const TYPE = "alicloud-ip-pool-service:index:PublicIpAddressPoolService";
const OPEN = "OpenPublicIpAddressPoolService";
const PACKAGE = "alicloud-ip-pool-service";
/** The label of this suite's download URLs: the host is shared with the suites that run beside it. */
const LABEL = "plugin-download";

/** A folder holding only links to `tools` (found on PATH): a PATH with no Node.js on it. */
function pathWithout(tools: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "path-"));
  for (const [name, target] of Object.entries(tools)) symlinkSync(target, join(dir, name));
  return dir;
}

/** Starts `command`, and resolves with the first line it prints (the port a plugin serves on). */
function firstLine(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill(), 30_000);
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("\n")) child.kill();
    });
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("close", () => {
      clearTimeout(timer);
      if (out.includes("\n")) resolve(out.split("\n")[0]);
      else reject(new Error(`${command} printed no line; stderr: ${err}`));
    });
  });
}

describe("the plugin fetches itself from its release host", function () {
  this.timeout(1_800_000);
  const suite = cliSuite({ languages: ["yaml"] });
  let emulator: Emulator;
  let cli: PulumiCli;
  let rel: Release;
  /** Projects made so far: each has a name of its own in the suite's backend. */
  let projects = 0;
  before(async function () {
    this.timeout(900_000);
    rel = await release();
  });
  beforeEach(() => ({ emulator, cli } = suite.current()));

  /**
   * A user's YAML project: resources by region, the plugin named by version and pluginDownloadURL
   * (the host's `mode` folder). `pulumiWith` runs a command with more variables.
   */
  async function yamlProject(mode: ServeMode, regions: string[], extra = "") {
    const dir = mkdtempSync(join(tmpdir(), "yaml-user-"));
    const options = `    options:\n      version: ${rel.version}\n      pluginDownloadURL: ${rel.server.url(mode, LABEL)}\n`;
    writeFileSync(
      join(dir, "Pulumi.yaml"),
      `name: ip-pool-${mode}-${(projects += 1)}\nruntime: yaml\nresources:\n` +
        regions
          .map((r) => `  ip-pool-${r}:\n    type: ${TYPE}\n    properties:\n      regionId: ${r}\n${options}`)
          .join("") +
        extra,
    );
    const home = join(dir, ".pulumi-home");
    const { binDir } = await pulumiEngine();
    const key = emulator.defaultAccount.keys[0];
    const env: NodeJS.ProcessEnv = {
      ...cli.env,
      PULUMI_HOME: home,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
      PATH: pathWithout({
        pulumi: join(binDir, "pulumi"),
        "pulumi-language-yaml": join(binDir, "pulumi-language-yaml"),
      }),
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
      ...emulator.endpointEnv,
    };
    const pulumiWith = (more: NodeJS.ProcessEnv, timeoutMs: number, ...args: string[]) =>
      runCommand(join(binDir, "pulumi"), args, { cwd: dir, env: { ...env, ...more }, timeoutMs });
    const pulumi = (timeoutMs: number, ...args: string[]) => pulumiWith({}, timeoutMs, ...args);
    ok(await pulumi(60_000, "stack", "init", "dev"), "pulumi stack init");
    return { dir, home, pulumi, pulumiWith };
  }

  /** The plugins installed in a PULUMI_HOME (lock files aside). */
  const installedIn = (home: string) =>
    existsSync(join(home, "plugins"))
      ? readdirSync(join(home, "plugins")).filter((d) => d.includes(PACKAGE) && !d.endsWith(".lock"))
      : [];

  /** The resources of the stack's state, by type. */
  async function stateTypes(pulumi: (t: number, ...a: string[]) => Promise<CommandRun>): Promise<string[]> {
    const exported = JSON.parse(ok(await pulumi(60_000, "stack", "export"), "pulumi stack export")) as {
      deployment: { resources?: Array<{ type: string }> };
    };
    return (exported.deployment.resources ?? []).map((r) => r.type);
  }

  it("holds each platform's executable at the archive's root, and SHA256SUMS checks every file", async () => {
    const linux = rel.file(new RegExp(`^${PLUGIN}-v${rel.version}-linux-amd64\\.tar\\.gz$`));
    const listing = ok(await runCommand("tar", ["-tzf", linux], { cwd: rel.dir, env: cli.env }), "tar -t");
    assert.deepEqual(listing.trim().split("\n"), [PLUGIN]);
    const darwin = rel.file(new RegExp(`^${PLUGIN}-v${rel.version}-darwin-arm64\\.tar\\.gz$`));
    const darwinListing = ok(
      await runCommand("tar", ["-tzf", darwin], { cwd: rel.dir, env: cli.env }),
      "tar -t",
    );
    assert.deepEqual(darwinListing.trim().split("\n").sort(), [PLUGIN, `${PLUGIN}.js`]);
    const sums = ok(
      await runCommand("sha256sum", ["-c", "SHA256SUMS"], { cwd: rel.dir, env: cli.env }),
      "sha256sum -c",
    );
    const checked = sums.trim().split("\n");
    assert.equal(checked.length, readdirSync(rel.dir).length - 1, "every file but SHA256SUMS itself");
    assert.ok(
      checked.every((l) => l.endsWith(": OK")),
      sums,
    );
    for (const pattern of [
      /\.whl$/,
      /^pulumi_alicloud_ip_pool_service-.*\.tar\.gz$/,
      /\.tgz$/,
      /go-sdk.*\.zip$/,
      /\.jar$/,
    ]) {
      rel.file(pattern);
    }
  });

  it("runs: the linux-amd64 executable with no Node.js on PATH, the darwin launcher with Node.js", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unpacked-"));
    for (const arch of ["linux-amd64", "darwin-arm64"]) {
      mkdirSync(join(dir, arch));
      const archive = rel.file(new RegExp(`-${arch}\\.tar\\.gz$`));
      ok(
        await runCommand("tar", ["-xzf", archive, "-C", join(dir, arch)], { cwd: dir, env: cli.env }),
        "tar -x",
      );
    }
    const port = await firstLine(join(dir, "linux-amd64", PLUGIN), [], { PATH: pathWithout({}) });
    assert.match(port, /^\d+$/, "the plugin serves and prints its port");
    const launched = await firstLine("/bin/sh", [join(dir, "darwin-arm64", PLUGIN)], {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    });
    assert.match(launched, /^\d+$/, "the launcher finds the bundle beside it");
    rmSync(dir, { recursive: true, force: true });
  });

  it("downloads the plugin into an empty PULUMI_HOME and activates exactly the program's regions; preview writes nothing", async () => {
    emulator.setRegion(emulator.defaultAccount.uid, "cn-beijing", { enabled: true });
    const status =
      "variables:\n  firstRegion:\n    fn::invoke:\n      function: alicloud-ip-pool-service:index:getPublicIpAddressPoolServiceStatus\n" +
      `      arguments:\n        regionId: cn-hangzhou\n      options:\n        version: ${rel.version}\n        pluginDownloadURL: ${rel.server.url("ok", LABEL)}\n` +
      `  read:\n    fn::invoke:\n      function: alicloud-ip-pool-service:index:getPublicIpAddressPoolServiceStatus\n      arguments:\n        regionId: cn-beijing\n      options:\n        version: ${rel.version}\n        pluginDownloadURL: ${rel.server.url("ok", LABEL)}\n` +
      "outputs:\n  firstRegionWasOn: ${firstRegion.enabled}\n  beijingOn: ${read.enabled}\n";
    const { home, pulumi } = await yamlProject("ok", ["cn-hangzhou", "us-east-1"], status);
    const earlier = (await rel.server.requests()).length;
    assert.equal(existsSync(join(home, "plugins")), false, "PULUMI_HOME starts empty");

    ok(await pulumi(300_000, "preview"), "pulumi preview");
    assert.deepEqual(
      emulator.log().filter((e) => e.action === OPEN),
      [],
      "a preview writes nothing",
    );
    const downloads = (await rel.server.requests())
      .slice(earlier)
      .filter((r) => r.mode === `ok~${LABEL}` && r.file.startsWith(PLUGIN));
    assert.deepEqual(
      downloads.map((r) => [r.file, r.status]),
      [[`${PLUGIN}-v${rel.version}-linux-amd64.tar.gz`, 200]],
      "one download, of this platform's archive",
    );
    const up = ok(await pulumi(300_000, "up", "--yes"), "pulumi up");
    assert.deepEqual(
      emulator
        .log()
        .filter((e) => e.action === OPEN)
        .map((e) => e.regionId)
        .sort(),
      ["cn-hangzhou", "us-east-1"],
    );
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), [
      "cn-beijing",
      "cn-hangzhou",
      "us-east-1",
    ]);
    assert.match(up, /beijingOn\s*:\s*true/);
    const plugins = JSON.parse(ok(await pulumi(60_000, "plugin", "ls", "--json"), "plugin ls")) as Array<{
      name: string;
      version: string;
    }>;
    assert.ok(plugins.some((p) => p.name === "alicloud-ip-pool-service" && p.version === rel.version));

    const writesBefore = emulator.log().filter((e) => e.action === OPEN).length;
    ok(
      await pulumi(300_000, "import", TYPE, "imported-beijing", "cn-beijing", "--yes", "--protect=false"),
      "pulumi import",
    );
    assert.equal(
      emulator.log().filter((e) => e.action === OPEN).length,
      writesBefore,
      "an import writes nothing",
    );

    const destroy = ok(await pulumi(300_000, "destroy", "--yes"), "pulumi destroy");
    assert.match(destroy, /stays enabled/);
    assert.deepEqual(await stateTypes(pulumi), []);
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), [
      "cn-beijing",
      "cn-hangzhou",
      "us-east-1",
    ]);
  });

  it("pins.txt's line of this platform refuses a tampered archive and installs nothing; it installs the genuine one, and pulumi up runs it", async () => {
    const pins = readFileSync(rel.file(/^pins\.txt$/), "utf8");
    const pinned = pins.split("\n")[pins.split("\n").indexOf("# linux-amd64") + 1];
    assert.match(
      pinned,
      new RegExp(
        `^pulumi plugin install resource ${PACKAGE} ${rel.version} --server github://\\S+ --checksum [0-9a-f]{64}$`,
      ),
    );
    const sha256 = createHash("sha256")
      .update(readFileSync(rel.file(/-linux-amd64\.tar\.gz$/)))
      .digest("hex");
    assert.ok(pinned.endsWith(sha256), "the pin is the archive's SHA-256");
    assert.ok(readFileSync(rel.file(/^SHA256SUMS$/), "utf8").includes(sha256), "as SHA256SUMS says");
    const args = pinned.split(" ").slice(1);

    const { home, pulumiWith } = await yamlProject("ok", ["cn-hangzhou"]);
    const tamperedHost = {
      PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: rel.override().replace(/\/ok\/$/, `/tampered~${LABEL}/`),
    };
    const refused = await pulumiWith(tamperedHost, 300_000, ...args);
    assert.notEqual(refused.code, 0, "the pinned install fails");
    assert.match(refused.stdout + refused.stderr, new RegExp(`invalid checksum, expected ${sha256}`));
    assert.deepEqual(installedIn(home), [], "nothing is installed");
    const unpinnedHome = join(home, "..", ".unpinned-home");
    ok(
      await pulumiWith({ ...tamperedHost, PULUMI_HOME: unpinnedHome }, 300_000, ...args.slice(0, -2)),
      "the same archive, unpinned, installs: the pin is what refused it",
    );
    assert.equal(installedIn(unpinnedHome).length, 1);

    const genuineHost = { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: rel.override(LABEL) };
    ok(await pulumiWith(genuineHost, 300_000, ...args), "the pinned install of the genuine archive");
    assert.deepEqual(installedIn(home), [`resource-${PACKAGE}-v${rel.version}`]);
    assert.deepEqual(emulator.log(), [], "installing sends nothing to the cloud");
    ok(
      await pulumiWith({ PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" }, 300_000, "up", "--yes"),
      "pulumi up with the pinned plugin",
    );
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), ["cn-hangzhou"]);
  });

  it("a stack made with 0.4.0's pluginDownloadURL (https, by version) previews, refreshes and updates with no change under the github:// URL, through a mirror", async () => {
    const { dir, pulumi, pulumiWith } = await yamlProject("ok", ["cn-hangzhou", "us-east-1"]);
    ok(await pulumi(300_000, "up", "--yes"), "pulumi up with the former URL");
    const opens = () => emulator.log().filter((e) => e.action === OPEN).length;
    const writes = opens();
    assert.equal(writes, 2);
    const program = join(dir, "Pulumi.yaml");
    writeFileSync(
      program,
      readFileSync(program, "utf8").split(rel.server.url("ok", LABEL)).join(DEFAULT_PLUGIN_DOWNLOAD_URL),
    );
    const mirror = { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: rel.override(LABEL) };
    const previewed = ok(await pulumiWith(mirror, 300_000, "preview", "--expect-no-changes"), "preview");
    assert.match(previewed, /3 unchanged/);
    const refreshed = ok(await pulumiWith(mirror, 300_000, "refresh", "--yes"), "refresh");
    assert.doesNotMatch(refreshed, /updated|deleted/);
    const upped = ok(await pulumiWith(mirror, 300_000, "up", "--yes"), "up");
    assert.match(upped, /3 unchanged/);
    assert.equal(opens(), writes, "no write");
  });

  for (const [mode, cause] of [
    ["corrupt", /gzip|tar|checksum|invalid|flate|unexpected EOF/i],
    ["truncated", /EOF|expected|bytes|failed/i],
    ["missing", /404|not found/i],
  ] as const) {
    it(`fails with the engine's error and changes nothing when the archive is ${mode}`, async () => {
      const { home, pulumi } = await yamlProject(mode, ["cn-hangzhou"]);
      const up = await pulumi(300_000, "up", "--yes");
      assert.notEqual(up.code, 0, "the up fails");
      const said = `${up.stdout}\n${up.stderr}`;
      assert.match(said, /alicloud-ip-pool-service/);
      assert.match(said, cause);
      assert.ok(
        (await rel.server.requests()).some((r) => r.mode === `${mode}~${LABEL}`),
        "the engine asked the host",
      );
      assert.deepEqual(emulator.log(), [], "nothing reached the cloud");
      assert.deepEqual(await stateTypes(pulumi), []);
      const installed = existsSync(join(home, "plugins"))
        ? readdirSync(join(home, "plugins")).filter(
            (d) => d.includes("alicloud-ip-pool-service") && !d.endsWith(".lock"),
          )
        : [];
      assert.deepEqual(installed, [], "no plugin is left installed");
    });
  }

  it("stays held while a host never answers, sends nothing, and an interrupted up changes nothing", async () => {
    const { pulumi } = await yamlProject("hang", ["cn-hangzhou"]);
    // The engine sets no timeout on a plugin download: the up waits until it is interrupted.
    const up = await pulumi(20_000, "up", "--yes");
    assert.notEqual(up.code, 0);
    assert.ok(
      (await rel.server.requests()).some((r) => r.mode === `hang~${LABEL}`),
      "the engine asked the host",
    );
    assert.deepEqual(emulator.log(), [], "nothing reached the cloud");
    assert.deepEqual(await stateTypes(pulumi), []);
  });
});
