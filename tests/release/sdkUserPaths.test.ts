// Each language's SDK package from the release, installed as a user installs it, in a project
// outside the clone: Python from the wheel in a fresh virtual environment, Go through a `replace`
// to the unzipped module, Node.js from the npm tarball, Java from the jar installed in a local
// Maven repository. The Node.js and Java projects are copies of examples/nodejs and
// examples/java, driven by their READMEs' shell blocks as written. The plugin is downloaded from
// the loopback release host, as the SDK's pluginDownloadURL says. Each program acts through an
// explicit provider with `assumeRole` (in Python, in the dict form), reads a region with `.get()`
// and the status function; each project is previewed (no write), brought up (exactly its regions,
// in the role's account), imports an active region with no write, and is destroyed (the feature
// stays enabled); then `pulumi import` with code generation on (as users type it) prints the code
// of a region it adopts, and that code, as the program, previews with no change and no write.
// Python, Go and Java run with no Node.js on PATH.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { cliSuite } from "../support/cliSuite";
import type { CommandRun } from "../support/commands";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { printedCode } from "../support/printedCode";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { commandsOf, filledIn, readmeValues, shellBlocks, ShellSession } from "../support/readmeSession";
import { release, type Release } from "../support/release";
import {
  installWheel,
  python3,
  systemTools,
  userProject,
  which,
  type UserProject,
} from "../support/userProject";

const TYPE = "alicloud-ip-pool-service:index:PublicIpAddressPoolService";
const OPEN = "OpenPublicIpAddressPoolService";
/** The regions of every scenario: those the examples' READMEs set. */
const REGIONS = ["ap-southeast-1", "cn-hangzhou"];
const READ_REGION = "cn-beijing";

/** Where a project's program is, and how the code `pulumi import` prints becomes it. */
interface Program {
  /** The program's file, relative to the project. */
  file: string;
  /** The first line of the printed code. */
  firstLine: RegExp;
  /** The printed code made the file's text (default: as printed). */
  adapt?: (code: string) => string;
}

/** How a scenario acts on a project: its configuration, its preview and up, and any other `pulumi` command. */
interface Steps {
  /** The project's folder and program. */
  dir: string;
  program: Program;
  /** Sets `regions` to REGIONS, `roleArn` to `roleArn` and `readRegion` to READ_REGION. */
  configure(roleArn: string): Promise<void>;
  preview(): Promise<CommandRun>;
  up(): Promise<CommandRun>;
  pulumi(timeoutMs: number, ...args: string[]): Promise<CommandRun>;
}

