// The chains of profiles: of the Alibaba Cloud CLI's configuration (JSON) and of the credentials
// file of @alicloud/credentials (INI). Every mode that assumes a role becomes a role step, so that
// its STS calls go where every other does.
import { assumeRoleProblem, type AssumeRoleSpec, type RoleStep } from "../config/roles";
import { credentialsLibrary, ecsRole, tokenReader, type BaseCredential, type CredentialChain } from "./chain";
import { CredentialsError } from "./credentialsError";
import { cliProfile, LIBRARY_MODES, OWN_MODES, readCredentialsFileProfile, type CliConfig } from "./files";
import { assertHeaderSafe } from "./values";

/** Profile modes of the CLI configuration this package leaves to @alicloud/credentials (no STS call of theirs). */

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
 * which reads only ~/.aliyun/config.json: `fileSetting` names the setting that chose another file,
 * as its user sets it, and is undefined for that one.
 */
export function profileChain(
  config: CliConfig,
  name: string | undefined,
  fileSetting: string | undefined,
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
      const source = profileChain(config, p.source_profile, fileSetting, [...seen, p.name]);
      return { base: source.base, roles: [...source.roles, role()] };
    }
    case "OIDC": {
      const spec = role().value;
      return {
        base: {
          kind: "oidcRole",
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
  if (fileSetting === undefined && LIBRARY_MODES.includes(p.mode)) {
    return {
      base: {
        kind: "library",
        make: () =>
          credentialsLibrary().CLIProfileCredentialsProvider.builder().withProfileName(p.name).build(),
        what: `the ${p.mode} sign-in of ${where}`,
        source: where,
      },
      roles: [],
    };
  }
  throw new CredentialsError(
    `${where} has the mode ${p.mode}, which this package reads from ~/.aliyun/config.json only: ` +
      `use ${OWN_MODES.join(", ")} in ${fileSetting}, or unset it.`,
    { origin: "local" },
  );
}

/** The chain of a profile of the credentials file (INI): access_key, ram_role_arn or ecs_ram_role. */
export function fileProfileChain(path: string, name: string): CredentialChain {
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
