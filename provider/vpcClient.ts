import Credential, { CLIProfileCredentialsProvider } from "@alicloud/credentials";
import * as $OpenApi from "@alicloud/openapi-client";
import { accountKey, CredentialsError, noCredentialsMessage, type CredentialPlan } from "./credentials";
import { CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, type Settings } from "./settings";
import { vpcSdk, type VpcClient } from "./vpcSdk";

/** A VPC client and what it was made from. */
export interface VpcConnection {
  /** The official client. */
  client: VpcClient;
  /** The host it calls, for diagnostics. */
  endpointHost: string;
}

const clients = new Map<string, Promise<VpcConnection>>();

function cacheKey(plan: CredentialPlan, settings: Settings, regionId: string): string {
  const secretPart = plan.kind === "static" ? [plan.accessKeySecret, plan.securityToken ?? ""] : [];
  return JSON.stringify([accountKey(plan), ...secretPart, settings.endpoint ?? null, regionId]);
}

async function credentialFor(plan: Exclude<CredentialPlan, { kind: "static" }>): Promise<Credential> {
  let credential: Credential;
  if (plan.kind === "profile") {
    try {
      credential = new Credential(
        null,
        CLIProfileCredentialsProvider.builder().withProfileName(plan.profile).build(),
      );
    } catch (err) {
      throw new CredentialsError(
        `${plan.source} is set, but the Alibaba Cloud CLI profile cannot be read: ${(err as Error).message}. ` +
          "Unset ALIBABA_CLOUD_CLI_PROFILE_DISABLED, or use alicloud:accessKey and alicloud:secretKey.",
      );
    }
  } else {
    credential = new Credential();
  }
  try {
    await credential.getCredential();
  } catch (err) {
    const detail = (err as Error).message;
    throw new CredentialsError(
      plan.kind === "profile"
        ? `${plan.source} could not be used: ${detail}. Check the profile in ~/.aliyun/config.json (\`aliyun configure list\`).`
        : noCredentialsMessage(detail),
    );
  }
  return credential;
}

async function connect(plan: CredentialPlan, settings: Settings, regionId: string): Promise<VpcConnection> {
  const config = new $OpenApi.Config({
    regionId,
    endpoint: settings.endpoint?.host,
    protocol: settings.endpoint?.protocol ?? "HTTPS",
    readTimeout: READ_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    userAgent: "pulumi-alicloud-ip-pool-service",
  });
  if (plan.kind === "static") {
    config.accessKeyId = plan.accessKeyId;
    config.accessKeySecret = plan.accessKeySecret;
    config.securityToken = plan.securityToken;
  } else {
    config.credential = await credentialFor(plan);
  }
  // The SDK's own retries stay off (its default): retries.ts decides, with the Open lock held.
  const client = new vpcSdk.default(config);
  return { client, endpointHost: client._endpoint };
}

/**
 * The one place a VPC client is made. Clients are cached per credentials, endpoint and region
 * for the life of the process (never serialized); a plan whose credentials fail is not cached.
 */
export function vpcConnection(
  plan: CredentialPlan,
  settings: Settings,
  regionId: string,
): Promise<VpcConnection> {
  const key = cacheKey(plan, settings, regionId);
  let connection = clients.get(key);
  if (!connection) {
    connection = connect(plan, settings, regionId);
    clients.set(key, connection);
    connection.catch(() => clients.delete(key));
  }
  return connection;
}
