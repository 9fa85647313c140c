import { accountIdProblem, type AlicloudConfig, type RoleStep } from "./alicloudConfig";
import { readConfiguration } from "./callConfiguration";
import type { CallFailure } from "./classifyError";
import type { CredentialPlan } from "./credentialPlan";
import { CredentialSessions, type ResolveOptions } from "./credentialSessions";
import { CredentialsError } from "./credentialsError";
import { diagnose } from "./diagnostics";
import type { EndpointOverride } from "./endpoint";
import { LOCAL_CODES } from "./errorCodes";
import type { HttpExchange } from "./httpExchange";
import { OPERATIONS, STS_OPERATIONS, type Operation } from "./operations";
import { PoolServiceError } from "./poolServiceError";
import { regionIdProblem } from "./regionId";
import { retriedCall } from "./retriedCall";
import { DEFAULT_RETRY_POLICY, RetriesFailed, type RetryNotice, type RetryPolicy } from "./retry";
import { SecretScrubber, secretsOf } from "./secretScrubber";
import type { ConfigSource, Settings } from "./settings";
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
  /** Called before each retry, for progress output: `subject` is the region or the role. */
  onRetry?: (notice: RetryNotice & { operation: Operation; subject?: string }) => void;
  /** An endpoint already parsed (the command's `--endpoint`); wins over config and environment. */
  endpoint?: EndpointOverride;
  /** The credential sessions to reuse (a provider object's); new ones when absent. */
  sessions?: CredentialSessions;
  /** The clients to reuse (a provider object's, made with `sessions`); a new cache when absent. */
  clients?: VpcClients;
  /** A role the calls act through after the stack's own (a resource's `assumeRole`, `--assume-role`). */
  assumeRole?: RoleStep;
  /** The scrubber every diagnostic passes through (its owner's); a new one when absent. */
  scrubber?: SecretScrubber;
  /** Whether diagnostics speak to the command line (its flags) rather than a stack. */
  command?: boolean;
}

/** A client and what diagnostics say of it. */
interface Connection<C> {
  client: C;
  endpointHost: string;
  source: string;
  assumedRole?: string;
}

/** What became of an Open whose answer never came, as the caller found out. */
export type OpenSettlement = (failure: CallFailure) => Promise<boolean>;

/**
 * The VPC operations this package uses, and the STS question of which account they act in, each
 * with retries, classification and diagnostics. Settings and credentials are read when it is
 * made, at call time; nothing here is serialized.
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
      requestId: exchange.requestId ?? requestIdIn(exchange.body),
      serviceMessage: what,
      network: false,
      outcomeUnknown: false,
      cause: undefined,
    };
    return this.failed(operation, regionId, failure, { attempts: 1, elapsedMs: 0 });
  }

  /**
   * The account these calls act in, as STS reports it: the session of the last role, or
   * GetCallerIdentity (asked once per credentials for the owner's sessions). Without a call role,
   * a configured `alicloud:accountId` must match it.
   */
  accountId(): Promise<string> {
    return this.sessions
      .accountId(this.credentials, this.roles, {
        ...this.resolveOptions(),
        configured: this.options.assumeRole ? undefined : this.alicloud.accountId,
        callerIdentity: async (resolved) => {
          const connection = { ...stsClient(resolved.credential, this.settings.stsHost), ...resolved };
          const operation = STS_OPERATIONS.callerIdentity;
          const { body, exchange } = await this.call(operation, undefined, Promise.resolve(connection), (c) =>
            c.getCallerIdentity(),
          );
          if (accountIdProblem(body?.accountId, "AccountId")) {
            throw this.unexpected(operation, undefined, exchange, "it has no account ID (`AccountId`)");
          }
          return body!.accountId!;
        },
      })
      .catch((err: unknown) => {
        throw this.credentialsFailed(err, STS_OPERATIONS.callerIdentity);
      });
  }

  /** Where these calls' credentials come from, naming the roles they assume, for messages. */
  credentialSource(): string {
    return this.roles.reduce(
      (source, role) => `role ${role.value.roleArn} (${role.source}), assumed with ${source}`,
      this.credentials.source,
    );
  }

  private resolveOptions(): ResolveOptions {
    return {
      env: this.options.env,
      stsHost: this.settings.stsHost,
      policy: this.policy,
      learn: (...values) => this.scrubber.add(...values),
      scrub: (text) => this.scrubber.scrub(text),
      onRetry: ({ subject, ...notice }) => this.options.onRetry?.({ ...notice, subject }),
      command: this.options.command,
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
    connection?: Omit<Connection<unknown>, "client">,
  ): PoolServiceError {
    const message = diagnose(failure, {
      operation,
      regionId,
      attempts: retries.attempts,
      elapsedMs: retries.elapsedMs,
      stoppedBy: retries.stoppedBy,
      budgetLeftMs: retries.budgetLeftMs,
      credentialSource: connection?.source ?? this.credentials.source,
      endpointHost: connection?.endpointHost,
      assumedRole: connection?.assumedRole,
      command: this.options.command,
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
    connecting: Promise<Connection<C>>,
    send: (client: C) => Promise<{ body?: B }>,
    settle?: OpenSettlement,
  ): Promise<{ body?: B; exchange: HttpExchange }> {
    let connection: Connection<C>;
    try {
      connection = await connecting;
    } catch (err) {
      throw this.credentialsFailed(err, operation, regionId);
    }
    try {
      return await retriedCall(() => send(connection.client), this.policy, {
        onRetry: (notice) => this.options.onRetry?.({ ...notice, operation, subject: regionId }),
        settle,
      });
    } catch (err) {
      if (!(err instanceof RetriesFailed)) throw err;
      // Credentials that failed while the call was made (a session's renewal) have their own diagnostic.
      if (err.failure.cause instanceof CredentialsError)
        throw this.credentialsFailed(err.failure.cause, operation, regionId);
      throw this.failed(operation, regionId, err.failure, err, connection);
    }
  }
}

/** The `RequestId` of a reply in the API's form, when its body has one. */
function requestIdIn(body: string): string | undefined {
  const parsed = parseJson(body);
  return isObject(parsed) && typeof parsed.RequestId === "string" ? parsed.RequestId : undefined;
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
