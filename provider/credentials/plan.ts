// Where the credentials of a call come from, decided from stack config and the environment: no
// file's content is read and nothing is sent; only whether the CLI profile and credentials files
// exist is looked at. The order is @pulumi/alicloud's (the Terraform provider's):
// an explicit OIDC role, an AccessKey pair, the ECS RAM role, the CLI profile, the credentials URI,
// then the rest of the library's default chain, each step only when its setting is there: with
// nothing set, nothing is tried and nothing is sent.
import { existsSync } from "node:fs";
import { readAlicloudConfig, type AlicloudConfig } from "../config/alicloudConfig";
import { CHAIN_ENV, CREDENTIAL_ENV, SETTINGS } from "../config/keys";
import { type ConfigSource } from "../config/configSource";
import { type OidcRoleSpec, type RoleStep } from "../config/roles";
import { cliConfigPath, credentialsFilePath } from "./files";
import { CredentialsError } from "./credentialsError";
import { assertHeaderSafe, assertWhole } from "./values";

/** A step of the library's default chain whose setting is present (after the explicit settings). */
export type ChainStep = "env" | "oidc" | "cliProfile" | "credentialsFile";

/** An AccessKey pair (with an STS token, optionally), and where it was found. */
export interface StaticKey {
  /** The kind of credentials. */
  kind: "static";
  /** AccessKey ID. */
  accessKeyId: string;
  /** AccessKey secret. */
  accessKeySecret: string;
  /** STS security token. */
  securityToken?: string;
  /** Where they were found, for diagnostics (never the values). */
  source: string;
}

/** Where the credentials of a call come from; decided at call time, never stored. */
export type CredentialPlan =
  | StaticKey
  | {
      /** A role assumed with an OIDC token (`alicloud:assumeRoleWithOidc`). */
      kind: "oidcRole";
      /** The role and the token. */
      role: OidcRoleSpec;
      /** Where it was configured. */
      source: string;
      /** How a field of its setting is named in messages. */
      field?: (name: string) => string;
    }
  | {
      /** The RAM role of the ECS instance, from instance metadata. */
      kind: "ecsRole";
      /** The role name. */
      roleName: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** A profile of the Alibaba Cloud CLI's configuration. */
      kind: "profile";
      /** Profile name (default: the file's current profile). */
      profile?: string;
      /** The configuration file, when not ~/.aliyun/config.json. */
      file?: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** A URI that serves credentials. */
      kind: "uri";
      /** The URI. */
      uri: string;
      /** Where it was configured. */
      source: string;
    }
  | {
      /** One step of the rest of the default chain of `@alicloud/credentials`. */
      kind: "chain";
      /** The step. */
      step: ChainStep;
      /** Description for diagnostics. */
      source: string;
    }
  | {
      /** Nothing is set anywhere. */
      kind: "none";
      /** Description for diagnostics. */
      source: string;
    };

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true";
}

/** The first step of the rest of the default chain whose setting is there. Throws for a setting made by half. */
function chainStep(env: NodeJS.ProcessEnv): { step: ChainStep; source: string } | undefined {
  const oidc = CHAIN_ENV.oidc.filter((name) => env[name]);
  if (oidc.length === CHAIN_ENV.oidc.length)
    return { step: "oidc", source: `environment ${CHAIN_ENV.oidc[0]} (OIDC)` };
  if (oidc.length > 0 && oidc.some((name) => name !== CHAIN_ENV.oidc[0])) {
    const missing = CHAIN_ENV.oidc.filter((name) => !env[name]);
    throw new CredentialsError(
      `${oidc.join(" and ")} ${oidc.length === 1 ? "is" : "are"} set but ${missing.join(" and ")} not: OIDC needs all three.`,
    );
  }
  if (!isTrue(env[CHAIN_ENV.cliProfileDisabled]) && existsSync(cliConfigPath())) {
    return { step: "cliProfile", source: "the Alibaba Cloud CLI profile" };
  }
  if (existsSync(credentialsFilePath(env)))
    return { step: "credentialsFile", source: "the credentials file of @alicloud/credentials" };
  return undefined;
}

