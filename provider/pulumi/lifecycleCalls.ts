// What every resource lifecycle of one stack configuration shares: the configuration in the face's
// terms, one set of credential sessions and clients, the per-account Open locks (a region's
// resource and an account's resource in one account never Open at once), and the errors they show.
import { shownError } from "../diagnostics/diagnostic";
import type { LifecycleStep } from "../diagnostics/failedOperations";
import { withProgress, type FaceContext } from "../diagnostics/faceContext";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import { secretsOf } from "../diagnostics/secretScrubber";
import { configSource, type ConfigSource } from "../config/configSource";
import type { AssumeRoleSpec } from "../config/roles";
import { CredentialSessions } from "../credentials/sessions";
import { OpenLocks } from "../core/openLock";
import { PoolServiceApi } from "../core/poolServiceApi";
import { VpcClients } from "../core/vpcClients";

/** What a lifecycle is built from. */
export interface LifecycleOptions {
  /** The face's configuration, by full key (`alicloud:region`), read in the context's terms; any value is taken as text. */
  config: { get(key: string): unknown };
  /** Environment variables, read when a call is made. */
  env: NodeJS.ProcessEnv;
  /** The face's context: its progress output shows what delete leaves behind; its scrubber learns the configuration's secrets. */
  context: FaceContext;
}

/** What a face chooses for one call. */
export interface CallOptions {
  /** Where this call's progress lines go (default: the lifecycle's `log`), e.g. against its resource. */
  log?: (line: string) => void;
}

/** The calls of one stack configuration, shared by its lifecycles. */
export interface LifecycleCalls {
  /** The configuration, in the face's terms. */
  config: ConfigSource;
  /** Environment variables, read when a call is made. */
  env: NodeJS.ProcessEnv;
  /** The face's context. */
  context: FaceContext;
  /** The Open locks of every account these calls act in. */
  locks: OpenLocks;
  /**
   * The API acting through `assumeRole` (the resource's own, unless `source` names where it comes
   * from), its progress going where `call` says.
   */
  api(assumeRole?: AssumeRoleSpec, call?: CallOptions, source?: string): PoolServiceApi;
  /** A result as the user may see it: an error scrubbed of secrets, named after its operation. */
  withShownErrors<T>(operation: LifecycleStep, result: () => Promise<T>): Promise<T>;
}

/**
 * The calls for one stack configuration. Its clients, locks and scrubber live as long as the
 * object; credentials and settings are read from `config` and `env` whenever a call is made.
 */
export function lifecycleCalls(options: LifecycleOptions): LifecycleCalls {
  const { env, context } = options;
  const config = configSource(options.config, context.terms);
  context.scrubber.add(...secretsOf(config, env));
  const sessions = new CredentialSessions();
  const clients = new VpcClients(sessions);
  return {
    config,
    env,
    context,
    locks: new OpenLocks(),
    // A call's progress goes where the face chose for it (against its resource), else to the face's.
    api: (assumeRole, call, source = "the resource's assumeRole") =>
      new PoolServiceApi({
        config,
        env,
        sessions,
        clients,
        assumeRole: assumeRole && { value: assumeRole, source },
        context: call?.log ? withProgress(context, call.log) : context,
      }),
    withShownErrors: <T>(operation: LifecycleStep, result: () => Promise<T>): Promise<T> =>
      result().catch((err: unknown): never => {
        throw shownError(err, (text) => context.scrubber.scrub(text), operation) satisfies PoolServiceError;
      }),
  };
}
