// The plugin's provider: the region lifecycle of pulumi/ and the status lookup, called the way
// the Pulumi engine calls a provider plugin (`@pulumi/pulumi/provider`), for the resource, the
// component (construct) and the status function (invoke). Rules live below; this only adapts.
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { diagnosticError } from "../diagnostics/diagnostic";
import { faceContext, type FaceContext } from "../diagnostics/faceContext";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { configSource, type ConfigSource } from "../config/configSource";
import { lifecycleCalls, type LifecycleCalls } from "../pulumi/lifecycleCalls";
import { organizationAccounts, organizationProblem, type OrganizationArgs } from "../pulumi/organizationBody";
import { organizationMembers, organizationStatus } from "../pulumi/organizationFunctions";
import { lookUpStatus } from "../core/statusLookup";
import type { PluginBuild } from "./pluginBuild";
import { withoutSecretMarks, withoutUndefined, withSchemaFields } from "./engineValues";
import { pluginConfig, pluginTerms } from "./pluginConfig";
import { OrganizationComponent } from "./organizationComponent";
import {
  ORGANIZATION_MEMBERS_TOKEN,
  ORGANIZATION_STATUS_TOKEN,
  ORGANIZATION_TOKEN,
} from "./organizationSchema";
import { outputsOf, resourceType, RESOURCES, unknownToken, type EngineLifecycle } from "./servedTypes";
import { RegionsComponent, type RegionsInputs } from "./regionsComponent";
import { COMPONENT_TOKEN, packageSchema, STATUS_TOKEN } from "./schema";

/** What the plugin serves with, for one configuration. */
interface Face {
  config: ConfigSource;
  context: FaceContext;
  calls: LifecycleCalls;
  lifecycles: Record<string, EngineLifecycle>;
}

/** Where the plugin's lines go: to the engine, against the resource of `urn` when there is one. */
export type PluginLog = (line: string, urn?: string) => void;

/** Sends a line to the engine, shown against the resource of `urn` (or the stack). */
const engineLog: PluginLog = (line, urn) => {
  void pulumi.log.info(line, urn === undefined ? undefined : new pulumi.DependencyResource(urn));
};

/** The provider of the plugin, for one provider instance (one process, one configuration). */
export class PoolServicePlugin implements provider.Provider {
  /** What this provider instance serves with, made at the first call after a Configure. */
  private served?: Face;
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
   * every call keeps, the calls they share, and each resource type's lifecycle over them.
   */
  private face(): Face {
    if (!this.served) {
      const config = this.config();
      const context = faceContext(config.terms, { log: (line) => this.log(line) });
      const calls = lifecycleCalls({ config, env: this.env, context });
      const lifecycles = Object.fromEntries(
        Object.entries(RESOURCES).map(([t, r]) => [t, r.lifecycle(calls)]),
      );
      this.served = { config, context, calls, lifecycles };
    }
    return this.served;
  }

  /** The lifecycle of the resource of `urn`. */
  private lifecycle(urn: string): EngineLifecycle {
    return this.face().lifecycles[resourceType(urn)]!;
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
    const result = await withoutUndefined(
      this.lifecycle(urn).check(withoutSecretMarks(olds), withSchemaFields(withoutSecretMarks(news))),
    );
    return { inputs: result.inputs as Record<string, unknown>, failures: result.failures };
  }

  /** What a change does: a new region or account replaces; other changes update in place. */
  async diff(_id: string, urn: string, olds: unknown, news: unknown): Promise<provider.DiffResult> {
    return withoutUndefined(
      this.lifecycle(urn).diff(
        withoutSecretMarks(olds),
        withoutSecretMarks(news),
      ) as Promise<provider.DiffResult>,
    );
  }

  /** Activates the region or account, or adopts it; progress goes against the resource. */
  async create(urn: string, inputs: unknown): Promise<provider.CreateResult> {
    const created = this.lifecycle(urn).create(withoutSecretMarks(inputs), this.logTo(urn));
    return withoutUndefined(created as Promise<provider.CreateResult>);
  }

