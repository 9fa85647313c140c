import { readAlicloudConfig, type AlicloudConfig, type AssumeRoleSpec } from "./alicloudConfig";
import type { RoleStep } from "./assumedRole";
import { classifyError, type CallFailure } from "./classifyError";
import { CredentialSessions } from "./credentialSessions";
import {
  CredentialsError,
  planCredentials,
  planRoles,
  type CredentialPlan,
  type ResolveOptions,
} from "./credentials";
import { diagnose } from "./diagnostics";
import type { EndpointOverride } from "./endpoint";
import { LOCAL_CODES } from "./errorCodes";
import { newExchange, observeExchange, type HttpExchange } from "./httpExchange";
import { OPERATIONS, type Operation } from "./operations";
import { PoolServiceError } from "./poolServiceError";
import { regionIdProblem } from "./regionId";
import {
  DEFAULT_RETRY_POLICY,
  RetriesFailed,
  withRetries,
  type RetryNotice,
  type RetryPolicy,
} from "./retry";
import { SecretScrubber, secretsOf } from "./secretScrubber";
import { readSettings, SettingsError, type ConfigSource, type Settings } from "./settings";
import { stsClient } from "./stsClient";
import { VpcClients } from "./vpcClient";
import { vpcSdk as vpc } from "./vpcSdk";

/** The region used to reach the API for calls that have no region (DescribeRegions). */
export const HOME_REGION = "cn-hangzhou";

/** One region as DescribeRegions lists it. */
export interface RegionListing {
  /** Region ID. */
  regionId: string;
  /** Localized name. */
  localName?: string;
}

/** What the API layer is built from. */
export interface PoolServiceApiOptions {
  /** Stack configuration (empty outside a stack). */
  config: ConfigSource;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** Overrides of the retry policy (tests make waits instant). */
  retry?: Partial<RetryPolicy>;
  /** Called before each retry, for progress output. */
  onRetry?: (notice: RetryNotice & { operation: Operation; regionId?: string }) => void;
  /** An endpoint already parsed (the command's `--endpoint`); wins over config and environment. */
  endpoint?: EndpointOverride;
  /** The credential sessions to reuse (a provider object's); new ones when absent. */
  sessions?: CredentialSessions;
  /** The clients to reuse (a provider object's, made with `sessions`); a new cache when absent. */
  clients?: VpcClients;
  /** A role the calls act through after the stack's own (a resource's `assumeRole`). */
  assumeRole?: AssumeRoleSpec;
  /** The scrubber every diagnostic passes through (its owner's); a new one when absent. */
  scrubber?: SecretScrubber;
}

/** What became of an Open whose answer never came, as the caller found out. */
export type OpenSettlement = (failure: CallFailure) => Promise<boolean>;

/** Settings, the credential plan and the roles of a call, read from stack config and the environment. */
export interface CallConfiguration {
  /** Endpoint and timeouts. */
  settings: Settings;
  /** Where credentials come from. */
  credentials: CredentialPlan;
  /** The roles the calls act through, in order. */
  roles: RoleStep[];
  /** The `alicloud:*` settings shared with @pulumi/alicloud. */
  alicloud: AlicloudConfig;
}

/**
 * Reads the settings and plans the credentials, sending nothing. Throws a {@link PoolServiceError}
 * naming the setting to fix.
 */
export function readConfiguration(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  endpoint?: EndpointOverride,
  assumeRole?: AssumeRoleSpec,
): CallConfiguration {
  try {
    const alicloud = readAlicloudConfig(config, env);
    return {
      settings: readSettings(config, env, { endpoint }, alicloud),
      credentials: planCredentials(config, env, alicloud),
      roles: planRoles(alicloud, assumeRole),
      alicloud,
    };
  } catch (err) {
    if (err instanceof SettingsError || err instanceof CredentialsError) {
      const code = err instanceof SettingsError ? LOCAL_CODES.badSetting : LOCAL_CODES.noCredentials;
      const kind = err instanceof SettingsError ? "client" : "auth";
      throw new PoolServiceError(
        { code, operation: "configuration", kind, origin: "local", attempts: 0, cause: err },
        err.message,
      );
    }
    throw err;
  }
}

/**
 * The three VPC operations this package uses, each with retries, classification and diagnostics.
 * Settings and credentials are read when it is made, at call time; nothing here is serialized.
 */
