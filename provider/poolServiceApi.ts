import { CredentialsError, planCredentials, type CredentialPlan } from "./credentials";
import { diagnose } from "./diagnostics";
import type { EndpointOverride } from "./endpoint";
import { LOCAL_CODES } from "./errorCodes";
import { OPERATIONS, type Operation } from "./operations";
import { PoolServiceError } from "./poolServiceError";
import {
  DEFAULT_RETRY_POLICY,
  RetriesFailed,
  withRetries,
  type RetryNotice,
  type RetryPolicy,
} from "./retry";
import { readSettings, SettingsError, type ConfigSource, type Settings } from "./settings";
import { VpcClients, type VpcConnection } from "./vpcClient";
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
  /** The clients to reuse (a provider object's); a new cache when absent. */
  clients?: VpcClients;
}

/** Settings and the credential plan of a call, read from stack config and the environment. */
export interface CallConfiguration {
  /** Endpoint and timeouts. */
  settings: Settings;
  /** Where credentials come from. */
  credentials: CredentialPlan;
}

/**
 * Reads the settings and plans the credentials, sending nothing. Throws a {@link PoolServiceError}
 * naming the setting to fix.
 */
export function readConfiguration(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  endpoint?: EndpointOverride,
): CallConfiguration {
  try {
    return { settings: readSettings(config, env, { endpoint }), credentials: planCredentials(config, env) };
  } catch (err) {
    if (err instanceof SettingsError || err instanceof CredentialsError) {
      const code = err instanceof SettingsError ? LOCAL_CODES.badSetting : LOCAL_CODES.noCredentials;
      const kind = err instanceof SettingsError ? "client" : "auth";
      throw new PoolServiceError({ code, operation: "configuration", kind, attempts: 0 }, err.message);
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
  private readonly policy: RetryPolicy;
  private readonly clients: VpcClients;

  /** Reads settings and plans credentials ({@link readConfiguration}); throws a {@link PoolServiceError}. */
  constructor(private readonly options: PoolServiceApiOptions) {
    ({ settings: this.settings, credentials: this.credentials } = readConfiguration(
      options.config,
      options.env,
      options.endpoint,
    ));
    this.policy = { ...DEFAULT_RETRY_POLICY, budgetMs: this.settings.retryTimeoutMs, ...options.retry };
    this.clients = options.clients ?? new VpcClients();
  }

  /** GetPublicIpAddressPoolServiceStatus: whether the feature is active in a region. */
  async status(regionId: string): Promise<boolean> {
    const body = await this.call(OPERATIONS.status, regionId, (c) =>
      c.getPublicIpAddressPoolServiceStatus(new vpc.GetPublicIpAddressPoolServiceStatusRequest({ regionId })),
    );
    return body?.enabled === true;
  }

  /** OpenPublicIpAddressPoolService with an idempotency token; returns the request ID. */
  async open(regionId: string, clientToken: string): Promise<string | undefined> {
    const body = await this.call(OPERATIONS.open, regionId, (c) =>
      c.openPublicIpAddressPoolService(
        new vpc.OpenPublicIpAddressPoolServiceRequest({ regionId, clientToken }),
      ),
    );
    return body?.requestId;
  }

  /** DescribeRegions: every region of the VPC API. */
  async regions(acceptLanguage = "en-US"): Promise<RegionListing[]> {
    const body = await this.call(OPERATIONS.describeRegions, undefined, (c) =>
      c.describeRegions(new vpc.DescribeRegionsRequest({ acceptLanguage })),
    );
    return (body?.regions?.region ?? [])
      .filter((r): r is typeof r & { regionId: string } => typeof r.regionId === "string")
      .map((r) => ({ regionId: r.regionId, localName: r.localName }));
  }

  private async call<B>(
    operation: Operation,
    regionId: string | undefined,
    send: (client: VpcConnection["client"]) => Promise<{ body?: B }>,
  ): Promise<B | undefined> {
    let connection: VpcConnection;
    try {
      connection = await this.clients.get(this.credentials, this.settings, regionId ?? HOME_REGION);
    } catch (err) {
      if (err instanceof CredentialsError) {
        throw new PoolServiceError(
          { code: LOCAL_CODES.noCredentials, operation, regionId, kind: "auth", attempts: 0 },
          err.message,
        );
      }
      throw err;
    }
    try {
      const res = await withRetries(
        () => send(connection.client),
        this.policy,
        (notice) => this.options.onRetry?.({ ...notice, operation, regionId }),
      );
      return res.body;
    } catch (err) {
      if (!(err instanceof RetriesFailed)) throw err;
      const { failure, attempts, elapsedMs } = err;
      const message = diagnose(failure, {
        operation,
        regionId,
        attempts,
        elapsedMs,
        credentialSource: this.credentials.source,
        endpointHost: connection.endpointHost,
      });
      throw new PoolServiceError(
        {
          code: failure.code,
          operation,
          regionId,
          statusCode: failure.statusCode,
          requestId: failure.requestId,
          kind: failure.kind,
          attempts,
        },
        message,
      );
    }
  }
}
