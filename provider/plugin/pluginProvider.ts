// The plugin's provider: the region lifecycle of pulumi/ and the status lookup, called the way
// the Pulumi engine calls a provider plugin (`@pulumi/pulumi/provider`), for the resource, the
// component (construct) and the status function (invoke). Rules live below; this only adapts.
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { diagnosticError } from "../diagnostics/diagnostic";
import { faceContext, type FaceContext } from "../diagnostics/faceContext";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { PoolServiceError } from "../diagnostics/poolServiceError";
import { configSource, type ConfigSource } from "../config/configSource";
import { regionLifecycle, type RegionLifecycle } from "../pulumi/regionLifecycle";
import type { RegionInputs, RegionOutputs } from "../pulumi/regionRules";
import { lookUpStatus } from "../core/statusLookup";
import type { PluginBuild } from "./pluginBuild";
import { pluginConfig, pluginTerms, schemaFields } from "./pluginConfig";
import { RegionsComponent, type RegionsInputs } from "./regionsComponent";
import { COMPONENT_TOKEN, packageSchema, RESOURCE_OUTPUTS, RESOURCE_TOKEN, STATUS_TOKEN } from "./schema";

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
async function withoutUndefined<T>(result: Promise<T>): Promise<T> {
  const value = await result;
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Inputs with their object-typed values' fields named as the schema names them (a dict's `role_arn`). */
function withSchemaFields(inputs: unknown): Record<string, unknown> {
  const record = (inputs ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === "object" && v !== null ? schemaFields(v) : v]),
  );
}

/** Where the plugin's lines go: to the engine, against the resource of `urn` when there is one. */
export type PluginLog = (line: string, urn?: string) => void;

/** Sends a line to the engine, shown against the resource of `urn` (or the stack). */
const engineLog: PluginLog = (line, urn) => {
  void pulumi.log.info(line, urn === undefined ? undefined : new pulumi.DependencyResource(urn));
};

/** The resource's outputs in a state, and nothing else it may hold. */
function outputsOf(props: RegionOutputs): RegionOutputs {
  return Object.fromEntries(
    Object.entries(props).filter(([key]) => RESOURCE_OUTPUTS.includes(key)),
  ) as unknown as RegionOutputs;
}

/** The error for a type or function token this plugin does not serve: a program and a plugin of different releases. */
function unknownToken(
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

/** Refuses a resource type this plugin does not serve. */
function assertResource(urn: string): void {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RESOURCE_TOKEN) throw unknownToken(LOCAL_OPERATIONS.resourceType, type, RESOURCE_TOKEN);
}

/** The provider of the plugin, for one provider instance (one process, one configuration). */
export class PoolServicePlugin implements provider.Provider {
  /** What this provider instance serves with, made at the first call after a Configure. */
  private served?: { config: ConfigSource; context: FaceContext; lifecycle: RegionLifecycle };
  /** The provider instance's inputs from the engine's Configure. */
  private inputs?: Record<string, unknown>;
  /** Why the provider instance's inputs could not be read, if they could not. */
  private unconfigured?: Error;
  /** The explicit provider's name, whose properties messages then name; undefined for the stack's default provider. */
  private explicitProvider?: string;

  /** Serves the schema of `build`, with the configuration the engine's Configure gives it. */
  constructor(
    readonly build: PluginBuild,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly log: PluginLog = engineLog,
  ) {}

  /** The version this plugin serves. */
  get version(): string {
    return this.build.version;
  }

  /**
   * Takes the provider instance's inputs: an explicit provider's (named `explicitProvider`), or the
   * stack's configuration for a default one.
   */
  configure(inputs: Record<string, unknown>, explicitProvider?: string): void {
    if (this.unconfigured) return;
    this.inputs = withoutSecretMarks(inputs) as Record<string, unknown>;
    this.explicitProvider = explicitProvider;
    this.served = undefined;
  }

  /**
   * Records that the provider instance's inputs cannot be read: every call then fails with `cause`,
   * and no configuration of the process stands in for them (it could be another account's).
   */
  configureFailed(cause: Error): void {
    this.unconfigured = cause;
    this.inputs = undefined;
    this.served = undefined;
  }

  /** The provider instance's configuration, in its terms; throws when it is unknown. */
  private config(): ConfigSource {
    if (this.unconfigured || !this.inputs) {
      const cause = this.unconfigured?.message ?? "the engine's Configure has not reached this plugin";
      throw diagnosticError({
        code: LOCAL_CODES.unreadableConfiguration,
        operation: LOCAL_OPERATIONS.providerConfiguration,
        what: `The provider's settings cannot be read (${cause}), so nothing is sent: without them a call could act in another account.`,
        fix: "run the plugin through the Pulumi engine, with the SDK of this release; if it persists, report it to the package's maintainers with `pulumi about`.",
      });
    }
    return configSource(pluginConfig(this.inputs), pluginTerms(this.explicitProvider));
  }

