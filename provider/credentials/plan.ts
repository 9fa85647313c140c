// Where the credentials of a call come from: the one ordered list of sources, @pulumi/alicloud's
// order (the Terraform provider's). The first source that is set wins; with none, nothing is tried
// and nothing is sent. The plan is decided from the configuration and the environment alone: no
// file's content is read, only whether the CLI's and the library's files exist. The "no
// credentials" message, the command's help and the docs' table are all made from this list.
import { readAlicloudConfig, type AlicloudConfig } from "../config/alicloudConfig";
import type { ConfigSource } from "../config/configSource";
import type { RoleStep } from "../config/roles";
import type { SettingTerms } from "../config/settingTerms";
import type { CredentialChain } from "./chain";
import { forSetting } from "./files";
import { ACCESS_KEY } from "./sources/accessKey";
import { CLI_PROFILE } from "./sources/cliProfile";
import { CREDENTIALS_URI } from "./sources/credentialsUri";
import { DEFAULT_CHAIN } from "./sources/defaultChain";
import { ECS_ROLE } from "./sources/ecsRole";
import { OIDC_ROLE } from "./sources/oidcRole";

/** Every source of credentials, in the order they are looked for. */
export const CREDENTIAL_SOURCES = [
  OIDC_ROLE,
  ACCESS_KEY,
  ECS_ROLE,
  CLI_PROFILE,
  CREDENTIALS_URI,
  DEFAULT_CHAIN,
] as const;

/** A plan of one of the sources. */
type SourcePlan = NonNullable<ReturnType<(typeof CREDENTIAL_SOURCES)[number]["plan"]>>;

/** Where the credentials of a call come from; decided at call time, never stored. */
export type CredentialPlan =
  | SourcePlan
  | {
      /** Nothing is set anywhere. */
      kind: "none";
      /** Description for diagnostics. */
      source: string;
    };

/**
 * Decides where credentials come from: the first source of {@link CREDENTIAL_SOURCES} that is
 * set. Reads no file's content and sends nothing. Throws a `CredentialsError` for a setting made
 * by half or a value that cannot be sent, and a settings error for an `alicloud:*` key it cannot
 * honour.
 */
export function planCredentials(
  config: ConfigSource,
  env: NodeJS.ProcessEnv,
  alicloud: AlicloudConfig = readAlicloudConfig(config, env),
): CredentialPlan {
  for (const source of CREDENTIAL_SOURCES) {
    const plan = source.plan({ config, env, alicloud });
    if (plan) return plan;
  }
  return { kind: "none", source: "no credential setting" };
}

/**
 * The chain a plan stands for, by the source that made it, reading the files it names (bounded,
 * never quoted). Throws a `CredentialsError` naming the setting, the file and the problem.
 */
export function expandPlan(
  plan: Exclude<CredentialPlan, { kind: "none" }>,
  env: NodeJS.ProcessEnv,
  terms: SettingTerms,
): CredentialChain {
  return forSetting(plan.source, () => {
    for (const source of CREDENTIAL_SOURCES) {
      const chain = source.expandOwn(plan, env, terms);
      if (chain) return chain;
    }
    throw new TypeError(`no credential source makes a plan of kind ${plan.kind}`);
  });
}

/** Every place credentials are looked for, in order, one line each, in a face's terms. */
export function credentialPlaces(terms: SettingTerms): string[] {
  return CREDENTIAL_SOURCES.flatMap((source) => source.places(terms));
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
