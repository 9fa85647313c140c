// What a PoolServiceApi is built from: the configuration it reads, the context of its face, and what
// its owner shares with it.
import type { FaceContext } from "../diagnostics/faceContext";
import type { ConfigSource } from "../config/configSource";
import type { RoleStep } from "../config/roles";
import type { CredentialSessions } from "../credentials/sessions";
import type { VpcClients } from "./vpcClients";

/** What the API layer is built from. */
export interface PoolServiceApiOptions {
  /** Stack configuration (empty outside a stack), in the terms of {@link context}. */
  config: ConfigSource;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** The face's context: terms, scrubber, progress, clock and retry tuning. */
  context: FaceContext;
  /** The command's `--endpoint`, as given; wins over config and environment. */
  endpointFlag?: string;
  /** The credential sessions to reuse (a provider object's); new ones when absent. */
  sessions?: CredentialSessions;
  /** The clients to reuse (a provider object's, made with `sessions`); a new cache when absent. */
  clients?: VpcClients;
  /** A role the calls act through after the stack's own (a resource's `assumeRole`, `--assume-role`). */
  assumeRole?: RoleStep;
}
