// What a credential plan stands for once its files are read: the first credentials of the chain
// (a static AccessKey, a role assumed with an OIDC token, or a provider of @alicloud/credentials
// for what only it can fetch: the ECS RAM role, a credentials URI, CLI sign-ins), and the roles
// that follow from a profile. Roles are assumed by this package (roleSession.ts), so that every STS
// call of every source uses the configured STS endpoint, retries and checks.
import {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  URICredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import {
  ALICLOUD_KEYS,
  assumeRoleProblem,
  type AssumeRoleSpec,
  type OidcRoleSpec,
  type RoleStep,
  type Sourced,
} from "./alicloudConfig";
import type { CredentialPlan } from "./credentialPlan";
import {
  cliConfigPath,
  cliProfile,
  credentialsFilePath,
  forSetting,
  readCliConfig,
  readCredentialFile,
  readCredentialsFileProfile,
  type CliConfig,
} from "./credentialFiles";
import { CredentialsError } from "./credentialsError";
import { assertHeaderSafe } from "./credentialValues";
import { CHAIN_ENV, CONFIG_KEYS, CREDENTIAL_ENV } from "./settings";

/** The first credentials of a chain, before any role. */
export type BaseCredential =
  | {
      /** An AccessKey pair, with an STS token optionally. */
      kind: "static";
      /** AccessKey ID. */
      accessKeyId: string;
      /** AccessKey secret. */
      accessKeySecret: string;
      /** STS security token. */
      securityToken?: string;
      /** Where it was found, for diagnostics (never the values). */
      source: string;
    }
  | {
      /** A role assumed with an OIDC token (AssumeRoleWithOIDC). */
      kind: "oidc";
      /** The role and identity provider, and where they were configured. */
      role: Sourced<OidcRoleSpec>;
      /** Reads the token: from the setting's text, or its file (bounded, at each use). */
      token: () => string;
      /** Where it was found, for diagnostics. */
      source: string;
    }
  | {
      /** A provider of @alicloud/credentials, for the sources only it can fetch. */
      kind: "library";
      /** Builds the provider (the library may refuse, e.g. with instance metadata switched off). */
      make: () => CredentialsProvider;
      /** What it fetches from, for messages ("the credentials URI http://…"). */
      what: string;
      /** Where it was configured, for diagnostics. */
      source: string;
    };

/** A plan's credentials: the first ones, then the roles its profile assumes with them, in order. */
export interface CredentialChain {
  /** The first credentials. */
  base: BaseCredential;
  /** Roles a profile assumes, each with the credentials before it (the stack's roles come after). */
  roles: RoleStep[];
}

/** Profile modes of the CLI configuration this package leaves to @alicloud/credentials (no STS call of theirs). */
const LIBRARY_MODES: readonly string[] = ["CloudSSO", "OAuth", "External"];

/** The token of an OIDC role: the text given, or the file's content, trimmed; never empty. */
function tokenReader(text: string | undefined, file: string | undefined, setting: string): () => string {
  return () => {
    const token = (text ?? forSetting(setting, () => readCredentialFile(file!))).trim();
    if (token === "") {
      throw new CredentialsError(
        `${setting}${file ? ` (${file})` : ""} holds no token: give the token of the identity provider.`,
        { origin: "local" },
      );
    }
    return token;
  };
}

/** A role of a profile, checked like any configured role. */
function profileRole(value: AssumeRoleSpec, where: string): RoleStep {
  const problem = assumeRoleProblem(value, where);
  if (problem) throw new CredentialsError(problem, { origin: "local" });
  return { value, source: where };
}

/** A static pair found in a file, checked before it is sent. */
function staticBase(
  accessKeyId: string | undefined,
  accessKeySecret: string | undefined,
  securityToken: string | undefined,
  source: string,
): BaseCredential {
  if (!accessKeyId || !accessKeySecret) {
    throw new CredentialsError(`${source} lacks access_key_id or access_key_secret.`, { origin: "local" });
  }
  assertHeaderSafe(accessKeyId, "AccessKey ID", source);
  assertHeaderSafe(securityToken, "security token", source);
  return { kind: "static", accessKeyId, accessKeySecret, securityToken, source };
}

/**
 * The chain of a CLI profile: AK and StsToken are static; RamRoleArn and ChainableRamRoleArn add a
 * role; OIDC is a role of its own; EcsRamRole and the CLI's sign-in modes are left to the library,
 * which reads only ~/.aliyun/config.json (`defaultFile`).
 */
function profileChain(
  config: CliConfig,
  name: string | undefined,
  defaultFile: boolean,
  seen: string[] = [],
): CredentialChain {
  const p = cliProfile(config, name);
  const where = `profile "${p.name}" in ${config.path}`;
  if (seen.includes(p.name)) {
    throw new CredentialsError(
      `${where} is its own source_profile (${[...seen, p.name].join(" → ")}): break the loop.`,
      {
        origin: "local",
      },
    );
  }
  const role = (): RoleStep =>
    profileRole(
      {
        roleArn: p.ram_role_arn ?? "",
        ...(p.ram_session_name ? { sessionName: p.ram_session_name } : {}),
        ...(p.expired_seconds ? { sessionExpiration: Number(p.expired_seconds) } : {}),
      },
      where,
    );
  switch (p.mode) {
    case "AK":
      return { base: staticBase(p.access_key_id, p.access_key_secret, undefined, where), roles: [] };
    case "StsToken":
      return { base: staticBase(p.access_key_id, p.access_key_secret, p.sts_token, where), roles: [] };
    case "RamRoleArn":
      return { base: staticBase(p.access_key_id, p.access_key_secret, undefined, where), roles: [role()] };
    case "ChainableRamRoleArn": {
      const source = profileChain(config, p.source_profile, defaultFile, [...seen, p.name]);
      return { base: source.base, roles: [...source.roles, role()] };
    }
    case "OIDC": {
      const spec = role().value;
      return {
        base: {
          kind: "oidc",
          role: {
            value: {
              roleArn: spec.roleArn,
              oidcProviderArn: p.oidc_provider_arn ?? "",
              oidcTokenFile: p.oidc_token_file,
              roleSessionName: spec.sessionName,
              sessionExpiration: spec.sessionExpiration,
            },
            source: where,
          },
          token: tokenReader(undefined, p.oidc_token_file, `${where} oidc_token_file`),
          source: where,
        },
        roles: [],
      };
    }
    case "EcsRamRole":
      return { base: ecsRole(p.ram_role_name ?? "", where), roles: [] };
  }
  if (defaultFile && LIBRARY_MODES.includes(p.mode)) {
    return {
      base: {
        kind: "library",
        make: () => CLIProfileCredentialsProvider.builder().withProfileName(p.name).build(),
        what: `the ${p.mode} sign-in of ${where}`,
        source: where,
      },
      roles: [],
    };
  }
  throw new CredentialsError(
    `${where} has the mode ${p.mode}, which this package reads from ~/.aliyun/config.json only: ` +
      `use AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole or OIDC in ${ALICLOUD_KEYS.sharedCredentialsFile}, or unset it.`,
    { origin: "local" },
  );
}

function ecsRole(roleName: string, source: string): BaseCredential {
  return {
    kind: "library",
    make: () => ECSRAMRoleCredentialsProvider.builder().withRoleName(roleName).build(),
    what: `the ECS instance metadata (RAM role ${roleName})`,
    source,
  };
}

/** The chain of a profile of the credentials file (INI): access_key, ram_role_arn or ecs_ram_role. */
function fileProfileChain(path: string, name: string): CredentialChain {
  const p = readCredentialsFileProfile(path, name);
  const where = `profile [${name}] in ${path}`;
  const v = (key: string) => p.values.get(key);
  if (p.type === "ecs_ram_role") return { base: ecsRole(v("role_name")!, where), roles: [] };
  const base = staticBase(v("access_key_id"), v("access_key_secret"), undefined, where);
  if (p.type === "access_key") return { base, roles: [] };
  const role = profileRole(
    {
      roleArn: v("role_arn")!,
      ...(v("role_session_name") ? { sessionName: v("role_session_name") } : {}),
      ...(v("policy") ? { policy: v("policy") } : {}),
    },
    where,
  );
  return { base, roles: [role] };
}

/**
 * The chain a plan stands for, reading the files it names (bounded, never quoted). Throws
 * {@link CredentialsError} naming the setting, the file and the problem.
 */
export function expandPlan(
  plan: Exclude<CredentialPlan, { kind: "none" }>,
  env: NodeJS.ProcessEnv,
): CredentialChain {
  return forSetting(plan.source, () => expand(plan, env));
}

function expand(plan: Exclude<CredentialPlan, { kind: "none" }>, env: NodeJS.ProcessEnv): CredentialChain {
  switch (plan.kind) {
    case "static":
      return { base: { ...plan }, roles: [] };
    case "oidcRole":
      return {
        base: {
          kind: "oidc",
          role: { value: plan.role, source: plan.source },
          token: tokenReader(
            plan.role.oidcToken,
            plan.role.oidcTokenFile,
            `${ALICLOUD_KEYS.assumeRoleWithOidc}.oidcTokenFile`,
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
      if (plan.file) return profileChain(readCliConfig(plan.file), plan.profile, false);
      if (env[CHAIN_ENV.cliProfileDisabled]?.toLowerCase() === "true") {
        throw new CredentialsError(
          `${CHAIN_ENV.cliProfileDisabled} switches the Alibaba Cloud CLI profile off: ` +
            `unset it, or use ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}.`,
          { origin: "local" },
        );
      }
      return profileChain(readCliConfig(cliConfigPath()), plan.profile, true);
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
          return profileChain(readCliConfig(cliConfigPath()), env[CHAIN_ENV.profile] || undefined, true);
        case "credentialsFile":
          return fileProfileChain(credentialsFilePath(env), env[CHAIN_ENV.profile] || "default");
      }
  }
}
