// The one place an STS client is made: for GetCallerIdentity, which says which account a call's
// credentials act in. The official @alicloud/sts20150401 client is loaded on first use.
import * as $OpenApi from "@alicloud/openapi-client";
import type Sts from "@alicloud/sts20150401";
import type { ResolvedCredential } from "./credentials";
import { CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS } from "./settings";

/** The default STS endpoint (the credential library's too). */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

/** An STS client and the host it calls. */
export interface StsConnection {
  /** The official client. */
  client: Sts;
  /** The host it calls, for diagnostics. */
  endpointHost: string;
}

/** An STS client signing with the given credentials, calling `stsHost` over HTTPS (default sts.aliyuncs.com). */
export function stsClient(resolved: ResolvedCredential, stsHost: string | undefined): StsConnection {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when an account must be asked
  const { default: StsClient } = require("@alicloud/sts20150401") as typeof import("@alicloud/sts20150401");
  const endpointHost = stsHost ?? DEFAULT_STS_HOST;
  const config = new $OpenApi.Config({
    credential: resolved.credential,
    endpoint: endpointHost,
    protocol: "HTTPS",
    readTimeout: READ_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    userAgent: "pulumi-alicloud-ip-pool-service",
  });
  return { client: new StsClient(config as ConstructorParameters<typeof StsClient>[0]), endpointHost };
}
