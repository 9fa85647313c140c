// The hooks of a suite that runs the `pulumi` CLI in project directories against one emulator.
import type { Emulator, EmulatorOptions } from "../../emulator";
import { pulumiCliFor, type PulumiCli } from "./pulumiCli";
import { emulatorSuite } from "./suite";

/** How a CLI suite is set up. */
export interface CliSuiteOptions extends EmulatorOptions {
  /** The language hosts the suite needs besides Node.js's (`yaml`, `python`, `go`). */
  languages?: readonly string[];
  /** Environment for every command beside the CLI's own, made once from the suite's emulator. */
  env?: (emulator: Emulator) => Record<string, string>;
}

/** What a CLI suite gives its tests. */
export interface CliSuite {
  /** The suite's emulator (reset before each test) and its CLI environment. */
  current(): { emulator: Emulator; cli: PulumiCli };
}

/**
 * Registers the mocha hooks of a suite that runs `pulumi` in project directories: the engine and
 * an emulator ({@link emulatorSuite}), then the CLI environment of {@link pulumiCliFor}, which
 * skips or fails the suite without its language hosts, removed after the suite.
 */
export function cliSuite(options: CliSuiteOptions = {}): CliSuite {
  const { languages, env, ...emulatorOptions } = options;
  const suite = emulatorSuite({ engine: true, ...emulatorOptions });
  let cli: PulumiCli | undefined;
  before(async function () {
    cli = await pulumiCliFor(this, env?.(suite.emulator()), languages);
  });
  after(() => cli?.dispose());
  return {
    current: () => {
      if (!cli) throw new Error("the CLI suite's hooks have not run");
      return { emulator: suite.emulator(), cli };
    },
  };
}

/**
 * The environment of a suite whose every provider instance, default or explicit, reads the
 * emulator's default account's keys and endpoints from the environment, as the key table names
 * them, with no confirmation asked.
 */
export function defaultAccountEnv(e: Emulator): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: e.defaultAccount.keys[0].accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: e.defaultAccount.keys[0].accessKeySecret,
    ...e.endpointEnv,
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
}
