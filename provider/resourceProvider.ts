// The dynamic provider's behaviour. The serialized provider loads this module by package name
// (`pulumi-alicloud-ip-pool-service/provider`) in the provider process and builds the provider
// object at `configure`, with the stack's configuration.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { activateRegion, type ActivationResult } from "./activation";
import { assumeRoleProblem, roleAccount, type AssumeRoleSpec } from "./alicloudConfig";
import { readConfiguration } from "./callConfiguration";
import { CredentialSessions } from "./credentialSessions";
import { LOCAL_CODES } from "./errorCodes";
import { OpenLocks } from "./openLock";
import { PoolServiceApi } from "./poolServiceApi";
import { PoolServiceError, shownError } from "./poolServiceError";
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
  Pick<
    pulumi.dynamic.ResourceProvider<Inputs, Outputs>,
    "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;

/** The fields of an `assumeRole` input. */
const ROLE_FIELDS = ["roleArn", "sessionName", "policy", "sessionExpiration", "externalId"] as const;

function outputs(result: ActivationResult, assumeRole: AssumeRoleSpec | undefined): Outputs {
  const outs: Outputs = {
    regionId: result.regionId,
    enabled: true,
    adopted: result.adopted,
    accountId: result.accountId,
  };
  if (result.requestId) outs.requestId = result.requestId;
  if (assumeRole) outs.assumeRole = assumeRole;
  return outs;
}

/** An `assumeRole` input without its unset fields (a program may send them as null). */
function presentFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

/** Whether a value, or one of its fields, is not known yet (during preview). */
function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  return typeof value === "object" && value !== null && Object.values(value).some((v) => v === UNKNOWN);
}

/** The same role settings, field by field. */
function sameRole(a: AssumeRoleSpec | undefined, b: AssumeRoleSpec | undefined): boolean {
  return ROLE_FIELDS.every((f) => a?.[f] === b?.[f]);
}

/** The error of a refresh whose credentials act in another account than the state records. */
function accountMoved(regionId: string, recorded: string, now: string, source: string): PoolServiceError {
  return new PoolServiceError(
    {
      code: LOCAL_CODES.accountMismatch,
      operation: "read",
      regionId,
      kind: "auth",
      origin: "local",
      attempts: 0,
    },
    [
      `Refresh of region ${regionId} stopped: ${LOCAL_CODES.accountMismatch}: the state records account ${recorded}, but the credentials now act in account ${now} (${source}).`,
      `Meaning: reading account ${now} says nothing of account ${recorded}, so nothing was read and this resource's state is unchanged.`,
      `Fix: run the refresh with credentials of account ${recorded} (alicloud:accessKey and alicloud:secretKey, alicloud:assumeRole, ` +
        `the resource's assumeRole, or the environment); to move the region to account ${now}, change the stack's configuration and run \`pulumi up\`, which replaces it.`,
    ].join("\n"),
  );
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
    update: (id, olds, news) => shown(provider.update(id, olds, news), "update"),
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
  const sessions = new CredentialSessions();
  const clients = new VpcClients(sessions);
  const locks = new OpenLocks();
  const api = (assumeRole?: AssumeRoleSpec) =>
    new PoolServiceApi({
      config,
      env,
      sessions,
      clients,
      assumeRole: assumeRole && { value: assumeRole, source: "the resource's assumeRole" },
      scrubber,
      retry: options.retry,
      onRetry: ({ failure, attempt, delayMs, operation, subject }) => {
        if (delayMs >= 1000) {
          log(
            `${subject ?? "-"}: ${operation} got ${failure.code} (attempt ${attempt}); retrying in ${(delayMs / 1000).toFixed(1)}s`,
          );
        }
      },
    });

  return scrubbed(
    {
      /**
       * Validates `regionId` (defaulting it from config or the environment), `assumeRole`, the
       * settings and the credential config, and keeps one idempotency token per resource and
       * target. Sends no API call.
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
        const role = presentFields(news.assumeRole);
        if (role !== undefined && !hasUnknown(role)) {
          const problem = assumeRoleProblem(role, "assumeRole");
          if (problem) failures.push({ property: "assumeRole", reason: problem });
        }
        const assumeRole = role as AssumeRoleSpec | undefined;
        // A new target (region or account) is a new resource, with a token of its own.
        const keep =
          olds?.regionId === regionId &&
          roleAccount(olds?.assumeRole?.roleArn ?? "") === roleAccount(assumeRole?.roleArn ?? "") &&
          typeof olds?.clientToken === "string" &&
          olds.clientToken !== "";
        const clientToken = keep ? olds.clientToken : randomUUID();
        const inputs: Inputs = { regionId, clientToken };
        if (assumeRole !== undefined) inputs.assumeRole = assumeRole;
        return { inputs, failures };
      },

      /**
       * A changed `regionId` or target account replaces the resource (the account of
       * `assumeRole`'s ARN, or the one the stack's credentials act in). Other changes of
       * `assumeRole` (session name, policy, external ID, session length) update it in place.
       */
      async diff(_id, olds, news) {
        if (news.regionId === UNKNOWN || olds.regionId !== news.regionId) {
          return { changes: true, replaces: ["regionId"], deleteBeforeReplace: false };
        }
        const role = news.assumeRole;
        if (hasUnknown(role)) return { changes: true, replaces: ["assumeRole"], deleteBeforeReplace: false };
        const movedBy = role || olds.assumeRole ? "assumeRole" : "accountId";
        if (olds.accountId === undefined) {
          // State from before 0.2.0 records no account: it was the stack's own, with no role.
          if (role) return { changes: true, replaces: ["assumeRole"], deleteBeforeReplace: false };
        } else if (olds.accountId !== (role ? roleAccount(role.roleArn) : await api().accountId())) {
          return { changes: true, replaces: [movedBy], deleteBeforeReplace: false };
        }
        if (!sameRole(olds.assumeRole, role)) return { changes: true, replaces: [] };
        return { changes: false };
      },

      /** Activates the region (or adopts it when already active), in the target account. */
      async create(inputs) {
        const client = api(inputs.assumeRole);
        const result = await activateRegion(client, inputs.regionId, inputs.clientToken, {
          activationTimeoutMs: client.settings.activationTimeoutMs,
          locks,
          progress: log,
        });
        return { id: inputs.regionId, outs: outputs(result, inputs.assumeRole) };
      },

      /**
       * Reads the live state, in the recorded account only: a region no longer enabled is reported
       * gone, so the next up activates it. Credentials that now act in another account fail the
       * read, and the state keeps what it had.
       */
      async read(id, props) {
        const regionId = props?.regionId ?? id;
        // From the state, so checked once already; no host name is built from an unchecked value.
        const problem = regionIdProblem(regionId, "the state's regionId");
        if (problem) throw new Error(problem);
        const client = api(props?.assumeRole);
        if (props?.accountId !== undefined) {
          const now = await client.accountId();
          if (now !== props.accountId)
            throw accountMoved(regionId, props.accountId, now, client.credentialSource());
        }
        if (!(await client.status(regionId))) return { id: "" };
        return { id, props: { ...props!, regionId, enabled: true } };
      },

      /** Records new session settings of the same role: the account is unchanged, so nothing is sent. */
      async update(_id, olds, news) {
        const outs: Outputs = { ...olds };
        delete outs.assumeRole;
        if (news.assumeRole) outs.assumeRole = news.assumeRole;
        return { outs };
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
