// examples/yaml, examples/python and examples/go on the user's path: their READMEs' shell blocks
// run as written, one terminal per README, from the clone's root, with the `pulumi` CLI and each
// language's host and no Node.js on PATH, against the emulator, with the release
// (`npm run release`) served on loopback as the README says. The emulator's log judges every step.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import { pulumiEngine, REPO_ROOT } from "../../scripts/harness/engine";
import { pathOf, python3, systemTools, which } from "../support/userProject";
import { ok, type PulumiCli } from "../support/pulumiCli";
import {
  commandsOf as commands,
  filledIn,
  readmeValues,
  shellBlocks,
  ShellSession,
} from "../support/readmeSession";
import { cliSuite } from "../support/cliSuite";
import { addYamlResources, printedCode } from "../support/printedCode";
import type { CommandRun } from "../support/commands";
import { release, type Release } from "../support/release";

const OPEN = "OpenPublicIpAddressPoolService";
const STATUS = "GetPublicIpAddressPoolServiceStatus";
/** The regions the READMEs set. */
const REGIONS = ["ap-southeast-1", "cn-hangzhou"];

/** Writes of the feature in the emulator's log. */
const writes = (emulator: Emulator) => emulator.log().filter((e) => e.action === OPEN);

describe("the user's path: the YAML, Python and Go examples, by their READMEs", function () {
  this.timeout(1_800_000);
  const suite = cliSuite({
    languages: ["yaml", "python", "go"],
    // The plugin is downloaded, as for a published provider, from the release's loopback host.
    env: () => ({ PULUMI_SKIP_CONFIRMATIONS: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" }),
  });
  let rel: Release;
  before(async function () {
    this.timeout(900_000);
    rel = await release();
  });
  let emulator: Emulator;
  let cli: PulumiCli;
  beforeEach(() => ({ emulator, cli } = suite.current()));

  /** Runs a README from its first block (setup) through its emulator block; returns the session and the rest. */
  async function startReadme(example: string, stack: string) {
    // As in a fresh clone: no virtual environment or SDK left by an earlier run (of another release).
    for (const made of ["venv", "sdks"])
      rmSync(join(REPO_ROOT, "examples", example, made), { recursive: true, force: true });
    const blocks = shellBlocks(join(REPO_ROOT, "examples", example, "README.md")).map((b) =>
      filledIn(b, readmeValues(emulator, rel, stack)),
    );
    // A user's PATH with no Node.js: the plugin is a single executable, and YAML, Python and Go need none.
    const { binDir } = await pulumiEngine();
    const tools = {
      ...systemTools(/^(node|nodejs|npm|npx|corepack)$/),
      ...Object.fromEntries(readdirSync(binDir).map((f) => [f, join(binDir, f)])),
      go: which("go"),
      python3: python3(),
    };
    const session = new ShellSession(REPO_ROOT, { ...cli.env, PATH: pathOf(tools) });
    ok(await session.run(blocks[0]), `${example}: the setup block`);
    assert.equal(session.directory, join(REPO_ROOT, "examples", example));
    ok(await session.run(blocks[1]), `${example}: the emulator block`);
    return { session, rest: blocks.slice(2) };
  }

  /** Runs one line of a block. */
  async function line(session: ShellSession, command: string): Promise<CommandRun> {
    return session.run(command);
  }

  /** Previews (0 writes, then `afterPreview`'s checks), then ups: exactly the README's regions, each Open once. */
  async function previewThenUp(
    session: ShellSession,
    block: string,
    example: string,
    afterPreview: () => void = () => undefined,
  ): Promise<string> {
    const [preview, up] = commands(block);
    assert.deepEqual([preview, up], ["pulumi preview", "pulumi up"]);
    const previewed = ok(await line(session, preview), `${example}: pulumi preview`);
    assert.match(previewed, /\+ \d+ to create/);
    assert.deepEqual(writes(emulator), [], `${example}: a preview writes nothing`);
    afterPreview();
    const upped = ok(await line(session, up), `${example}: pulumi up`);
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), REGIONS);
    assert.deepEqual(
      writes(emulator)
        .map((e) => e.regionId)
        .sort(),
      REGIONS,
      `${example}: one Open per region`,
    );
    return upped;
  }

  async function removeStack(example: string, stack: string): Promise<void> {
    await cli.pulumi(join(REPO_ROOT, "examples", example), "stack", "rm", "--yes", "--force", stack);
  }

  it("examples/yaml: preview writes nothing and reads the status (the invoke), up activates the component's regions, import prints code that previews with no change, destroy says they stay enabled", async () => {
    const stack = `readme-yaml-${process.pid}`;
    const uid = emulator.defaultAccount.uid;
    const pulumiYaml = join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml");
    const program = readFileSync(pulumiYaml, "utf8");
    try {
      const { session, rest } = await startReadme("yaml", stack);
      const [run, adopt, check, destroy] = rest;
      const upped = await previewThenUp(session, run, "yaml", () => {
        assert.deepEqual(
          emulator
            .log()
            .filter((e) => e.action === STATUS)
            .map((e) => e.regionId),
          ["cn-hangzhou"],
          "the status function is read during the preview, for the first region",
        );
        emulator.clearLog();
      });
      assert.match(upped, /enabledRegions\s*: \[\s*\[0\]: "ap-southeast-1"\s*\[1\]: "cn-hangzhou"/);
      assert.match(upped, new RegExp(`accountId\\s*: "${uid}"`));

      // `pulumi import` as the README prints it: code generation on, exit 0, no write.
      emulator.setRegion(uid, "eu-central-1", { enabled: true });
      emulator.clearLog();
      const [importLine] = commands(adopt);
      const imported = ok(await line(session, importLine), "pulumi import");
      assert.match(imported, /= 1 imported/);
      assert.deepEqual(writes(emulator), [], "an import writes nothing");
      addYamlResources(pulumiYaml, printedCode(imported, /^resources:$/));
      assert.deepEqual(commands(check), ["pulumi preview"]);
      const checked = ok(await session.run(check), "pulumi preview with the printed code");
      assert.doesNotMatch(checked, /to create|to update|to replace|to delete/);
      assert.match(checked, /\d+ unchanged/);
      assert.deepEqual(writes(emulator), [], "the preview writes nothing");

      emulator.clearLog();
      const destroyed = ok(await session.run(destroy), "pulumi destroy");
      assert.deepEqual(writes(emulator), []);
      for (const region of [...REGIONS, "eu-central-1"]) {
        assert.match(
          destroyed,
          new RegExp(
            `\\(ip-pool-${region}\\):\\s*\\n\\s*${region}: the Public IP Address Pool feature stays enabled in ${region}`,
          ),
          `the line is shown against ip-pool-${region}`,
        );
      }
      assert.deepEqual(
        emulator.enabledRegions(uid),
        [...REGIONS, "eu-central-1"].sort(),
        "the feature stays on",
      );
    } finally {
      writeFileSync(pulumiYaml, program);
      await removeStack("yaml", stack);
    }
  });

  it("examples/python: up activates the regions; import adopts an active region with no write and the next up changes nothing; get reads a region", async () => {
    const stack = `readme-python-${process.pid}`;
    const uid = emulator.defaultAccount.uid;
    try {
      const { session, rest } = await startReadme("python", stack);
      const [run, adopt, addRegion, read] = rest;
      await previewThenUp(session, run, "python");

      // `pulumi import` as the README prints it: code generation on, exit 0, no write.
      emulator.setRegion(uid, "cn-shanghai", { enabled: true });
      emulator.clearLog();
      const [importLine] = commands(adopt);
      const imported = ok(await line(session, importLine), "pulumi import");
      assert.match(imported, /= 1 imported/);
      assert.deepEqual(writes(emulator), [], "an import writes nothing");

      // The printed code added to the program previews with no change.
      const main = join(session.directory, "__main__.py");
      const program = readFileSync(main, "utf8");
      try {
        writeFileSync(main, `${program}\n${printedCode(imported, /^import pulumi$/)}`);
        const checked = ok(await line(session, "pulumi preview"), "pulumi preview with the printed code");
        assert.doesNotMatch(checked, /to create|to update|to replace|to delete/);
      } finally {
        writeFileSync(main, program);
      }

      // Or, as the README goes on, the region added to `regions`: the next up changes nothing.
      const [setRegions, upAgain] = commands(addRegion);
      ok(await line(session, setRegions), "config set regions");
      const next = ok(await line(session, upAgain), "pulumi up after the import");
      assert.doesNotMatch(next, /to create|created|to update|updated|to replace|replaced/);
      assert.deepEqual(writes(emulator), [], "the next up writes nothing");

      emulator.setRegion(uid, "eu-central-1", { enabled: true });
      emulator.clearLog();
      ok(await session.run(read), "the readRegion block");
      const outputs = JSON.parse(
        ok(await cli.pulumi(session.directory, "stack", "output", "--json"), "stack output"),
      ) as Record<string, unknown>;
      assert.equal(outputs.readRegionAccountId, uid, ".get() read the region and its account");
      assert.deepEqual(writes(emulator), []);
      assert.ok(emulator.log().some((e) => e.action === STATUS && e.regionId === "eu-central-1"));

      const refused = await line(
        session,
        "pulumi import alicloud-ip-pool-service:index:PublicIpAddressPoolService ip-pool-us-east-1 us-east-1",
      );
      assert.notEqual(refused.code, 0);
      assert.match(refused.stdout + refused.stderr, /Region us-east-1 cannot be imported: NotActive/);
    } finally {
      await removeStack("python", stack);
    }
  });

  it("examples/go: preview writes nothing, up activates exactly the regions", async () => {
    const stack = `readme-go-${process.pid}`;
    try {
      const { session, rest } = await startReadme("go", stack);
      await previewThenUp(session, rest[0], "go");
    } finally {
      await removeStack("go", stack);
    }
  });
});
