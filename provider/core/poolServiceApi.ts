// The calls of this package, each through the official client with retries, classification and
// diagnostics: the VPC operations, and the STS question of which account they act in. What a
// reply means is decided in replies.ts, and what a failure says in callErrors.ts.
import type { CallFailure } from "../transport/classifyError";
import type { HttpExchange } from "../transport/httpExchange";
import { DIRECTORY_OPERATIONS, OPERATIONS, STS_OPERATIONS, type Operation } from "../transport/operations";
import * as $OpenApi from "@alicloud/openapi-client";
import { CLIENT_OPTIONS } from "../transport/clientOptions";
import { retriedCall } from "../transport/retriedCall";
import { DEFAULT_RETRY_POLICY, RetriesFailed, type RetryPolicy } from "../transport/retry";
import { retryProgress, type FaceContext } from "../diagnostics/faceContext";
import { secretsOf } from "../diagnostics/secretScrubber";
import { stsClient } from "../transport/stsClient";
import { vpcSdk as vpc } from "../transport/vpcSdk";
import type { AlicloudConfig } from "../config/alicloudConfig";
import type { RoleStep } from "../config/roles";
import type { CallSettings } from "../config/settings";
import { CredentialsError } from "../credentials/credentialsError";
import type { CredentialPlan } from "../credentials/plan";
import { CredentialSessions, type ResolveOptions } from "../credentials/sessions";
import { readConfiguration } from "./callConfiguration";
import { credentialsFailed, failedCall, unexpectedReply, type CallContext } from "./callErrors";
import {
  accountIdIn,
  enabledIn,
  membersIn,
  regionsIn,
  type RegionListing,
  type ReplyReading,
} from "./replies";
import type { PoolServiceApiOptions } from "./poolServiceApiOptions";
import { VpcClients } from "./vpcClients";

/** The region used to reach the API for calls that have no region (DescribeRegions). */
export const HOME_REGION = "cn-hangzhou";

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
 * The VPC operations this package uses, and the STS question of which account they act in.
 * CallSettings and credentials are read when it is made, at call time; nothing here is serialized.
 */
export class PoolServiceApi {
  /** Endpoint and timeouts. */
  readonly settings: CallSettings;
  /** Where credentials come from. */
  readonly credentials: CredentialPlan;
  /** The roles the calls act through. */
  readonly roles: RoleStep[];
  /** The face's context: every message of these calls is in its terms, scrubbed by its scrubber. */
  readonly context: FaceContext;
  private readonly alicloud: AlicloudConfig;
  private readonly policy: RetryPolicy;
  private readonly sessions: CredentialSessions;
  private readonly clients: VpcClients;

  /** Reads settings and plans credentials ({@link readConfiguration}); throws a `PoolServiceError`. */
  constructor(private readonly options: PoolServiceApiOptions) {
    ({
      settings: this.settings,
      credentials: this.credentials,
      roles: this.roles,
      alicloud: this.alicloud,
    } = readConfiguration(
      options.config,
      options.env,
      options.endpointFlag === undefined ? undefined : { value: options.endpointFlag, source: "--endpoint" },
      options.assumeRole,
    ));
    this.context = options.context;
    this.policy = { ...DEFAULT_RETRY_POLICY, budgetMs: this.settings.retryTimeoutMs, ...this.context.retry };
    this.sessions = options.sessions ?? new CredentialSessions();
    this.clients = options.clients ?? new VpcClients(this.sessions);
    this.context.scrubber.add(...secretsOf(options.config, options.env));
  }

  /**
   * GetPublicIpAddressPoolServiceStatus: whether the feature is active in a region. Only a boolean
   * `Enabled` counts: any other reply is an `UnexpectedResponse`, never "disabled". `budgetMs`
   * bounds its retries more tightly than the retry budget (one attempt is always made).
   */
  async status(regionId: string, budgetMs?: number): Promise<boolean> {
    const connecting = this.vpc(regionId);
    const request = new vpc.GetPublicIpAddressPoolServiceStatusRequest({ regionId });
    const { body, exchange } = await this.call(
      OPERATIONS.status,
      regionId,
      connecting,
      (c) => c.getPublicIpAddressPoolServiceStatus(request),
      { budgetMs },
    );
    return this.valueOrUnexpected(
      enabledIn(exchange, body?.enabled),
      OPERATIONS.status,
      regionId,
      exchange,
      await connecting,
    );
  }

  /**
   * OpenPublicIpAddressPoolService with an idempotency token; returns the request ID. After an
   * attempt whose outcome is unknown, `settle` finds out what became of it before anything else is
   * sent: true when the region turned out enabled (no request ID is known then).
   */
  async open(regionId: string, clientToken: string, settle?: OpenSettlement): Promise<string | undefined> {
    const send = (c: Awaited<ReturnType<PoolServiceApi["vpc"]>>["client"]) =>
      c.openPublicIpAddressPoolService(
        new vpc.OpenPublicIpAddressPoolServiceRequest({ regionId, clientToken }),
      );
    const { body } = await this.call(OPERATIONS.open, regionId, this.vpc(regionId), send, { settle });
    return body?.requestId;
  }

  /** DescribeRegions: every region of the VPC API, each ID validated before anything is built from it. */
  async regions(acceptLanguage = "en-US"): Promise<RegionListing[]> {
    const connecting = this.vpc(HOME_REGION);
    const { body, exchange } = await this.call(OPERATIONS.describeRegions, undefined, connecting, (c) =>
      c.describeRegions(new vpc.DescribeRegionsRequest({ acceptLanguage })),
    );
    const reading = regionsIn(body?.regions?.region, (text) => this.context.scrubber.scrub(text));
    return this.valueOrUnexpected(reading, OPERATIONS.describeRegions, undefined, exchange, await connecting);
  }