describe("the SDK packages, installed as users install them", function () {
  this.timeout(2_400_000);
  const suite = cliSuite({ languages: ["python", "go", "java"] });
  let emulator: Emulator;
  let cli: PulumiCli;
  let rel: Release;
  before(async function () {
    this.timeout(900_000);
    rel = await release();
  });
  beforeEach(() => ({ emulator, cli } = suite.current()));

  /**
   * The accounts of a scenario: the caller's keys, a member account whose role trusts the caller,
   * `cn-beijing` on in the member account (read by `.get()` and the status function) and
   * `cn-shanghai` on in the caller's (imported through the default provider).
   */
  function accounts() {
    const caller = emulator.defaultAccount.uid;
    const member = emulator.addAccount().uid;
    const roleArn = emulator.addRole(member, { name: "ip-pool-admin", trustedAccounts: [caller] });
    emulator.setRegion(member, "cn-beijing", { enabled: true });
    emulator.setRegion(caller, "cn-shanghai", { enabled: true });
    return { caller, member, roleArn };
  }

  /** Opens in the emulator's log, as [account, region]. */
  const opens = () =>
    emulator
      .log()
      .filter((e) => e.action === OPEN)
      .map((e) => e.regionId)
      .sort();

  /** The scenario every language runs, judged by the emulator's log. */
  async function scenario(steps: Steps, upTimeoutMs = 600_000) {
    const { caller, member, roleArn } = accounts();
    await steps.configure(roleArn);

    ok(await steps.preview(), "pulumi preview");
    assert.deepEqual(opens(), [], "a preview writes nothing");

    ok(await steps.up(), "pulumi up");
    assert.deepEqual(opens(), REGIONS, "exactly the program's regions");
    assert.deepEqual(emulator.enabledRegions(member), [...REGIONS, READ_REGION].sort());
    assert.deepEqual(emulator.enabledRegions(caller), ["cn-shanghai"], "nothing in the caller's own account");
    const outputs = JSON.parse(
      ok(await steps.pulumi(60_000, "stack", "output", "--json"), "stack output"),
    ) as {
      accountIds: string[];
      readRegionEnabled: boolean;
      readRegionAccountId: string;
    };
    assert.deepEqual(outputs.accountIds, [member, member]);
    assert.equal(outputs.readRegionEnabled, true, "the status function reads the member account");
    assert.equal(outputs.readRegionAccountId, member, ".get() reads through the provider");

    ok(
      await steps.pulumi(
        upTimeoutMs,
        "import",
        TYPE,
        "imported-shanghai",
        "cn-shanghai",
        "--yes",
        "--protect=false",
      ),
      "pulumi import",
    );
    assert.deepEqual(opens(), REGIONS, "an import writes nothing");
    assert.ok((await stateTypes(steps)).filter((t) => t === TYPE).length >= 3);

    const destroy = ok(await steps.pulumi(upTimeoutMs, "destroy", "--yes"), "pulumi destroy");
    assert.match(destroy, /stays enabled/);
    assert.deepEqual(
      (await stateTypes(steps)).filter((t) => t === TYPE),
      [],
    );
    assert.deepEqual(
      emulator.enabledRegions(member),
      [...REGIONS, READ_REGION].sort(),
      "destroy turns nothing off",
    );

    // `pulumi import` as users type it: code generation on. Its code, as the program, changes nothing.
    const imported = ok(
      await steps.pulumi(upTimeoutMs, "import", TYPE, "generated-shanghai", "cn-shanghai", "--yes"),
      "pulumi import with code generation on",
    );
    assert.match(imported, /= 1 imported/);
    const code = printedCode(imported, steps.program.firstLine);
    assert.match(code, /cn-shanghai/);
    writeFileSync(join(steps.dir, steps.program.file), steps.program.adapt?.(code) ?? code);
    const previewed = ok(
      await steps.pulumi(upTimeoutMs, "preview", "--expect-no-changes"),
      "pulumi preview of the printed code",
    );
    assert.doesNotMatch(previewed, /to create|to update|to replace|to delete/);
    assert.deepEqual(opens(), REGIONS, "the import and the preview write nothing");
  }

  /** The types of the resources in the stack's state. */
  async function stateTypes(steps: Steps): Promise<string[]> {
    const exported = JSON.parse(ok(await steps.pulumi(60_000, "stack", "export"), "pulumi stack export")) as {
      deployment: { resources?: Array<{ type: string }> };
    };
    return (exported.deployment.resources ?? []).map((r) => r.type);
  }

  /** The steps of a project written inline: each a `pulumi` command of the test's own. */
  function inline(project: UserProject, program: Program, upTimeoutMs = 600_000): Steps {
    return {
      dir: project.dir,
      program,
      configure: async (roleArn) => {
        ok(await project.pulumi(60_000, "config", "set", "regions", REGIONS.join(",")), "config set regions");
        ok(await project.pulumi(60_000, "config", "set", "roleArn", roleArn), "config set roleArn");
        ok(await project.pulumi(60_000, "config", "set", "readRegion", READ_REGION), "config set readRegion");
      },
      preview: () => project.pulumi(upTimeoutMs, "preview"),
      up: () => project.pulumi(upTimeoutMs, "up", "--yes"),
      pulumi: (timeoutMs, ...args) => project.pulumi(timeoutMs, ...args),
    };
  }

  /**
   * The steps of a copy of examples/<example> in `project`: its README's blocks as written, in one
   * terminal with the project's PATH and PULUMI_HOME but none of the test's keys or endpoints (the
   * README sets them); `cd examples/<example>` enters the copy. Other commands run in that terminal,
   * bounded by the session's own limit (15 minutes a command).
   */
  function byReadme(example: string, project: UserProject, program: Program): Steps {
    const env = { ...project.env };
    const setByReadme = [
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      ...Object.keys(emulator.endpointEnv),
    ];
    for (const name of setByReadme) delete env[name];
    const session = new ShellSession(REPO_ROOT, { ...env, PULUMI_SKIP_CONFIRMATIONS: "true" });
    const quoted = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
    let blocks: string[] = [];
    return {
      dir: project.dir,
      program,
      configure: async (roleArn) => {
        blocks = shellBlocks(join(REPO_ROOT, "examples", example, "README.md")).map((b) =>
          filledIn(b, {
            ...readmeValues(emulator, rel, "readme"),
            [`cd examples/${example}`]: `cd ${project.dir}`,
            "<role ARN>": roleArn,
          }),
        );
        assert.equal(blocks.length, 4, `${example}: setup, emulator, role and run blocks`);
        ok(await session.run(blocks[0]), `${example}: the setup block`);
        assert.equal(session.directory, project.dir);
        ok(await session.run(blocks[1]), `${example}: the emulator block`);
        const set = commandsOf(blocks[2]);
        assert.deepEqual(set, [
          `pulumi config set roleArn ${roleArn}`,
          `pulumi config set readRegion ${READ_REGION}`,
        ]);
        ok(await session.run(blocks[2]), `${example}: the role block`);
        const config = JSON.parse(ok(await session.run("pulumi config --json"), "pulumi config")) as Record<
          string,
          { value?: string }
        >;
        assert.deepEqual(
          config[`ip-pool-${example}:regions`]?.value?.split(",").sort(),
          REGIONS,
          "the README's regions are the scenario's",
        );
      },
      preview: () => {
        const [preview] = commandsOf(blocks[3]);
        assert.equal(preview, "pulumi preview");
        return session.run(preview);
      },
      up: () => {
        const [, up] = commandsOf(blocks[3]);
        assert.equal(up, "pulumi up");
        return session.run(up);
      },
      pulumi: (_timeoutMs, ...args) => session.run(["pulumi", ...args].map(quoted).join(" ")),
    };
  }

  /** A project outside the clone holding a copy of the committed files of examples/<example> (its README aside). */
  function exampleCopy(example: string, language: string, tools: Record<string, string>) {
    const folder = `examples/${example}/`;
    const files = execFileSync("git", ["ls-files", folder], { cwd: REPO_ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f !== "" && f !== `${folder}README.md`);
    assert.ok(files.length > 0, `${folder} has committed files`);
    return userProject(
      cli,
      emulator,
      language,
      Object.fromEntries(
        files.map((f) => [f.slice(folder.length), readFileSync(join(REPO_ROOT, f), "utf8")]),
      ),
      tools,
    );
  }

  it("Python: pip from the wheel in a fresh virtual environment; assume_role as a dict", async () => {
    const project = await userProject(
      cli,
      emulator,
      "python",
      {
        "Pulumi.yaml":
          "name: ip-pool-python-user\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n",
        "__main__.py": `import pulumi
import pulumi_alicloud_ip_pool_service as ip_pool

config = pulumi.Config()
member = ip_pool.Provider("member", assume_role={"role_arn": config.require("roleArn")})
services = [
    ip_pool.PublicIpAddressPoolService(
        f"ip-pool-{region_id}", region_id=region_id, opts=pulumi.ResourceOptions(provider=member)
    )
    for region_id in config.require("regions").split(",")
]
read_region = config.require("readRegion")
status = ip_pool.get_public_ip_address_pool_service_status_output(
    region_id=read_region, opts=pulumi.InvokeOutputOptions(provider=member)
)
existing = ip_pool.PublicIpAddressPoolService.get(
    f"read-{read_region}", read_region, opts=pulumi.ResourceOptions(provider=member)
)
pulumi.export("accountIds", [s.account_id for s in services])
pulumi.export("readRegionEnabled", status.enabled)
pulumi.export("readRegionAccountId", existing.account_id)
`,
      },
      { python3: python3() },
    );
    // The engine downloads the plugin from the release's loopback host, as from a user's mirror.
    project.env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES = rel.override();
    await installWheel(project, rel.file(/\.whl$/));
    await scenario(inline(project, { file: "__main__.py", firstLine: /^import pulumi$/ }));
  });

  it("Go: the module zip, unzipped, through a replace", async () => {
    const module = "github.com/alicloud-ip-pool-service/pulumi-alicloud-ip-pool-service/sdk/go";
    const project = await userProject(
      cli,
      emulator,
      "go",
      {
        "Pulumi.yaml": "name: ip-pool-go-user\nruntime: go\n",
        "go.mod": `module ip-pool-go-user\n\ngo 1.26\n`,
        "main.go": `package main

import (
	"strings"

	ippool "${module}/alicloudippoolservice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		member, err := ippool.NewProvider(ctx, "member", &ippool.ProviderArgs{
			AssumeRole: &ippool.AssumeRoleArgs{RoleArn: pulumi.String(cfg.Require("roleArn"))},
		})
		if err != nil {
			return err
		}
		var accountIds pulumi.StringArray
		for _, regionID := range strings.Split(cfg.Require("regions"), ",") {
			service, err := ippool.NewPublicIpAddressPoolService(ctx, "ip-pool-"+regionID,
				&ippool.PublicIpAddressPoolServiceArgs{RegionId: pulumi.String(regionID)}, pulumi.Provider(member))
			if err != nil {
				return err
			}
			accountIds = append(accountIds, service.AccountId)
		}
		readRegion := cfg.Require("readRegion")
		status := ippool.GetPublicIpAddressPoolServiceStatusOutput(ctx,
			ippool.GetPublicIpAddressPoolServiceStatusOutputArgs{RegionId: pulumi.String(readRegion)}, pulumi.Provider(member))
		existing, err := ippool.GetPublicIpAddressPoolService(ctx, "read-"+readRegion, pulumi.ID(readRegion), nil, pulumi.Provider(member))
		if err != nil {
			return err
		}
		ctx.Export("accountIds", accountIds)
		ctx.Export("readRegionEnabled", status.Enabled())
		ctx.Export("readRegionAccountId", existing.AccountId)
		return nil
	})
}
`,
      },
      { go: which("go") },
    );
    project.env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES = rel.override();
    mkdirSync(join(project.dir, "sdks"));
    ok(
      await project.run(which("unzip"), ["-q", rel.file(/go-sdk.*\.zip$/), "-d", join(project.dir, "sdks")]),
      "unzip",
    );
    const go = which("go");
    ok(await project.run(go, ["mod", "edit", `-replace=${module}=./sdks/go`]), "go mod edit -replace");
    ok(await project.run(go, ["get", `${module}@v0.0.0`]), "go get").toString();
    ok(await project.run(go, ["mod", "tidy"], 900_000), "go mod tidy");
    await scenario(inline(project, { file: "main.go", firstLine: /^package main$/ }, 900_000), 900_000);
  });

  it("Node.js: npm from the SDK's tarball, a TypeScript program (examples/nodejs, by its README)", async () => {
    const project = await exampleCopy("nodejs", "nodejs", {
      ...systemTools(/^$/),
      node: process.execPath,
      npm: which("npm"),
    });
    await scenario(byReadme("nodejs", project, { file: "index.ts", firstLine: /^import \* as pulumi / }));
  });

  it("Java: Maven from the jar installed in the local repository (examples/java, by its README)", async () => {
    const project = await exampleCopy("java", "java", systemTools(/^(node|nodejs|npm|npx|corepack)$/));
    await scenario(
      byReadme("java", project, {
        file: "src/main/java/example/App.java",
        firstLine: /^package /,
        // The printed class, in the package the project's pom runs (example.App).
        adapt: (code) => code.replace(/^package [\w.]+;/, "package example;"),
      }),
      900_000,
    );
  });
});