  /**
   * The plugin's face, made once per configuration: the configuration in its terms, the context
   * every call keeps, and the region lifecycle over them.
   */
  private face(): { config: ConfigSource; context: FaceContext; lifecycle: RegionLifecycle } {
    if (!this.served) {
      const config = this.config();
      const context = faceContext(config.terms, { log: (line) => this.log(line) });
      this.served = { config, context, lifecycle: regionLifecycle({ config, env: this.env, context }) };
    }
    return this.served;
  }

  /** Lines of a call on the resource of `urn`, shown against it. */
  private logTo(urn: string): { log: (line: string) => void } {
    return { log: (line) => this.log(line, urn) };
  }

  /** The package schema. */
  async getSchema(): Promise<string> {
    return JSON.stringify(packageSchema(this.build.version, this.build.pluginDownloadURL));
  }

  /** Validates the inputs and keeps one idempotency token per resource and target. */
  async check(urn: string, olds: unknown, news: unknown): Promise<provider.CheckResult> {
    assertResource(urn);
    const result = await withoutUndefined(
      this.face().lifecycle.check(
        withoutSecretMarks(olds) as Partial<RegionInputs>,
        withSchemaFields(withoutSecretMarks(news)),
      ),
    );
    return { inputs: result.inputs, failures: result.failures };
  }

  /** What a change does: a new region or account replaces; other role settings update in place. */
  async diff(_id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
    return withoutUndefined(this.face().lifecycle.diff(...this.change(urn, olds, news)));
  }

  /** A change's old state and new inputs, as the lifecycle takes them, for a resource this plugin serves. */
  private change(urn: string, olds: unknown, news: unknown): [RegionOutputs, RegionInputs] {
    assertResource(urn);
    return [withoutSecretMarks(olds) as RegionOutputs, withoutSecretMarks(news) as RegionInputs];
  }

  /** Activates the region, or adopts it; progress goes against the resource. */
  async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
    assertResource(urn);
    return withoutUndefined(
      this.face().lifecycle.create(withoutSecretMarks(inputs) as RegionInputs, this.logTo(urn)),
    );
  }

  /**
   * Refresh (the recorded account only), import and get (an active region is adopted). What it
   * returns holds the resource's outputs only: a state moved from the dynamic resource by an alias
   * loses its stored provider code at its first refresh.
   */
  async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
    assertResource(urn);
    const recorded = withoutSecretMarks(props) as RegionOutputs | undefined;
    const state = recorded?.regionId === undefined ? undefined : recorded;
    const read = this.face().lifecycle.read(id, state, this.logTo(urn));
    return withoutUndefined(
      read.then((result) => ({ ...result, props: result.props && outputsOf(result.props) })),
    );
  }

  /** Records new session settings of the same role: nothing is sent. */
  async update(_id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
    return withoutUndefined(this.face().lifecycle.update(...this.change(urn, olds, news)));
  }

  /** Removes the resource from the stack only, saying that the feature stays enabled. */
  async delete(_id: string, urn: string, props: unknown): Promise<void> {
    assertResource(urn);
    await this.face().lifecycle.delete(withoutSecretMarks(props) as RegionOutputs, this.logTo(urn));
  }

  /** Serves the component: one resource of this plugin per region. */
  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    if (type !== COMPONENT_TOKEN) throw unknownToken(LOCAL_OPERATIONS.componentType, type, COMPONENT_TOKEN);
    const component = new RegionsComponent(name, inputs as unknown as RegionsInputs, options);
    return {
      urn: component.urn,
      state: {
        enabled: component.enabled,
        enabledRegions: component.enabledRegions,
        accountId: component.accountId,
      },
    };
  }

  /** Serves the status function: one status read, changing nothing. */
  async invoke(token: string, inputs: unknown): Promise<provider.InvokeResult> {
    if (token !== STATUS_TOKEN) throw unknownToken(LOCAL_OPERATIONS.function, token, STATUS_TOKEN);
    const args = withSchemaFields(withoutSecretMarks(inputs)) as { regionId?: unknown; assumeRole?: unknown };
    const { config, context } = this.face();
    const outputs = await withoutUndefined(
      lookUpStatus(args, { config, context, env: this.env, operation: LOCAL_OPERATIONS.statusFunction }),
    );
    return { outputs };
  }
}
