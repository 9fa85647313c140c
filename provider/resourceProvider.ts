// The dynamic provider's behaviour. The serialized provider loads this module by package name
// (`pulumi-alicloud-ip-pool-service/provider`) in the provider process and builds the provider
// object at `configure`, with the stack's configuration.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { activateRegion } from "./activation";
import { OpenLocks } from "./openLock";
import { PoolServiceApi, readConfiguration } from "./poolServiceApi";
import { shownError } from "./poolServiceError";
import type {
  PublicIpAddressPoolServiceInputs,
  PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
import { regionIdProblem, resolveRegion } from "./regionId";
import type { RetryPolicy } from "./retry";
import { scrubberFor, type SecretScrubber } from "./secretScrubber";
import { configSource } from "./settings";
import { VpcClients } from "./vpcClient";

type Inputs = PublicIpAddressPoolServiceInputs;
type Outputs = PublicIpAddressPoolServiceOutputs;

/** The value Pulumi passes for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What a provider object is built from. */
export interface ProviderOptions {
  /** The stack's configuration, as `configure` receives it (`pulumi.dynamic.Config` fits). */
  config: { get(key: string): unknown };
  /** Environment variables, read when a call is made. */
  env: NodeJS.ProcessEnv;
  /** Writes a line the engine shows the user (progress, and what delete leaves behind). */
  log: (line: string) => void;
  /** Overrides of the retry policy (tests make waits instant). */
  retry?: Partial<RetryPolicy>;
}

/** The methods of the dynamic provider, as the serialized provider calls them. */
export type PoolServiceProvider = Required<
  Pick<pulumi.dynamic.ResourceProvider<Inputs, Outputs>, "check" | "diff" | "create" | "read" | "delete">
>;

function outputs(result: { regionId: string; adopted: boolean; requestId?: string }): Outputs {
  const outs: Outputs = { regionId: result.regionId, enabled: true, adopted: result.adopted };
  if (result.requestId) outs.requestId = result.requestId;
  return outs;
}

/** The provider with every error it throws shown as the user may see it: scrubbed of secrets. */
function scrubbed(provider: PoolServiceProvider, scrubber: SecretScrubber): PoolServiceProvider {
  const shown = <T>(result: Promise<T>, operation: string) =>
    result.catch((err: unknown) => {
      throw shownError(err, (text) => scrubber.scrub(text), operation);
    });
  return {
    check: (olds, news) => shown(provider.check(olds, news), "check"),
    diff: (id, olds, news) => shown(provider.diff(id, olds, news), "diff"),
    create: (inputs) => shown(provider.create(inputs), "create"),
    read: (id, props) => shown(provider.read(id, props), "read"),
    delete: (id, props) => shown(provider.delete(id, props), "delete"),
  };
}

/**
 * Builds the provider of {@link PublicIpAddressPoolService} for one stack configuration. Its
 * clients, per-account Open locks and secret scrubber live as long as the object; credentials and
 * settings are read from `config` and `env` whenever a call is made. Everything it shows, errors
 * and progress lines, passes through the scrubber.
 */
export function createProvider(options: ProviderOptions): PoolServiceProvider {
  const config = configSource(options.config);
  const { env } = options;
  const scrubber = scrubberFor(config, env);
  const log = (line: string) => options.log(scrubber.scrub(line));
  const clients = new VpcClients();
  const locks = new OpenLocks();
  const api = () =>
    new PoolServiceApi({
      config,
      env,
      clients,
      scrubber,
      retry: options.retry,
      onRetry: ({ failure, attempt, delayMs, operation, regionId }) => {
        if (delayMs >= 1000) {
          log(
            `${regionId ?? ""}: ${operation} got ${failure.code} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)}s`,
          );
        }
      },
    });

  return scrubbed(
    {
      /**
       * Validates `regionId` (defaulting it from config or the environment), the settings and the
       * credential config, and keeps one idempotency token per resource. Sends no API call.
       */
      async check(olds, news) {
        // Settings and credential config are not properties, but a preview should still name a bad one.
        readConfiguration(config, env);
        const failures: pulumi.dynamic.CheckFailure[] = [];
        const explicit: unknown = news.regionId;
        let regionId = explicit as string;
        if (explicit !== UNKNOWN) {
          const region = resolveRegion({
            explicit,
            subject: "regionId",
            howToSet: "set `regionId` on the resource",
            config,
            env,
          });
          if (region.problem !== undefined) failures.push({ property: "regionId", reason: region.problem });
          else regionId = region.regionId;
        }
        const keep =
          olds?.regionId === regionId && typeof olds?.clientToken === "string" && olds.clientToken !== "";
        const clientToken = keep ? olds.clientToken : randomUUID();
        return { inputs: { regionId, clientToken }, failures };
      },

      /** A changed `regionId` replaces the resource; nothing else is a change. */
      async diff(_id, olds, news) {
        if (news.regionId === UNKNOWN || olds.regionId !== news.regionId) {
          return { changes: true, replaces: ["regionId"], deleteBeforeReplace: false };
        }
        return { changes: false };
      },

      /** Activates the region (or adopts it when already active). */
      async create(inputs) {
        const client = api();
        const result = await activateRegion(client, inputs.regionId, inputs.clientToken, {
          activationTimeoutMs: client.settings.activationTimeoutMs,
          locks,
          progress: log,
        });
        return { id: inputs.regionId, outs: outputs(result) };
      },

      /** Reads the live state: a region no longer enabled is reported gone, so the next up activates it. */
      async read(id, props) {
        const regionId = props?.regionId ?? id;
        // From the state, so checked once already; no host name is built from an unchecked value.
        const problem = regionIdProblem(regionId, "the state's regionId");
        if (problem) throw new Error(problem);
        if (!(await api().status(regionId))) return { id: "" };
        return { id, props: { ...props!, regionId, enabled: true } };
      },

      /** Removes the resource from the stack only: Alibaba Cloud has no API to turn the feature off. */
      async delete(_id, props) {
        log(
          `${props.regionId}: the Public IP Address Pool feature stays enabled in ${props.regionId}; ` +
            "Alibaba Cloud has no API to turn it off, so it is only removed from the stack.",
        );
      },
    },
    scrubber,
  );
}
