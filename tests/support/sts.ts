// The official STS clients, pointed at an emulator's TLS listener: @alicloud/sts20150401 (ACS3
// signature) and the AssumeRole providers of @alicloud/credentials (RPC HMAC-SHA1 signature).
import {
  OIDCRoleArnCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from "@alicloud/credentials";
import * as $OpenApi from "@alicloud/openapi-client";
import StsClient, * as $Sts from "@alicloud/sts20150401";
import type { AccessKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import type { HostileRule } from "./hostileEndpoint";

/** The official STS client, over TLS to an emulator, signing with the given key. */
export function stsSdk(emulator: Emulator, key: AccessKey): StsClient {
  return new StsClient(
    new $OpenApi.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      securityToken: key.securityToken,
      endpoint: emulator.secureHost,
      protocol: "HTTPS",
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }) as ConstructorParameters<typeof StsClient>[0],
  );
}

/** GetCallerIdentity through the official client: the account and identity of a key. */
export async function callerIdentity(
  emulator: Emulator,
  key: AccessKey,
): Promise<$Sts.GetCallerIdentityResponseBody> {
  return (await stsSdk(emulator, key).getCallerIdentity()).body!;
}

/** What AssumeRole takes, besides the role. */
export interface AssumeOptions {
  /** Session name (default "emulator-test"). */
  sessionName?: string;
  /** Session length in seconds. */
  durationSeconds?: number;
  /** External ID. */
  externalId?: string;
}

/** AssumeRole through @alicloud/credentials (as this package calls it); resolves to the issued key. */
export async function assumeWithLibrary(
  emulator: Emulator,
  key: AccessKey,
  roleArn: string,
  options: AssumeOptions = {},
): Promise<AccessKey & { expiration?: number }> {
  const signer = key.securityToken
    ? StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(key.accessKeyId)
        .withAccessKeySecret(key.accessKeySecret)
        .withSecurityToken(key.securityToken)
        .build()
    : StaticAKCredentialsProvider.builder()
        .withAccessKeyId(key.accessKeyId)
        .withAccessKeySecret(key.accessKeySecret)
        .build();
  const builder = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(signer)
    .withRoleArn(roleArn)
    .withRoleSessionName(options.sessionName ?? "emulator-test")
    .withStsEndpoint(emulator.secureHost);
  if (options.durationSeconds) builder.withDurationSeconds(options.durationSeconds);
  if (options.externalId) builder.withExternalId(options.externalId);
  const credentials = await builder.build().getCredentials();
  return {
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
  };
}

/** AssumeRole through the official STS client (ACS3 signature); resolves to the reply's body. */
export async function assumeWithSdk(
  emulator: Emulator,
  key: AccessKey,
  roleArn: string,
  options: AssumeOptions = {},
): Promise<$Sts.AssumeRoleResponseBody> {
  const request = new $Sts.AssumeRoleRequest({
    roleArn,
    roleSessionName: options.sessionName ?? "emulator-test",
    durationSeconds: options.durationSeconds,
    externalId: options.externalId,
  });
  return (await stsSdk(emulator, key).assumeRole(request)).body!;
}

/** AssumeRoleWithOIDC through @alicloud/credentials, with a token file; resolves to the issued key. */
export async function assumeWithOidc(
  emulator: Emulator,
  roleArn: string,
  oidcProviderArn: string,
  tokenFile: string,
): Promise<AccessKey> {
  const provider = OIDCRoleArnCredentialsProvider.builder()
    .withRoleArn(roleArn)
    .withOIDCProviderArn(oidcProviderArn)
    .withOIDCTokenFilePath(tokenFile)
    .withRoleSessionName("emulator-test")
    .withStsEndpoint(emulator.secureHost)
    .build();
  const credentials = await provider.getCredentials();
  return {
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
  };
}

/** The STS error code quoted in an error of @alicloud/credentials or of the STS client. */
export function stsCode(err: unknown): string | undefined {
  const e = err as { code?: string; message?: string };
  if (e.code && !/^E[A-Z]+$/.test(e.code)) return e.code;
  return /"Code":"([^"]+)"/.exec(e.message ?? "")?.[1];
}

/**
 * What a lying STS answers to an AssumeRole of `roleArn`: the session of another role, `other`
 * (an AssumeRole reply of the emulator), as if it were that role's.
 */
export function sessionOfAnotherRole(
  roleArn: string,
  other: $Sts.AssumeRoleResponseBody,
  ids: { requestId: string; assumedRoleId: string },
): HostileRule {
  return {
    action: "AssumeRole",
    params: { RoleArn: roleArn },
    reply: {
      kind: "json",
      body: {
        RequestId: ids.requestId,
        AssumedRoleUser: { Arn: other.assumedRoleUser!.arn, AssumedRoleId: ids.assumedRoleId },
        Credentials: {
          AccessKeyId: other.credentials!.accessKeyId,
          AccessKeySecret: other.credentials!.accessKeySecret,
          SecurityToken: other.credentials!.securityToken,
          Expiration: other.credentials!.expiration,
        },
      },
    },
  };
}