export class PoolServiceApi {
  /** Endpoint and timeouts. */
  readonly settings: Settings;
  /** Where credentials come from. */
  readonly credentials: CredentialPlan;
  /** The roles the calls act through. */
  readonly roles: RoleStep[];
  /** Removes known secrets from every text this object produces. */
  readonly scrubber: SecretScrubber;
  private readonly alicloud: AlicloudConfig;
  private readonly policy: RetryPolicy;
  private readonly sessions: CredentialSessions;
  private readonly clients: VpcClients;

  /** Reads settings and plans credentials ({@link readConfiguration}); throws a {@link PoolServiceError}. */
  constructor(private readonly options: PoolServiceApiOptions) {
    ({
      settings: this.settings,
      credentials: this.credentials,
      roles: this.roles,
      alicloud: this.alicloud,
    } = readConfiguration(options.config, options.env, options.endpoint, options.assumeRole));
    this.policy = { ...DEFAULT_RETRY_POLICY, budgetMs: this.settings.retryTimeoutMs, ...options.retry };
    this.sessions = options.sessions ?? new CredentialSessions();
    this.clients = options.clients ?? new VpcClients(this.sessions);
    this.scrubber = options.scrubber ?? new SecretScrubber();
    this.scrubber.add(...secretsOf(options.config, options.env));
  }

  /**
   * GetPublicIpAddressPoolServiceStatus: whether the feature is active in a region. Only a boolean
   * `Enabled` counts: any other reply is an `UnexpectedResponse`, never "disabled".
   */
  async status(regionId: string): Promise<boolean> {
    const { body, exchange } = await this.call(OPERATIONS.status, regionId, this.vpc(regionId), (c) =>
      c.getPublicIpAddressPoolServiceStatus(new vpc.GetPublicIpAddressPoolServiceStatusRequest({ regionId })),
    );
    // The reply as sent: the client's model turns "true" into true and {} into an empty object.
    const raw = exchange.complete ? parseJson(exchange.body) : { Enabled: body?.enabled };
    const enabled = isObject(raw) ? raw.Enabled : undefined;
    if (typeof enabled !== "boolean") {
      throw this.unexpected(OPERATIONS.status, regionId, exchange, "it has no boolean `Enabled`");
    }
    return enabled;
  }

  /**
   * OpenPublicIpAddressPoolService with an idempotency token; returns the request ID. After an
   * attempt whose outcome is unknown, `settle` finds out what became of it before anything else is
   * sent: true when the region turned out enabled (no request ID is known then).
   */
  async open(regionId: string, clientToken: string, settle?: OpenSettlement): Promise<string | undefined> {
    const { body } = await this.call(
      OPERATIONS.open,
      regionId,
      this.vpc(regionId),
      (c) =>
        c.openPublicIpAddressPoolService(
          new vpc.OpenPublicIpAddressPoolServiceRequest({ regionId, clientToken }),
        ),
      settle,
    );
    return body?.requestId;
  }

  /** DescribeRegions: every region of the VPC API, each ID validated before anything is built from it. */
  async regions(acceptLanguage = "en-US"): Promise<RegionListing[]> {
    const { body, exchange } = await this.call(
      OPERATIONS.describeRegions,
      undefined,
      this.vpc(HOME_REGION),
      (c) => c.describeRegions(new vpc.DescribeRegionsRequest({ acceptLanguage })),
    );
    const listed = body?.regions?.region;
    if (!Array.isArray(listed) || listed.length === 0) {
      throw this.unexpected(
        OPERATIONS.describeRegions,
        undefined,
        exchange,
        "it lists no regions (`Regions.Region`)",
      );
    }
    return listed.map((r) => {
      if (regionIdProblem(r.regionId, "region ID")) {
        const shown = JSON.stringify(this.scrubber.scrub(String(r.regionId))).slice(0, 80);
        throw this.unexpected(
          OPERATIONS.describeRegions,
          undefined,
          exchange,
          `it lists ${shown}, which is not a region ID`,
        );
      }
      return { regionId: r.regionId as string, localName: r.localName };
    });
  }

  /** The error of a reply that is not what the operation returns. */
  private unexpected(
    operation: Operation,
    regionId: string | undefined,
    exchange: HttpExchange,
    what: string,
  ): PoolServiceError {
    const failure: CallFailure = {
      kind: "client",
      origin: "transport",
      code: LOCAL_CODES.unexpectedResponse,
      statusCode: exchange.statusCode,
      requestId: exchange.requestId,
      serviceMessage: what,
      network: false,
      outcomeUnknown: false,
      cause: undefined,
    };
    return this.failed(operation, regionId, failure, { attempts: 1, elapsedMs: 0 });
  }

