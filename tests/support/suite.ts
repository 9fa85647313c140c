import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { pulumiEngine } from "../../scripts/harness/engine";
import { TRUSTS_EMULATOR_CA } from "../../scripts/harness/isolateEnvironment";
import type { ProviderHarness } from "./providerHarness";
import type { TestStack } from "../../scripts/harness/stack";

/** What a suite's hooks give its tests. */
export interface EmulatorSuite {
  /** The suite's emulator (reset before each test). */
  emulator(): Emulator;
  /** Registers a stack to dispose of after the suite, and returns it. */
  track(stack: TestStack): TestStack;
}

/** How a suite is set up. */
export interface SuiteOptions extends EmulatorOptions {
  /** Make the Pulumi engine available first (a machine without it builds it: minutes). */
  engine?: boolean;
  /** Point this harness's provider at the emulator before each test (stack config and environment). */
  provider?: ProviderHarness;
}

/**
 * Registers the mocha hooks of a suite against one emulator: started before the suite, reset
 * before each test, closed after the suite with every stack the tests tracked.
 */
export function emulatorSuite(options: SuiteOptions = {}): EmulatorSuite {
  const { engine, provider, ...emulatorOptions } = options;
  let emulator: Emulator | undefined;
  let restore: (() => void) | undefined;
  const stacks: TestStack[] = [];

  before(async function () {
    if (!TRUSTS_EMULATOR_CA) {
      throw new Error(
        "This process does not trust the emulator's TLS certificate, which STS calls need: run the tests with `npm test`, " +
          "or start mocha with NODE_EXTRA_CA_CERTS=emulator/tls/ca.pem.",
      );
    }
    if (engine) {
      this.timeout(45 * 60 * 1000);
      await pulumiEngine();
    }
    emulator = await startEmulator(emulatorOptions);
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await emulator?.close();
  });
  beforeEach(() => {
    emulator!.reset();
    if (provider) restore = provider.useEmulator(emulator!);
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  return {
    emulator: () => emulator!,
    track: (stack) => {
      stacks.push(stack);
      return stack;
    },
  };
}