  /**
   * Refresh (the recorded account only), import and get (what is active is adopted). What it
   * returns holds the resource's outputs only: a state moved from the dynamic resource by an alias
   * loses its stored provider code at its first refresh.
   */
  async read(id: string, urn: string, props?: unknown): Promise<provider.ReadResult> {
    const type = resourceType(urn);
    const { key, outputs } = RESOURCES[type]!;
    const recorded = withoutSecretMarks(props) as Record<string, unknown> | undefined;
    const state = recorded?.[key] === undefined ? undefined : recorded;
    const read = this.lifecycle(urn).read(id, state, this.logTo(urn));
    return withoutUndefined(
      read.then((result) => ({
        ...result,
        props: result.props && (outputsOf(result.props, outputs) as Record<string, unknown>),
        inputs: result.inputs as Record<string, unknown> | undefined,
      })),
    );
  }

  /** Records new session settings (nothing is sent), or opens an account's new regions. */
  async update(_id: string, urn: string, olds: unknown, news: unknown): Promise<provider.UpdateResult> {
    const updated = this.lifecycle(urn).update(
      withoutSecretMarks(olds),
      withoutSecretMarks(news),
      this.logTo(urn),
    );
    return withoutUndefined(updated as Promise<provider.UpdateResult>);
  }

  /** Removes the resource from the stack only, saying that the feature stays enabled. */
  async delete(_id: string, urn: string, props: unknown): Promise<void> {
    await this.lifecycle(urn).delete(withoutSecretMarks(props), this.logTo(urn));
  }

  /** Serves the component: one resource of this plugin per region. */
  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    if (type === ORGANIZATION_TOKEN) return this.constructOrganization(name, inputs, options);
    if (type !== COMPONENT_TOKEN)
      throw unknownToken(
        LOCAL_OPERATIONS.componentType,
        type,
        `${COMPONENT_TOKEN} and ${ORGANIZATION_TOKEN}`,
      );
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

  /** The organisation's component: the directory's members read (read only), then one account resource each. */
  private async constructOrganization(
    name: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    // Plain: a tag key is the user's own, never renamed.
    const args = withoutSecretMarks(inputs) as Record<string, unknown>;
    const problem = organizationProblem(args);
    if (problem)
      throw new pulumi.InputPropertyError({
        propertyPath: problem.property,
        reason: `PublicIpAddressPoolServiceOrganization ${name}: ${problem.reason}`,
      });
    const { calls } = this.face();
    const found = await calls.withShownErrors("read", () =>
      organizationAccounts(calls.api(), args as OrganizationArgs),
    );
    const component = new OrganizationComponent(name, args as OrganizationArgs, found, options);
    return {
      urn: component.urn,
      state: {
        accountIds: component.accountIds,
        enabledRegions: component.enabledRegions,
        notJoined: component.notJoined,
      },
    };
  }

  /** Serves the functions: a region's status, the organisation's, or the directory's members; reads only. */
  async invoke(token: string, inputs: unknown): Promise<provider.InvokeResult> {
    const organization: Record<string, (calls: LifecycleCalls, args: OrganizationArgs) => Promise<object>> = {
      [ORGANIZATION_STATUS_TOKEN]: organizationStatus,
      [ORGANIZATION_MEMBERS_TOKEN]: organizationMembers,
    };
    if (Object.hasOwn(organization, token)) {
      const read = organization[token]!;
      const args = withoutSecretMarks(inputs) as OrganizationArgs;
      const outputs = await withoutUndefined(read(this.face().calls, args));
      return { outputs: outputs as unknown as Record<string, unknown> };
    }
    if (token !== STATUS_TOKEN)
      throw unknownToken(
        LOCAL_OPERATIONS.function,
        token,
        [STATUS_TOKEN, ...Object.keys(organization)].join(", "),
      );
    const args = withSchemaFields(withoutSecretMarks(inputs)) as { regionId?: unknown; assumeRole?: unknown };
    const { config, context } = this.face();
    const outputs = await withoutUndefined(
      lookUpStatus(args, { config, context, env: this.env, operation: LOCAL_OPERATIONS.statusFunction }),
    );
    return { outputs };
  }
}