  /**
   * The account these calls act in, as STS reports it: the session of the last role, or
   * GetCallerIdentity (asked once per credentials for the owner's sessions). Without a call role,
   * a configured `alicloud:accountId` must match it.
   */
  accountId(): Promise<string> {
    const operation = STS_OPERATIONS.callerIdentity;
    return this.sessions
      .accountId(this.credentials, this.roles, {
        ...this.resolveOptions(),
        configured: this.options.assumeRole ? undefined : this.alicloud.accountId,
        callerIdentity: async (resolved) => {
          const connection = { ...stsClient(resolved.credential, this.settings.stsHost), ...resolved };
          const { body, exchange } = await this.call(operation, undefined, Promise.resolve(connection), (c) =>
            c.getCallerIdentity(),
          );
          return this.valueOrUnexpected(
            accountIdIn(body?.accountId),
            operation,
            undefined,
            exchange,
            connection,
          );
        },
      })
      .catch((err: unknown) => {
        if (!(err instanceof CredentialsError)) throw err;
        throw credentialsFailed(err, operation, undefined, (text) => this.context.scrubber.scrub(text));
      });
  }

  /**
   * ListAccounts of Resource Manager: one page of the members of the directory these credentials'
   * account manages (the management account's, or a delegated administrator's), as the API gives them.
   */
  async membersPage(
    pageNumber: number,
    pageSize: number,
  ): Promise<{ accounts: unknown[]; totalCount: number }> {
    // Loaded here: only the organisation's status reads the directory.
    const rm =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
      require("@alicloud/resourcemanager20200331") as typeof import("@alicloud/resourcemanager20200331");
    const connecting = this.sessions
      .resolve(this.credentials, this.roles, this.resolveOptions())
      .then((resolved) => {
        const client = new rm.default(
          new $OpenApi.Config({
            credential: resolved.credential,
            endpoint: this.settings.resourceManagerHost ?? "resourcemanager.aliyuncs.com",
            protocol: "HTTPS",
            ...CLIENT_OPTIONS,
          }),
        );
        return {
          client,
          endpointHost: client._endpoint,
          source: resolved.source,
          assumedRole: resolved.roleArn,
        };
      });
    const operation = DIRECTORY_OPERATIONS.listAccounts;
    const { body, exchange } = await this.call(operation, undefined, connecting, (c) =>
      c.listAccounts(new rm.ListAccountsRequest({ pageNumber, pageSize, includeTags: true })),
    );
    const reading = membersIn(body?.accounts?.account, body?.totalCount);
    return this.valueOrUnexpected(reading, operation, undefined, exchange, await connecting);
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
      context: this.context,
    };
  }

  /** The VPC client of a region, with these calls' credentials. */
  private vpc(regionId: string) {
    return this.clients.get(this.credentials, this.roles, this.settings, regionId, this.resolveOptions());
  }

  /** What diagnostics say of a call through a connection. */
  private callContext(
    operation: Operation,
    regionId: string | undefined,
    connection?: Omit<Connection<unknown>, "client">,
  ): CallContext {
    return {
      operation,
      regionId,
      credentialSource: connection?.source ?? this.credentials.source,
      endpointHost: connection?.endpointHost,
      assumedRole: connection?.assumedRole,
      terms: this.context.terms,
      scrubber: this.context.scrubber,
    };
  }

  /** A reply's value, or the `UnexpectedResponse` error that says what is wrong with it. */
  private valueOrUnexpected<T>(
    reading: ReplyReading<T>,
    operation: Operation,
    regionId: string | undefined,
    exchange: HttpExchange,
    connection: Omit<Connection<unknown>, "client">,
  ): T {
    if (reading.problem !== undefined) {
      throw unexpectedReply(exchange, reading.problem, this.callContext(operation, regionId, connection));
    }
    return reading.value;
  }

  /**
   * One operation through a client, with retries, classification and diagnostics; `budgetMs`
   * may shorten the retry budget, and `settle` is the Open's ({@link PoolServiceApi.open}).
   */
  private async call<C, B>(
    operation: Operation,
    regionId: string | undefined,
    connecting: Promise<Connection<C>>,
    send: (client: C) => Promise<{ body?: B }>,
    { settle, budgetMs = Infinity }: { settle?: OpenSettlement; budgetMs?: number } = {},
  ): Promise<{ body?: B; exchange: HttpExchange }> {
    const scrub = (text: string) => this.context.scrubber.scrub(text);
    let connection: Connection<C>;
    try {
      connection = await connecting;
    } catch (err) {
      if (!(err instanceof CredentialsError)) throw err;
      throw credentialsFailed(err, operation, regionId, scrub);
    }
    try {
      const policy = { ...this.policy, budgetMs: Math.min(budgetMs, this.policy.budgetMs) };
      return await retriedCall(() => send(connection.client), policy, {
        clock: this.context.clock,
        onRetry: (notice) => retryProgress(this.context, { ...notice, operation, subject: regionId }),
        settle,
      });
    } catch (err) {
      if (!(err instanceof RetriesFailed)) throw err;
      // Credentials that failed while the call was made (a session's renewal) have their own diagnostic.
      if (err.failure.cause instanceof CredentialsError) {
        throw credentialsFailed(err.failure.cause, operation, regionId, scrub);
      }
      throw failedCall(err.failure, err, this.callContext(operation, regionId, connection));
    }
  }
}
