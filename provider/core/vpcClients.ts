import * as $OpenApi from "@alicloud/openapi-client";
import { type RoleStep } from "../config/roles";
import { CLIENT_OPTIONS } from "../transport/clientOptions";
import type { CallSettings } from "../config/settings";
import type { CredentialPlan } from "../credentials/plan";
import type { CredentialSessions, ResolveOptions } from "../credentials/sessions";
import { vpcSdk, type VpcClient } from "../transport/vpcSdk";

/** A VPC client and what it was made from. */
export interface VpcConnection {
  /** The official client. */
  client: VpcClient;
  /** The host it calls, for diagnostics. */
  endpointHost: string;
  /** Where its credentials come from, naming any role assumed, for diagnostics. */
  source: string;
  /** The role whose session it signs with, when it does. */
  assumedRole?: string;
}

/**
 * The one place a VPC client is made. A cache of clients per credentials, endpoint and region for
 * the life of its owner (a provider object, a status read, a command run); the credentials
 * themselves come from the owner's sessions, shared by every region. Never serialized. A client
 * whose credentials fail is not kept.
 */
export class VpcClients {
  private readonly connections = new Map<string, Promise<VpcConnection>>();

  /** Makes clients with the credentials of `sessions`. */
  constructor(private readonly sessions: CredentialSessions) {}

  /** The client for a plan, its roles, the settings and a region: made on first use, then reused. */
  get(
    plan: CredentialPlan,
    roles: readonly RoleStep[],
    settings: CallSettings,
    regionId: string,
    options: ResolveOptions,
  ): Promise<VpcConnection> {
    const key = JSON.stringify([plan.source, roles.map((r) => r.value), settings.endpoint ?? null, regionId]);
    let connection = this.connections.get(key);
    if (!connection) {
      connection = (async () => {
        const resolved = await this.sessions.resolve(plan, roles, options);
        const config = new $OpenApi.Config({
          regionId,
          credential: resolved.credential,
          endpoint: settings.endpoint?.host,
          protocol: settings.endpoint?.protocol ?? "HTTPS",
          ...CLIENT_OPTIONS,
        });
        // The SDK's own retries stay off (its default): retry.ts decides, with the Open lock held.
        const client = new vpcSdk.default(config);
        return {
          client,
          endpointHost: client._endpoint,
          source: resolved.source,
          assumedRole: resolved.roleArn,
        };
      })();
      this.connections.set(key, connection);
      connection.catch(() => this.connections.delete(key));
    }
    return connection;
  }
}