/** An AccessKey pair from stack config, `ALICLOUD_*` or `ALIBABA_CLOUD_*`, checked; undefined when none is set. */
function accessKeyPair(config: ConfigSource, env: NodeJS.ProcessEnv): CredentialPlan | undefined {
  const { terms } = config;
  const id = config.get(SETTINGS.accessKey.key);
  const secret = config.get(SETTINGS.secretKey.key);
  if (assertWhole(id, secret, [terms.name(SETTINGS.accessKey.key), terms.name(SETTINGS.secretKey.key)])) {
    const securityToken = config.get(SETTINGS.securityToken.key);
    assertHeaderSafe(id, "AccessKey ID", terms.place(SETTINGS.accessKey.key));
    assertHeaderSafe(securityToken, "security token", terms.place(SETTINGS.securityToken.key));
    return {
      kind: "static",
      accessKeyId: id!,
      accessKeySecret: secret!,
      securityToken,
      source: terms.place(SETTINGS.accessKey.key),
    };
  }
  const alicloud = CREDENTIAL_ENV.alicloud;
  if (
    assertWhole(env[alicloud.accessKeyId], env[alicloud.accessKeySecret], [
      alicloud.accessKeyId,
      alicloud.accessKeySecret,
    ])
  ) {
    const securityToken = env[alicloud.securityToken] || undefined;
    assertHeaderSafe(env[alicloud.accessKeyId], "AccessKey ID", `environment ${alicloud.accessKeyId}`);
    assertHeaderSafe(securityToken, "security token", `environment ${alicloud.securityToken}`);
    return {
      kind: "static",
      accessKeyId: env[alicloud.accessKeyId]!,
      accessKeySecret: env[alicloud.accessKeySecret]!,
      securityToken,
      source: `environment ${alicloud.accessKeyId}`,
    };
  }
  const alibaba = CREDENTIAL_ENV.alibabaCloud;
  if (
    assertWhole(env[alibaba.accessKeyId], env[alibaba.accessKeySecret], [
      alibaba.accessKeyId,
      alibaba.accessKeySecret,
    ])
  ) {
    assertHeaderSafe(env[alibaba.accessKeyId], "AccessKey ID", `environment ${alibaba.accessKeyId}`);
    assertHeaderSafe(
      env[alibaba.securityToken] || undefined,
      "security token",
      `environment ${alibaba.securityToken}`,
    );
    return { kind: "chain", step: "env", source: `environment ${alibaba.accessKeyId}` };
  }
  return undefined;
}

/**
 * Decides where credentials come from, in @pulumi/alicloud's order: `alicloud:assumeRoleWithOidc`;
 * an AccessKey pair (stack config, then `ALICLOUD_*`, then `ALIBABA_CLOUD_*`, which the library's
 * environment provider reads itself); the ECS RAM role; the CLI profile; the credentials URI; then
 * the rest of the library's default chain, each step only when its setting is there. Reads no
 * file's content and sends nothing. Throws {@link CredentialsError} for a setting made by half or
 * a value that cannot be sent, and a settings error for an `alicloud:*` key it cannot honour.
 */
export function planCredentials(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  alicloud: AlicloudConfig = readAlicloudConfig(config, env),
): CredentialPlan {
  if (alicloud.assumeRoleWithOidc) {
    return {
      kind: "oidcRole",
      role: alicloud.assumeRoleWithOidc.value,
      source: alicloud.assumeRoleWithOidc.source,
      field: alicloud.assumeRoleWithOidc.field,
    };
  }
  const pair = accessKeyPair(config, env);
  if (pair) return pair;
  if (alicloud.ecsRoleName)
    return { kind: "ecsRole", roleName: alicloud.ecsRoleName.value, source: alicloud.ecsRoleName.source };
  if (alicloud.profile || alicloud.sharedCredentialsFile) {
    const named = alicloud.profile ? ` ("${alicloud.profile.value}")` : "";
    return {
      kind: "profile",
      profile: alicloud.profile?.value,
      file: alicloud.sharedCredentialsFile?.value,
      source: `${(alicloud.profile ?? alicloud.sharedCredentialsFile)!.source}${named}`,
    };
  }
  if (alicloud.credentialsUri)
    return { kind: "uri", uri: alicloud.credentialsUri.value, source: alicloud.credentialsUri.source };
  const step = chainStep(env);
  return step ? { kind: "chain", ...step } : { kind: "none", source: "no credential setting" };
}

/**
 * The roles a call acts through, in order: the stack's (`alicloud:assumeRole`, or
 * `ALICLOUD_ASSUME_ROLE_ARN`), then the resource's own `assumeRole`, each assumed with the
 * credentials before it.
 */
export function planRoles(alicloud: AlicloudConfig, callRole?: RoleStep): RoleStep[] {
  const roles: RoleStep[] = [];
  if (alicloud.assumeRole) roles.push(alicloud.assumeRole);
  if (callRole) roles.push(callRole);
  return roles;
}
