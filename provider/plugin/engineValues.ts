// The values the engine and the plugin pass each other: secrets' wrappers taken off what comes in,
// undefined fields taken out of what goes back, and object fields named as the schema names them.
import * as pulumi from "@pulumi/pulumi";
import { schemaFields } from "./pluginConfig";

/**
 * A value with its secrets' wrappers taken off (a program may pass any input as a secret). Other
 * special values (a resource reference, an asset) keep their marks.
 */
export function withoutSecretMarks(value: unknown): unknown {
  if (pulumi.runtime.isRpcSecret(value)) return withoutSecretMarks(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(withoutSecretMarks);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecretMarks(v)]));
}

/** A call's answer as the engine takes it: no undefined field, which the SDK cannot send. */
export async function withoutUndefined<T>(result: Promise<T>): Promise<T> {
  const value = await result;
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Inputs with their object-typed values' fields named as the schema names them (a dict's `role_arn`). */
export function withSchemaFields(inputs: unknown): Record<string, unknown> {
  const record = (inputs ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === "object" && v !== null ? schemaFields(v) : v]),
  );
}