  /**
   * The account these calls act in: the last role's, the configured `alicloud:accountId`, or STS's
   * answer to GetCallerIdentity (asked once per credentials for the owner's sessions).
   */
  accountId(): Promise<string> {
    return this.sessions
      .accountId(this.credentials, this.roles, {
        ...this.resolveOptions(),
        configured: this.alicloud.accountId,
        callerIdentity: async (resolved) => {
          const connection = async () => ({ ...stsClient(resolved, this.settings.stsHost), ...resolved });
          const { body, exchange } = await this.call(
            OPERATIONS.callerIdentity,
            undefined,
            connection(),
            (c) => c.getCallerIdentity(),
          );
          if (typeof body?.accountId !== "string" || !/^\d+$/.test(body.accountId)) {
            throw this.unexpected(
              OPERATIONS.callerIdentity,
              undefined,
              exchange,
              "it has no account ID (`AccountId`)",
            );
          }
          return body.accountId;
        },
      })
      .catch((err: unknown) => {
        throw this.credentialsFailed(err, OPERATIONS.callerIdentity);
      });
  }

  private resolveOptions(): ResolveOptions {
    return {
      env: this.options.env,
      stsHost: this.settings.stsHost,
      scrub: (text) => this.scrubber.scrub(text),
    };
  }

  /** The VPC client of a region, with these calls' credentials. */
  private vpc(regionId: string) {
    return this.clients.get(this.credentials, this.roles, this.settings, regionId, this.resolveOptions());
  }

  /** The error of credentials that could not be had, as a {@link PoolServiceError} (other errors as they are). */
  private credentialsFailed(err: unknown, operation: Operation, regionId?: string): unknown {
    if (!(err instanceof CredentialsError)) return err;
    const { code, origin, requestId } = err.facts;
    return new PoolServiceError(
      {
        code: code ?? LOCAL_CODES.noCredentials,
        operation,
        regionId,
        requestId,
        kind: "auth",
        origin: origin ?? "local",
        attempts: 0,
        cause: err,
      },
      this.scrubber.scrub(err.message),
    );
  }

  /** A {@link PoolServiceError} with the diagnostic of a failure, scrubbed. */
  private failed(
    operation: Operation,
    regionId: string | undefined,
    failure: CallFailure,
    retries: Pick<RetriesFailed, "attempts" | "elapsedMs"> &
      Partial<Pick<RetriesFailed, "stoppedBy" | "budgetLeftMs">>,
    endpointHost?: string,
    credentialSource = this.credentials.source,
  ): PoolServiceError {
    const message = diagnose(failure, {
      operation,
      regionId,
      attempts: retries.attempts,
      elapsedMs: retries.elapsedMs,
      stoppedBy: retries.stoppedBy,
      budgetLeftMs: retries.budgetLeftMs,
      credentialSource,
      endpointHost,
    });
    return new PoolServiceError(
      {
        code: failure.code,
        operation,
        regionId,
        statusCode: failure.statusCode,
        requestId: failure.requestId,
        kind: failure.kind,
        origin: failure.origin,
        attempts: retries.attempts,
        cause: failure.cause,
      },
      this.scrubber.scrub(message),
    );
  }

  /** One operation through a client, with retries, classification and diagnostics. */
  private async call<C, B>(
    operation: Operation,
    regionId: string | undefined,
    connecting: Promise<{ client: C; endpointHost: string; secrets: string[]; source: string }>,
    send: (client: C) => Promise<{ body?: B }>,
    settle?: OpenSettlement,
  ): Promise<{ body?: B; exchange: HttpExchange }> {
    let connection: Awaited<typeof connecting>;
    try {
      connection = await connecting;
      this.scrubber.add(...connection.secrets);
    } catch (err) {
      throw this.credentialsFailed(err, operation, regionId);
    }
    let exchange = newExchange();
    try {
      const res = await withRetries(
        () => {
          exchange = newExchange();
          return observeExchange(exchange, () => send(connection.client));
        },
        this.policy,
        {
          classify: (err) => classifyError(err, exchange),
          onRetry: (notice: RetryNotice) => this.options.onRetry?.({ ...notice, operation, regionId }),
          settle:
            settle &&
            (async (failure) => ((await settle(failure)) ? { value: { body: undefined } } : undefined)),
        },
      );
      return { body: res.body, exchange };
    } catch (err) {
      if (!(err instanceof RetriesFailed)) throw err;
      throw this.failed(operation, regionId, err.failure, err, connection.endpointHost, connection.source);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
