// What credentials are made of, once their settings and files are read: the first credentials of a
// chain, then the roles assumed with them.
import type { CredentialsProvider } from "@alicloud/credentials";
import type { ConfiguredRole, OidcRoleSpec, RoleStep } from "../config/roles";
import { forSetting, readCredentialFile } from "./files";
import { CredentialsError } from "./credentialsError";
import type { StaticKey } from "./plan";
import { ECSRAMRoleCredentialsProvider } from "@alicloud/credentials";

/** The first credentials of a chain, before any role. */
export type BaseCredential =
  | StaticKey
  | {
      /** A role assumed with an OIDC token (AssumeRoleWithOIDC). */
      kind: "oidc";
      /** The role and identity provider, and where they were configured. */
      role: ConfiguredRole<OidcRoleSpec>;
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

/** The token of an OIDC role: the text given, or the file's content, trimmed; never empty. */
export function tokenReader(
  text: string | undefined,
  file: string | undefined,
  setting: string,
): () => string {
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

/** The ECS instance's RAM role, whose credentials only @alicloud/credentials can fetch (instance metadata). */
export function ecsRole(roleName: string, source: string): BaseCredential {
  return {
    kind: "library",
    make: () => ECSRAMRoleCredentialsProvider.builder().withRoleName(roleName).build(),
    what: `the ECS instance metadata (RAM role ${roleName})`,
    source,
  };
}
