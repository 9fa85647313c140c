// The types this plugin serves, by token: each resource type's lifecycle and outputs, and the
// error for a token it does not serve (a program and a plugin of different releases).
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { diagnosticError } from "../diagnostics/diagnostic";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import { accountLifecycle } from "../pulumi/accountLifecycle";
import type { CallOptions, LifecycleCalls } from "../pulumi/lifecycleCalls";
import { regionLifecycle, type CheckFailure } from "../pulumi/regionLifecycle";
import { ACCOUNT_OUTPUT_NAMES, ACCOUNT_TOKEN } from "./organizationSchema";
import { RESOURCE_OUTPUTS, RESOURCE_TOKEN } from "./schema";

/** A resource lifecycle as the plugin drives it, on the values the engine sends. */
export interface EngineLifecycle {
  check(olds: unknown, news: Record<string, unknown>): Promise<{ inputs: unknown; failures: CheckFailure[] }>;
  diff(olds: unknown, news: unknown): Promise<unknown>;
  create(inputs: unknown, call: CallOptions): Promise<{ id: string; outs: unknown }>;
  read(
    id: string,
    props: unknown,
    call: CallOptions,
  ): Promise<{ id: string; props?: unknown; inputs?: unknown }>;
  update(olds: unknown, news: unknown, call: CallOptions): Promise<{ outs: unknown }>;
  delete(props: unknown, call: CallOptions): Promise<void>;
}

/** Each resource type this plugin serves: its outputs, the output a recorded state always has, and its lifecycle. */
export const RESOURCES: Readonly<
  Record<
    string,
    { outputs: readonly string[]; key: string; lifecycle: (calls: LifecycleCalls) => EngineLifecycle }
  >
> = {
  [RESOURCE_TOKEN]: { outputs: RESOURCE_OUTPUTS, key: "regionId", lifecycle: regionLifecycle },
  [ACCOUNT_TOKEN]: { outputs: ACCOUNT_OUTPUT_NAMES, key: "accountId", lifecycle: accountLifecycle },
};

/** The outputs of a state, and nothing else it may hold. */
export function outputsOf(props: unknown, outputs: readonly string[]): unknown {
  return Object.fromEntries(Object.entries(props as object).filter(([key]) => outputs.includes(key)));
}

/** The error for a type or function token this plugin does not serve: a program and a plugin of different releases. */
export function unknownToken(
  what: (typeof LOCAL_OPERATIONS)["resourceType" | "componentType" | "function"],
  token: string | undefined,
  served: string,
): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.unknownToken,
    operation: what,
    what: `This plugin serves no ${what} ${JSON.stringify(token)}; it serves ${served}.`,
    fix: "use the SDK of the same release as the plugin (the SDK's version is the plugin version the engine starts).",
  });
}

/** The resource type of `urn`, refused unless this plugin serves it. */
export function resourceType(urn: string): string {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type === undefined || !(type in RESOURCES))
    throw unknownToken(LOCAL_OPERATIONS.resourceType, type, Object.keys(RESOURCES).join(" and "));
  return type;
}
