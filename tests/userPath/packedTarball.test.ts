// What npm users get: the tarball of `npm pack`, installed into a fresh TypeScript project outside
// the repository beside another @pulumi/pulumi 3.x release, run with the `pulumi` CLI.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { emulatorConfig, ok, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";
import { runCommand } from "../support/commands";

/** The lowest @pulumi/pulumi of the peer range in package.json, tested here; the examples test 3.248.0. */
const LOWEST_PULUMI = "3.139.0";
const REGIONS = ["ap-northeast-1", "cn-qingdao", "eu-west-1"];

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  name: string;
  peerDependencies: Record<string, string>;
};

/** Every `package.json` of `@pulumi/pulumi` under a `node_modules` tree, at any depth. */
function pulumiCopies(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (!statSync(path).isDirectory()) continue;
      if (name === "pulumi" && d.endsWith(join("node_modules", "@pulumi"))) {
        found.push(join(path, "package.json"));
      }
      walk(path);
    }
  };
  walk(join(dir, "node_modules"));
  return found;
}

/** `npm pack --dry-run --json` of the repository: the files a user would install. */
async function packedFiles(): Promise<string[]> {
  const run = await runCommand("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO_ROOT,
    env: process.env,
  });
  const [pack] = JSON.parse(ok(run, "npm pack --dry-run")) as Array<{ files: Array<{ path: string }> }>;
  return pack.files.map((f) => f.path).sort();
}

describe("the packed package", function () {
  this.timeout(900_000);

  it("ships dist, README, LICENSE and package.json only, with no source map pointing at unshipped files", async () => {
    const files = await packedFiles();
    const outside = files.filter(
      (f) => !f.startsWith("dist/") && !["LICENSE", "README.md", "package.json"].includes(f),
    );
    assert.deepEqual(outside, []);
    for (const required of [
      "LICENSE",
      "README.md",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/command/cli.js",
    ]) {
      assert.ok(files.includes(required), `${required} is not shipped`);
    }
    for (const f of files.filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(join(REPO_ROOT, f), "utf8");
      const map = /\/\/# sourceMappingURL=(\S+)/.exec(text)?.[1];
      if (map) assert.ok(files.includes(join(f, "..", map)), `${f} points at ${map}, which is not shipped`);
    }
    const license = readFileSync(join(REPO_ROOT, "LICENSE"), "utf8");
    assert.match(
      license,
      /Apache License\s+Version 2\.0/,
      "LICENSE does not match package.json's Apache-2.0",
    );
  });

  it(`declares @pulumi/pulumi as a peer reaching back to ${LOWEST_PULUMI}, not as a dependency`, () => {
    assert.deepEqual(PACKAGE.peerDependencies, { "@pulumi/pulumi": `^${LOWEST_PULUMI}` });
  });

  describe(`installed into a fresh TypeScript project with @pulumi/pulumi ${LOWEST_PULUMI}`, () => {
    const suite = cliSuite({ latencyMs: 10 });
    let emulator: Emulator;
    let cli: PulumiCli;
    let project: string;
    before(() => (project = mkdtempSync(join(tmpdir(), "ip-pool-tarball-user-"))));
    beforeEach(() => ({ emulator, cli } = suite.current()));
    after(() => rmSync(project, { recursive: true, force: true }));

    it("has one @pulumi/pulumi in node_modules, and its `pulumi up` activates its regions", async () => {
      const [tarball] = JSON.parse(
        ok(
          await cli.npm(REPO_ROOT, "pack", "--json", "--ignore-scripts", "--pack-destination", project),
          "npm pack",
        ),
      ) as Array<{ filename: string }>;
      writeFileSync(
        join(project, "package.json"),
        JSON.stringify(
          {
            name: "tarball-user",
            private: true,
            main: "index.ts",
            dependencies: {
              "@pulumi/pulumi": LOWEST_PULUMI,
              [PACKAGE.name]: `file:./${tarball.filename}`,
            },
            devDependencies: { "@types/node": "^20.19.43", typescript: "~5.9.3" },
          },
          null,
          2,
        ),
      );
      writeFileSync(
        join(project, "Pulumi.yaml"),
        "name: tarball-user\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
      );
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            target: "ES2022",
            module: "commonjs",
            moduleResolution: "node",
            esModuleInterop: true,
            skipLibCheck: true,
          },
          files: ["index.ts"],
        }),
      );
      writeFileSync(
        join(project, "index.ts"),
        [
          `import { PublicIpAddressPoolService } from "${PACKAGE.name}";`,
          `export const regions = ${JSON.stringify(REGIONS)}.map(`,
          `  (regionId) => new PublicIpAddressPoolService(\`pool-\${regionId}\`, { regionId }).regionId,`,
          ");",
          "",
        ].join("\n"),
      );
      ok(await cli.npm(project, "install"), "npm install");
      const copies = pulumiCopies(project);
      assert.equal(copies.length, 1, `copies of @pulumi/pulumi: ${copies.join(", ")}`);
      assert.equal(
        (JSON.parse(readFileSync(copies[0], "utf8")) as { version: string }).version,
        LOWEST_PULUMI,
      );

      ok(await cli.pulumi(project, "stack", "init", "dev"), "pulumi stack init");
      await cli.configSet(project, emulatorConfig(emulator));
      const preview = ok(await cli.pulumi(project, "preview"), "pulumi preview");
      assert.match(preview, /\+ 4 to create/, preview);
      assert.equal(emulator.log().length, 0, "the preview called the API");
      ok(await cli.pulumi(project, "up", "--yes"), "pulumi up");
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), REGIONS);
      assert.equal(emulator.log().filter((e) => e.wrote).length, REGIONS.length);

      // The command the package installs works from the user's project too.
      const key = emulator.defaultAccount.keys[0];
      const status = ok(
        await runCommand(
          "npm",
          ["exec", "--", "alicloud-ip-pool-service", "status", "--json", "--region", REGIONS.join(",")],
          {
            cwd: project,
            env: {
              ...cli.env,
              ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
              ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
              ALICLOUD_VPC_ENDPOINT: emulator.endpoint,
            },
          },
        ),
        "alicloud-ip-pool-service status",
      );
      assert.deepEqual(
        (JSON.parse(status) as Array<{ regionId: string; enabled: boolean }>).map((r) => [
          r.regionId,
          r.enabled,
        ]),
        REGIONS.map((r) => [r, true]),
      );
    });
  });
});
