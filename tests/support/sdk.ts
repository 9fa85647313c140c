import * as $OpenApi from "@alicloud/openapi-client";
import VpcClient, * as vpc from "@alicloud/vpc20160428";
import type { AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";

/** The official VPC client, over HTTP to an emulator, signing with the given key (default: the ready account's). */
export function sdkClient(emulator: Emulator, key: AccessKey = emulator.defaultAccount.keys[0]): VpcClient {
  const config = new $OpenApi.Config({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
    endpoint: emulator.host,
    protocol: "HTTP",
    regionId: "cn-hangzhou",
    readTimeout: 10_000,
    connectTimeout: 5_000,
  });
  return new VpcClient(config);
}

/** Calls GetPublicIpAddressPoolServiceStatus and returns `Enabled`. */
export async function sdkStatus(client: VpcClient, regionId: string): Promise<boolean | undefined> {
  const res = await client.getPublicIpAddressPoolServiceStatus(
    new vpc.GetPublicIpAddressPoolServiceStatusRequest({ regionId }),
  );
  return res.body?.enabled;
}

/** Calls OpenPublicIpAddressPoolService and returns the response body. */
export async function sdkOpen(
  client: VpcClient,
  regionId: string,
  clientToken?: string,
): Promise<vpc.OpenPublicIpAddressPoolServiceResponseBody | undefined> {
  const res = await client.openPublicIpAddressPoolService(
    new vpc.OpenPublicIpAddressPoolServiceRequest({ regionId, clientToken }),
  );
  return res.body;
}

/** The error a failed SDK call throws, with the fields tests read. */
export interface SdkError {
  /** Error class name (`ClientError`, `ServerError`, `ThrottlingError`, or a Node.js error). */
  name: string;
  /** Alibaba Cloud error code, or a Node.js code such as `ECONNRESET`. */
  code: string;
  /** HTTP status. */
  statusCode?: number;
  /** Request ID. */
  requestId?: string;
  /** Parsed error body. */
  data?: Record<string, unknown>;
  /** Throttling retry-after, in milliseconds. */
  retryAfter?: number;
  /** Message. */
  message: string;
}
