// `npm run demo`: the main job, end to end and offline. Starts the local emulator of the Alibaba
// Cloud VPC API, runs examples/many-regions through the real Pulumi engine with a local backend
// (a preview, then an up), and prints the activation state of each region.
import "./harness/isolateEnvironment";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import { pulumiEngine, REPO_ROOT } from "./harness/engine";
import { exampleProgram, exampleProjectName } from "./harness/programs";
import { createTestStack } from "./harness/stack";
import { credentialConfig } from "./harness/stackConfig";

const USAGE = `Usage: npm run demo -- [--regions <ids>] [--latency-ms <n>]

Runs examples/many-regions through the real Pulumi engine against a local emulator of the
Alibaba Cloud VPC API (nothing leaves this machine): a preview, then an up, then the activation
state of each region. The first run builds the Pulumi CLI if it is not installed (minutes).

Options:
  --regions <ids>     comma-separated regions (default cn-hangzhou,cn-shanghai,ap-southeast-1)
  --latency-ms <n>    emulated service time per API call (default 50)
  -h, --help          show this text`;

const EXAMPLE = join(REPO_ROOT, "examples", "many-regions");
const PROJECT = exampleProjectName(EXAMPLE);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        regions: { type: "string", default: "cn-hangzhou,cn-shanghai,ap-southeast-1" },
        "latency-ms": { type: "string", default: "50" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`demo: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const regions = values.regions.split(/[\s,]+/).filter(Boolean);
  const latencyMs = Number(values["latency-ms"]);

  console.log("demo: making the Pulumi engine available (scripts/pulumi-engine.sh)");
  await pulumiEngine({ showProgress: true });
  const emulator = await startEmulator({ latencyMs });
  console.log(`demo: emulator of the Alibaba Cloud VPC API on ${emulator.endpoint}`);
  const test = await createTestStack({
    projectName: PROJECT,
    stackName: "demo",
    emulator,
    program: exampleProgram(EXAMPLE),
    config: {
      ...credentialConfig(emulator.defaultAccount.keys[0]),
      [`${PROJECT}:regions`]: { value: regions.join(",") },
    },
  });
  try {
    const print = (text: string) => process.stdout.write(text);
    console.log(`\ndemo: pulumi preview (regions: ${regions.join(", ")})\n`);
    await test.stack.preview({ onOutput: print, color: "never" });
    const writesDuringPreview = emulator.log().filter((e) => e.wrote).length;
    console.log(`\ndemo: pulumi up\n`);
    const up = await test.stack.up({ onOutput: print, color: "never" });

    const enabled = up.outputs.enabled?.value as Record<string, boolean>;
    const adopted = up.outputs.adopted?.value as Record<string, boolean>;
    const opens = emulator.log().filter((e) => e.action === "OpenPublicIpAddressPoolService");
    console.log(
      "\ndemo: activation state per region (from the stack outputs, checked against the emulator)\n",
    );
    const rows = [["REGION", "ENABLED", "ADOPTED", "OPEN REQUEST ID"]];
    for (const regionId of [...regions].sort()) {
      const live = emulator.isEnabled(emulator.defaultAccount.uid, regionId);
      if (live !== enabled[regionId]) throw new Error(`state and emulator disagree for ${regionId}`);
      const requestId = opens.find((e) => e.regionId === regionId && e.outcome === "OK")?.requestId ?? "-";
      rows.push([regionId, enabled[regionId] ? "yes" : "no", adopted[regionId] ? "yes" : "no", requestId]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join("  ")
          .trimEnd(),
      );
    console.log(
      `\ndemo: API writes during the preview: ${writesDuringPreview}; Open calls during the up: ${opens.length}`,
    );
    return regions.every((r) => enabled[r]) ? 0 : 1;
  } finally {
    test.dispose();
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
