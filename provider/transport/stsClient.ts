// The one place an STS client is made: for AssumeRole and AssumeRoleWithOIDC, which give the
// sessions of roles, and GetCallerIdentity, which says which account a call's credentials act in.
// The official @alicloud/sts20150401 client is loaded on first use.
import type Credential from "@alicloud/credentials";
import * as $OpenApi from "@alicloud/openapi-client";
import type Sts from "@alicloud/sts20150401";
import { CLIENT_OPTIONS } from "./clientOptions";

/** The default STS endpoint. */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

/** The `@alicloud/sts20150401` module: `default` is the client class, the rest its request models. */
export type StsSdk = typeof import("@alicloud/sts20150401");

/** The STS SDK, loaded when first needed. */
export function stsSdk(): StsSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when STS is asked
  return require("@alicloud/sts20150401") as StsSdk;
}

/** An STS client and the host it calls. */
export interface StsConnection {
  /** The official client. */
  client: Sts;
  /** The host it calls, for diagnostics. */
  endpointHost: string;
}

/**
 * An STS client calling `stsHost` over HTTPS (default sts.aliyuncs.com), signing with `credential`
 * (none for AssumeRoleWithOIDC, which the token authorizes).
 */
export function stsClient(credential: Credential | undefined, stsHost: string | undefined): StsConnection {
  const endpointHost = stsHost ?? DEFAULT_STS_HOST;
  const config = new $OpenApi.Config({
    credential,
    endpoint: endpointHost,
    protocol: "HTTPS",
    ...CLIENT_OPTIONS,
  });
  const { default: StsClient } = stsSdk();
  return { client: new StsClient(config as ConstructorParameters<typeof StsClient>[0]), endpointHost };
}
