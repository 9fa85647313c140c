// Each language's SDK package from the release, installed as a user installs it, in a project
// outside the clone: Python from the wheel in a fresh virtual environment, Go through a `replace`
// to the unzipped module, Node.js from the npm tarball, Java from the jar installed in a local
// Maven repository. The plugin is downloaded from the loopback release host, as the SDK's
// pluginDownloadURL says. Each program acts through an explicit provider with `assumeRole` (in
// Python, in the dict form), reads a region with `.get()` and the status function; each project
// is previewed (no write), brought up (exactly its regions, in the role's account), imports an
// active region with no write, and is destroyed (the feature stays enabled). Python, Go and Java
// run with no Node.js on PATH.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "../emulator/emulator";
import { cliSuite } from "../support/cliSuite";
import { ok, type PulumiCli } from "../support/pulumiCli";
import { release, type Release } from "../support/release";
import { python3, systemTools, userProject, which, type UserProject } from "../support/userProject";

const TYPE = "alicloud-ip-pool-service:index:PublicIpAddressPoolService";
const OPEN = "OpenPublicIpAddressPoolService";
const REGIONS = ["cn-hangzhou", "us-east-1"];

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
  async function scenario(project: UserProject, upTimeoutMs = 600_000) {
    const { caller, member, roleArn } = accounts();
    ok(await project.pulumi(60_000, "config", "set", "regions", REGIONS.join(",")), "config set regions");
    ok(await project.pulumi(60_000, "config", "set", "roleArn", roleArn), "config set roleArn");

    ok(await project.pulumi(upTimeoutMs, "preview"), "pulumi preview");
    assert.deepEqual(opens(), [], "a preview writes nothing");

    ok(await project.pulumi(upTimeoutMs, "up", "--yes"), "pulumi up");
    assert.deepEqual(opens(), REGIONS, "exactly the program's regions");
    assert.deepEqual(emulator.enabledRegions(member), ["cn-beijing", ...REGIONS]);
    assert.deepEqual(emulator.enabledRegions(caller), ["cn-shanghai"], "nothing in the caller's own account");
    const outputs = JSON.parse(
      ok(await project.pulumi(60_000, "stack", "output", "--json"), "stack output"),
    ) as {
      accountIds: string[];
      beijingOn: boolean;
      readAccountId: string;
    };
    assert.deepEqual(outputs.accountIds, [member, member]);
    assert.equal(outputs.beijingOn, true, "the status function reads the member account");
    assert.equal(outputs.readAccountId, member, ".get() reads through the provider");

    ok(
      await project.pulumi(
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
    assert.ok((await project.stateTypes()).filter((t) => t === TYPE).length >= 3);

    const destroy = ok(await project.pulumi(upTimeoutMs, "destroy", "--yes"), "pulumi destroy");
    assert.match(destroy, /stays enabled/);
    assert.deepEqual(
      (await project.stateTypes()).filter((t) => t === TYPE),
      [],
    );
    assert.deepEqual(
      emulator.enabledRegions(member),
      ["cn-beijing", ...REGIONS],
      "destroy turns nothing off",
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
status = ip_pool.get_public_ip_address_pool_service_status_output(
    region_id="cn-beijing", opts=pulumi.InvokeOutputOptions(provider=member)
)
existing = ip_pool.PublicIpAddressPoolService.get(
    "read-cn-beijing", "cn-beijing", opts=pulumi.ResourceOptions(provider=member)
)
pulumi.export("accountIds", [s.account_id for s in services])
pulumi.export("beijingOn", status.enabled)
pulumi.export("readAccountId", existing.account_id)
`,
      },
      { python3: python3() },
    );
    ok(await project.run(python3(), ["-m", "venv", "venv"]), "python3 -m venv venv");
    ok(
      await project.run(
        join(project.dir, "venv", "bin", "pip"),
        ["install", "--quiet", rel.file(/\.whl$/)],
        900_000,
      ),
      "pip install <wheel>",
    );
    await scenario(project);
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
		status := ippool.GetPublicIpAddressPoolServiceStatusOutput(ctx,
			ippool.GetPublicIpAddressPoolServiceStatusOutputArgs{RegionId: pulumi.String("cn-beijing")}, pulumi.Provider(member))
		existing, err := ippool.GetPublicIpAddressPoolService(ctx, "read-cn-beijing", pulumi.ID("cn-beijing"), nil, pulumi.Provider(member))
		if err != nil {
			return err
		}
		ctx.Export("accountIds", accountIds)
		ctx.Export("beijingOn", status.Enabled())
		ctx.Export("readAccountId", existing.AccountId)
		return nil
	})
}
`,
      },
      { go: which("go") },
    );
    mkdirSync(join(project.dir, "sdks"));
    ok(
      await project.run(which("unzip"), ["-q", rel.file(/go-sdk.*\.zip$/), "-d", join(project.dir, "sdks")]),
      "unzip",
    );
    const go = which("go");
    ok(await project.run(go, ["mod", "edit", `-replace=${module}=./sdks/go`]), "go mod edit -replace");
    ok(await project.run(go, ["get", `${module}@v0.0.0`]), "go get").toString();
    ok(await project.run(go, ["mod", "tidy"], 900_000), "go mod tidy");
    await scenario(project, 900_000);
  });

  it("Node.js: npm from the SDK's tarball, a TypeScript program", async () => {
    const npm = which("npm");
    const project = await userProject(
      cli,
      emulator,
      "nodejs",
      {
        "Pulumi.yaml": "name: ip-pool-nodejs-user\nruntime: nodejs\n",
        "package.json": JSON.stringify({ name: "ip-pool-nodejs-user", private: true, main: "index.ts" }),
        "index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as ipPool from "@alicloud-ip-pool-service/sdk";

const config = new pulumi.Config();
const member = new ipPool.Provider("member", { assumeRole: { roleArn: config.require("roleArn") } });
const services = config
  .require("regions")
  .split(",")
  .map((regionId) => new ipPool.PublicIpAddressPoolService(\`ip-pool-\${regionId}\`, { regionId }, { provider: member }));
const status = ipPool.getPublicIpAddressPoolServiceStatusOutput({ regionId: "cn-beijing" }, { provider: member });
const existing = ipPool.PublicIpAddressPoolService.get("read-cn-beijing", "cn-beijing", { provider: member });

export const accountIds = services.map((s) => s.accountId);
export const beijingOn = status.enabled;
export const readAccountId = existing.accountId;
`,
      },
      { ...systemTools(/^$/), node: process.execPath, npm },
    );
    ok(
      await project.run(
        npm,
        ["install", "--no-audit", "--no-fund", rel.file(/\.tgz$/), "@pulumi/pulumi@^3.269.0"],
        900_000,
      ),
      "npm install <tarball>",
    );
    await scenario(project);
  });

  it("Java: Maven from the jar installed in the local repository", async () => {
    const name = `pulumi-alicloud-ip-pool-service-${rel.version}`;
    const tools = systemTools(/^(node|nodejs|npm|npx|corepack)$/);
    const project = await userProject(
      cli,
      emulator,
      "java",
      {
        "Pulumi.yaml": "name: ip-pool-java-user\nruntime: java\n",
        "pom.xml": `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>ip-pool-java-user</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>11</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>io.github.alicloud-ip-pool-service</groupId>
      <artifactId>pulumi-alicloud-ip-pool-service</artifactId>
      <version>${rel.version}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.16.0</version>
      </plugin>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>exec-maven-plugin</artifactId>
        <version>3.1.0</version>
        <configuration>
          <mainClass>example.App</mainClass>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
`,
      },
      tools,
    );
    mkdirSync(join(project.dir, "src", "main", "java", "example"), { recursive: true });
    writeFileSync(
      join(project.dir, "src", "main", "java", "example", "App.java"),
      `package example;

import com.pulumi.Pulumi;
import com.pulumi.alicloudippoolservice.AlicloudippoolserviceFunctions;
import com.pulumi.alicloudippoolservice.Provider;
import com.pulumi.alicloudippoolservice.ProviderArgs;
import com.pulumi.alicloudippoolservice.PublicIpAddressPoolService;
import com.pulumi.alicloudippoolservice.PublicIpAddressPoolServiceArgs;
import com.pulumi.alicloudippoolservice.inputs.AssumeRoleArgs;
import com.pulumi.alicloudippoolservice.inputs.GetPublicIpAddressPoolServiceStatusArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.deployment.InvokeOptions;
import java.util.ArrayList;
import java.util.List;

public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            var config = ctx.config();
            var member = new Provider("member", ProviderArgs.builder()
                .assumeRole(AssumeRoleArgs.builder().roleArn(config.require("roleArn")).build())
                .build());
            var options = CustomResourceOptions.builder().provider(member).build();
            List<Output<String>> accountIds = new ArrayList<>();
            for (String regionId : config.require("regions").split(",")) {
                var service = new PublicIpAddressPoolService("ip-pool-" + regionId,
                    PublicIpAddressPoolServiceArgs.builder().regionId(regionId).build(), options);
                accountIds.add(service.accountId());
            }
            var status = AlicloudippoolserviceFunctions.getPublicIpAddressPoolServiceStatus(
                GetPublicIpAddressPoolServiceStatusArgs.builder().regionId("cn-beijing").build(),
                InvokeOptions.builder().provider(member).build());
            var existing = PublicIpAddressPoolService.get("read-cn-beijing", Output.of("cn-beijing"), options);
            ctx.export("accountIds", Output.all(accountIds));
            ctx.export("beijingOn", status.applyValue(s -> s.enabled()));
            ctx.export("readAccountId", existing.accountId());
        });
    }
}
`,
    );
    ok(
      await project.run(
        which("mvn"),
        [
          "-B",
          "-q",
          "install:install-file",
          `-Dfile=${rel.file(/\.jar$/)}`,
          `-DpomFile=${rel.file(/\.pom$/)}`,
        ],
        900_000,
      ),
      `mvn install:install-file ${name}.jar`,
    );
    await scenario(project, 900_000);
  });
});
