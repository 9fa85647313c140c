import * as $OpenApi from "@alicloud/openapi-client";
import { accountKey, resolveCredentials, type CredentialPlan } from "./credentials";
import { CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, type Settings } from "./settings";
import { vpcSdk, type VpcClient } from "./vpcSdk";

/** A VPC client and what it was made from. */
export interface VpcConnection {
  /** The official client. */
  client: VpcClient;
  /** The host it calls, for diagnostics. */
  endpointHost: string;
  /** The AccessKey ID it signs with (never the secret). */
  accessKeyId: string;
  /** The secret values it signs with, for the scrubber (never shown). */
  secrets: string[];
}

/** What resolving credentials needs besides the plan. */
export interface ConnectOptions {
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** Filters any text of the credential library that is shown. */
  scrub: (text: string) => string;
}

async function connect(
  plan: CredentialPlan,
  settings: Settings,
  regionId: string,
  options: ConnectOptions,
): Promise<VpcConnection> {
  const { credential, accessKeyId, secrets } = await resolveCredentials(plan, options.env, options.scrub);
  const config = new $OpenApi.Config({
    regionId,
    credential,
    endpoint: settings.endpoint?.host,
    protocol: settings.endpoint?.protocol ?? "HTTPS",
    readTimeout: READ_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    userAgent: "pulumi-alicloud-ip-pool-service",
  });
  // The SDK's own retries stay off (its default): retry.ts decides, with the Open lock held.
  const client = new vpcSdk.default(config);
  return { client, endpointHost: client._endpoint, accessKeyId, secrets };
}

/**
 * The one place a VPC client is made. A cache of clients per credentials, endpoint and region for
 * the life of its owner (a provider object, a status read, a command run); never serialized. A
 * plan whose credentials fail is not kept.
 */
export class VpcClients {
  private readonly connections = new Map<string, Promise<VpcConnection>>();

  /** The client for a plan, settings and region: made on first use, then reused. */
  get(
    plan: CredentialPlan,
    settings: Settings,
    regionId: string,
    options: ConnectOptions,
  ): Promise<VpcConnection> {
    const secretPart = plan.kind === "static" ? [plan.accessKeySecret, plan.securityToken ?? ""] : [];
    const key = JSON.stringify([accountKey(plan), ...secretPart, settings.endpoint ?? null, regionId]);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = connect(plan, settings, regionId, options);
      this.connections.set(key, connection);
      connection.catch(() => this.connections.delete(key));
    }
    return connection;
  }
}
