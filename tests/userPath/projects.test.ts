// The user's path: `pulumi` in a project directory, with the CLI and its Node.js language host,
// exactly as the README's lines run it. The emulator's log judges what happened, never an exit
// code alone: a program that ran the wrong file would exit 0 and activate nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { emulatorConfig, ok, type PulumiCli } from "../support/pulumiCli";
import { cliSuite } from "../support/cliSuite";

const OPEN = "OpenPublicIpAddressPoolService";

/** One project as the README tells a user to run it. */
interface ProjectCase {
  /** What the test calls it. */
  label: string;
  /** The project directory. */
  dir: string;
  /** Whether the README runs `npm install` there (the top level relies on the root's `npm ci`). */
  install: boolean;
  /** The project's own stack config (besides credentials and the endpoint). */
  config: Array<[string, string]>;
  /** The regions that config asks for, sorted. */
  regions: string[];
  /** The name the program gives the resource of a region. */
  resourceName: (regionId: string) => string;
}

const CASES: ProjectCase[] = [
  {
    label: "examples/one-region",
    dir: join(REPO_ROOT, "examples", "one-region"),
    install: true,
    config: [["alicloud:region", "cn-shenzhen"]],
    regions: ["cn-shenzhen"],
    resourceName: () => "ip-pool",
  },
  {
    label: "examples/many-regions",
    dir: join(REPO_ROOT, "examples", "many-regions"),
    install: true,
    config: [["regions", "cn-hangzhou,ap-southeast-1,us-east-1"]],
    regions: ["ap-southeast-1", "cn-hangzhou", "us-east-1"],
    resourceName: (r) => `ip-pool-${r}`,
  },
  {
    label: "the top-level project",
    dir: REPO_ROOT,
    install: false,
    config: [["regions", "cn-beijing,eu-central-1"]],
    regions: ["cn-beijing", "eu-central-1"],
    resourceName: (r) => `ip-pool-${r}`,
  },
];

describe("the user's path: `pulumi` in a project directory, through the CLI and its language host", function () {
  this.timeout(600_000);
  const suite = cliSuite({ latencyMs: 10 });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  const opens = () => emulator.log().filter((e) => e.action === OPEN);
  const uid = () => emulator.defaultAccount.uid;

  for (const project of CASES) {
    it(`${project.label}: preview writes nothing, up activates exactly its regions, refresh finds a region turned off, destroy says the feature stays on`, async () => {
      const { dir } = project;
      const stack = `cli-test-${process.pid}`;
      if (project.install) ok(await cli.npm(dir, "install"), `npm install in ${project.label}`);
      ok(await cli.pulumi(dir, "stack", "init", stack), "pulumi stack init");
      try {
        await cli.configSet(dir, [...project.config, ...emulatorConfig(emulator)]);

        const preview = ok(await cli.pulumi(dir, "preview"), "pulumi preview");
        assert.match(preview, new RegExp(`\\+ ${project.regions.length + 1} to create`), preview);
        assert.equal(opens().length, 0, "the preview sent an Open");
        assert.equal(emulator.log().length, 0, "a preview of new regions needs no API call");

        ok(await cli.pulumi(dir, "up", "--yes"), "pulumi up");
        assert.deepEqual(emulator.enabledRegions(uid()), project.regions, "the emulator's regions");
        assert.deepEqual(
          opens()
            .map((e) => e.regionId)
            .sort(),
          project.regions,
          "one Open per region",
        );
        assert.ok(
          emulator.log().every((e) => !e.overlapped),
          "two Opens overlapped",
        );

        const off = project.regions[0];
        emulator.setRegion(uid(), off, { enabled: false });
        emulator.clearLog();
        ok(await cli.pulumi(dir, "refresh", "--yes"), "pulumi refresh");
        assert.equal(opens().length, 0, "refresh must not write");
        const again = JSON.parse(ok(await cli.pulumi(dir, "preview", "--json"), "pulumi preview --json")) as {
          steps: Array<{ op: string; urn: string }>;
        };
        const planned = again.steps.filter((s) => s.op === "create").map((s) => s.urn.split("::").pop());
        assert.deepEqual(planned, [project.resourceName(off)], "the region turned off is planned again");
        ok(await cli.pulumi(dir, "up", "--yes"), "pulumi up after the refresh");
        assert.deepEqual(
          opens().map((e) => e.regionId),
          [off],
          "only the region turned off is activated again",
        );
        assert.deepEqual(emulator.enabledRegions(uid()), project.regions);

        emulator.clearLog();
        const destroy = ok(await cli.pulumi(dir, "destroy", "--yes"), "pulumi destroy");
        assert.equal(emulator.log().length, 0, "destroy called the API");
        for (const r of project.regions) {
          assert.match(
            destroy,
            new RegExp(`the Public IP Address Pool feature stays enabled in ${r}`),
            destroy,
          );
        }
      } finally {
        await cli.pulumi(dir, "stack", "rm", "--yes", "--force", stack);
      }
    });
  }
});
