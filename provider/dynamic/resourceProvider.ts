// The dynamic providers of PublicIpAddressPoolService and PublicIpAddressPoolServiceAccount: the
// region and account lifecycles of pulumi/, typed as the SDK's ResourceProvider. The serialized provider loads this module by package name
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

/** The methods of a dynamic provider over inputs `I` and outputs `O`, as its serialized provider calls them. */
type DynamicProvider<I, O> = Required<
  Pick<pulumi.dynamic.ResourceProvider<I, O>, "check" | "diff" | "create" | "read" | "update" | "delete">
>;

/** The methods of the dynamic provider, as the serialized provider calls them. */
export type PoolServiceProvider = DynamicProvider<RegionInputs, RegionOutputs>;

/** The methods of the account resource's dynamic provider, as its serialized provider calls them. */
export type AccountProvider = DynamicProvider<AccountInputs, AccountOutputs>;

/** A lifecycle of pulumi/ over inputs `I` and outputs `O`, as a dynamic provider calls it. */
interface Lifecycle<I, O> {
  check(olds: Partial<I> | undefined, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<I>>;
  diff(
    olds: O,
    news: I,
  ): Promise<{ changes: boolean; replaces?: string[]; deleteBeforeReplace?: boolean; diffs?: string[] }>;
  create(inputs: I): Promise<{ id: string; outs: O }>;
  read(id: string, props: O | undefined): Promise<{ id: string; props?: O }>;
  update(olds: O, news: I): Promise<{ outs: O }>;
  delete(props: O): Promise<void>;
}

/** A lifecycle called the way the dynamic provider host calls a provider. */
function dynamicProvider<I, O>(lifecycle: Lifecycle<I, O>): DynamicProvider<I, O> {
  return {
    check: (olds, news) => lifecycle.check(olds, news as unknown as Record<string, unknown>),
    diff: async (_id, olds, news) => {
      // The engine's DiffResult has no list of changed properties: an account's `diffs` stays behind.
      const { diffs: _diffs, ...result } = await lifecycle.diff(olds, news);
      return result;
    },
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

/** The calls of one stack configuration, in the stack's terms. */
function stackCalls({ config, env, log, retry }: ProviderOptions) {
  return lifecycleCalls({ config, env, context: faceContext(STACK_TERMS, { log, retry }) });
}

/**
 * Builds the provider of {@link PublicIpAddressPoolService} for one stack configuration: the
 * region lifecycle, called the way the dynamic provider host calls it.
 */
export function createProvider(options: ProviderOptions): PoolServiceProvider {
  return dynamicProvider(regionLifecycle(stackCalls(options)));
}

/**
 * Builds the provider of {@link PublicIpAddressPoolServiceAccount} for one stack configuration:
 * the account lifecycle, called the way the dynamic provider host calls it.
 */
export function createAccountProvider(options: ProviderOptions): AccountProvider {
  return dynamicProvider(accountLifecycle(stackCalls(options)));
}
