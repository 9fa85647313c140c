// What a credential plan stands for once its files are read: the first credentials of the chain
// (a static AccessKey, a role assumed with an OIDC token, or a provider of @alicloud/credentials
// for what only it can fetch: the ECS RAM role, a credentials URI, CLI sign-ins), and the roles
// that follow from a profile. Roles are assumed by this package (roleSession.ts), so that every STS
// call of every source uses the configured STS endpoint, retries and checks.
import { URICredentialsProvider } from "@alicloud/credentials";
import { CHAIN_ENV, CREDENTIAL_ENV, SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";
import { assumeRoleProblem } from "../config/roles";
import { ecsRole, tokenReader, type CredentialChain } from "./chain";
import { CredentialsError } from "./credentialsError";
import { cliConfigPath, credentialsFilePath, forSetting, readCliConfig } from "./files";
import type { CredentialPlan } from "./plan";
import { fileProfileChain, profileChain } from "./profiles";

/**
 * The chain a plan stands for, reading the files it names (bounded, never quoted). Throws
 * {@link CredentialsError} naming the setting, the file and the problem.
 */
export function expandPlan(
  plan: Exclude<CredentialPlan, { kind: "none" }>,
  env: NodeJS.ProcessEnv,
  terms: SettingTerms,
): CredentialChain {
  return forSetting(plan.source, () => expand(plan, env, terms));
}

function expand(
  plan: Exclude<CredentialPlan, { kind: "none" }>,
  env: NodeJS.ProcessEnv,
  terms: SettingTerms,
): CredentialChain {
  switch (plan.kind) {
    case "static":
      return { base: { ...plan }, roles: [] };
    case "oidcRole":
      return {
        base: {
          kind: "oidc",
          role: { value: plan.role, source: plan.source, field: plan.field },
          token: tokenReader(
            plan.role.oidcToken,
            plan.role.oidcTokenFile,
            terms.name(SETTINGS.assumeRoleWithOidc.key, ".oidcTokenFile"),
          ),
          source: plan.source,
        },
        roles: [],
      };
    case "ecsRole":
      return { base: ecsRole(plan.roleName, plan.source), roles: [] };
    case "uri":
      return {
        base: {
          kind: "library",
          make: () => URICredentialsProvider.builder().withCredentialsURI(plan.uri).build(),
          what: `the credentials URI ${plan.uri}`,
          source: plan.source,
        },
        roles: [],
      };
    case "profile": {
      if (plan.file)
        return profileChain(
          readCliConfig(plan.file),
          plan.profile,
          terms.name(SETTINGS.sharedCredentialsFile.key),
        );
      if (env[CHAIN_ENV.cliProfileDisabled]?.toLowerCase() === "true") {
        throw new CredentialsError(
          `${CHAIN_ENV.cliProfileDisabled} switches the Alibaba Cloud CLI profile off: ` +
            `unset it, or use ${terms.name(SETTINGS.accessKey.key)} and ${terms.name(SETTINGS.secretKey.key)}.`,
          { origin: "local" },
        );
      }
      return profileChain(readCliConfig(cliConfigPath()), plan.profile, undefined);
    }
    case "chain":
      switch (plan.step) {
        case "env": {
          const names = CREDENTIAL_ENV.alibabaCloud;
          return {
            base: {
              kind: "static",
              accessKeyId: env[names.accessKeyId]!,
              accessKeySecret: env[names.accessKeySecret]!,
              securityToken: env[names.securityToken] || undefined,
              source: plan.source,
            },
            roles: [],
          };
        }
        case "oidc": {
          const [roleArn, oidcProviderArn, tokenFile] = CHAIN_ENV.oidc.map((name) => env[name]!);
          const problem = assumeRoleProblem({ roleArn }, `environment ${CHAIN_ENV.oidc[0]}`);
          if (problem) throw new CredentialsError(problem.replace(".roleArn", ""), { origin: "local" });
          return {
            base: {
              kind: "oidc",
              role: { value: { roleArn, oidcProviderArn, oidcTokenFile: tokenFile }, source: plan.source },
              token: tokenReader(undefined, tokenFile, `environment ${CHAIN_ENV.oidc[2]}`),
              source: plan.source,
            },
            roles: [],
          };
        }
        case "cliProfile":
          return profileChain(readCliConfig(cliConfigPath()), env[CHAIN_ENV.profile] || undefined, undefined);
        case "credentialsFile":
          return fileProfileChain(credentialsFilePath(env), env[CHAIN_ENV.profile] || "default");
      }
  }
}
