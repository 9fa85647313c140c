// What a PoolServiceApi is built from: the configuration it reads, and what its owner shares with it.
import type { Clock } from "../transport/clock";
import type { Operation } from "../transport/operations";
import type { RetryNotice, RetryPolicy } from "../transport/retry";
import type { SecretScrubber } from "../diagnostics/secretScrubber";
import type { ConfigSource } from "../config/keys";
import type { RoleStep } from "../config/roles";
import type { CredentialSessions } from "../credentials/sessions";
import type { VpcClients } from "./vpcClients";

/** What the API layer is built from. */
export interface PoolServiceApiOptions {
  /** Stack configuration (empty outside a stack). */
  config: ConfigSource;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** Overrides of the retry policy's tuning. */
  retry?: Partial<RetryPolicy>;
  /** The clock every wait of the calls keeps (default: the system's; tests make waits instant). */
  clock?: Clock;
  /** Called before each retry, for progress output: `subject` is the region or the role. */
  onRetry?: (notice: RetryNotice & { operation: Operation; subject?: string }) => void;
  /** The command's `--endpoint`, as given; wins over config and environment. */
  endpointFlag?: string;
  /** The credential sessions to reuse (a provider object's); new ones when absent. */
  sessions?: CredentialSessions;
  /** The clients to reuse (a provider object's, made with `sessions`); a new cache when absent. */
  clients?: VpcClients;
  /** A role the calls act through after the stack's own (a resource's `assumeRole`, `--assume-role`). */
  assumeRole?: RoleStep;
  /** The scrubber every diagnostic passes through (its owner's); a new one when absent. */
  scrubber?: SecretScrubber;
}
