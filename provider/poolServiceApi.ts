import { AlibabaCloudError } from "./alibabaCloudError";
import { CredentialsError, planCredentials, type CredentialPlan } from "./credentials";
import { diagnose } from "./diagnostics";
import { LOCAL_CODES, OPERATIONS, type Operation } from "./errorCodes";
import {
  DEFAULT_RETRY_POLICY,
  RetriesFailed,
  withRetries,
  type RetryNotice,
  type RetryPolicy,
} from "./retry";
import { readSettings, SettingsError, type ConfigSource, type Settings } from "./settings";
import { vpcConnection, type VpcConnection } from "./vpcClient";
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

  /** Reads settings and plans credentials; throws an {@link AlibabaCloudError} naming the setting to fix. */
  constructor(private readonly options: PoolServiceApiOptions) {
    try {
      this.settings = readSettings(options.config, options.env);
      this.credentials = planCredentials(options.config, options.env);
    } catch (err) {
      if (err instanceof SettingsError || err instanceof CredentialsError) {
        const code = err instanceof SettingsError ? LOCAL_CODES.badSetting : LOCAL_CODES.noCredentials;
        const kind = err instanceof SettingsError ? "client" : "auth";
        throw new AlibabaCloudError({ code, operation: "configuration", kind, attempts: 0 }, err.message);
      }
      throw err;
    }
    this.policy = { ...DEFAULT_RETRY_POLICY, budgetMs: this.settings.retryTimeoutMs, ...options.retry };
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
      connection = await vpcConnection(this.credentials, this.settings, regionId ?? HOME_REGION);
    } catch (err) {
      if (err instanceof CredentialsError) {
        throw new AlibabaCloudError(
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
      const { failure, attempts, elapsedMs, exhausted } = err;
      const message = diagnose(failure, {
        operation,
        regionId,
        attempts,
        elapsedMs,
        exhausted,
        credentialSource: this.credentials.source,
        endpointHost: connection.endpointHost,
      });
      throw new AlibabaCloudError(
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
