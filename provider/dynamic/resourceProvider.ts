// The dynamic provider of PublicIpAddressPoolService: the region lifecycle of pulumi/, typed as the
// SDK's ResourceProvider. The serialized provider loads this module by package name
// (`pulumi-alicloud-ip-pool-service/provider`) in the provider process and builds the provider
// object at `configure`, with the stack's configuration.
import type * as pulumi from "@pulumi/pulumi";
import { STACK_TERMS } from "../config/settingTerms";
import type { RetryPolicy } from "../transport/retry";
import { faceContext } from "../diagnostics/faceContext";
import { accountLifecycle } from "../pulumi/accountLifecycle";
import type { AccountInputs, AccountOutputs } from "../pulumi/accountRules";
import { lifecycleCalls } from "../pulumi/lifecycleCalls";
import { regionLifecycle } from "../pulumi/regionLifecycle";
import type { RegionInputs, RegionOutputs } from "../pulumi/regionRules";

/** What a provider object is built from. */
export interface ProviderOptions {
  /** The stack's configuration, as `configure` receives it (`pulumi.dynamic.Config` fits). */
  config: { get(key: string): unknown };
  /** Environment variables, read when a call is made. */
  env: NodeJS.ProcessEnv;
  /** Writes a line the engine shows the user (progress, and what delete leaves behind). */
  log: (line: string) => void;
  /** Overrides of the retry policy's tuning (tests make waits instant). */
  retry?: Partial<RetryPolicy>;
}

/** The methods of the dynamic provider, as the serialized provider calls them. */
export type PoolServiceProvider = Required<
  Pick<
    pulumi.dynamic.ResourceProvider<RegionInputs, RegionOutputs>,
    "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;

/**
 * Builds the provider of {@link PublicIpAddressPoolService} for one stack configuration: the
 * region lifecycle, called the way the dynamic provider host calls it.
 */
export function createProvider(options: ProviderOptions): PoolServiceProvider {
  const { config, env, log, retry } = options;
  const lifecycle = regionLifecycle(
    lifecycleCalls({ config, env, context: faceContext(STACK_TERMS, { log, retry }) }),
  );
  return {
    check: (olds, news) => lifecycle.check(olds, news as unknown as Record<string, unknown>),
    diff: (_id, olds, news) => lifecycle.diff(olds, news),
    create: (inputs) => lifecycle.create(inputs),
    read: async (id, props) => {
      // Imports do not reach a dynamic provider: what it reads is only ever id and props.
      const { id: read, props: outs } = await lifecycle.read(id, props);
      return { id: read, props: outs };
    },
    update: (_id, olds, news) => lifecycle.update(olds, news),
    async delete(_id, props) {
      await lifecycle.delete(props);
    },
  };
}

/** The methods of the account resource's dynamic provider, as its serialized provider calls them. */
export type AccountProvider = Required<
  Pick<
    pulumi.dynamic.ResourceProvider<AccountInputs, AccountOutputs>,
    "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;

/**
 * Builds the provider of {@link PublicIpAddressPoolServiceAccount} for one stack configuration:
 * the account lifecycle, called the way the dynamic provider host calls it.
 */
export function createAccountProvider(options: ProviderOptions): AccountProvider {
  const { config, env, log, retry } = options;
  const lifecycle = accountLifecycle(
    lifecycleCalls({ config, env, context: faceContext(STACK_TERMS, { log, retry }) }),
  );
  return {
    check: (olds, news) => lifecycle.check(olds, news as unknown as Record<string, unknown>),
    diff: async (_id, olds, news) => {
      const { changes, replaces, deleteBeforeReplace } = await lifecycle.diff(olds, news);
      return { changes, replaces, deleteBeforeReplace };
    },
    create: (inputs) => lifecycle.create(inputs),
    read: async (id, props) => {
      const { id: read, props: outs } = await lifecycle.read(id, props);
      return { id: read, props: outs };
    },
    update: (_id, olds, news) => lifecycle.update(olds, news),
    async delete(_id, props) {
      await lifecycle.delete(props);
    },
  };
}
