// What credentials are made of, once their settings and files are read: the first credentials of a
// chain, then the roles assumed with them.
import type { CredentialsProvider } from "@alicloud/credentials";
import type { ConfiguredRole, OidcRoleSpec, RoleStep } from "../config/roles";
import { forSetting, readCredentialFile } from "./files";
import { CredentialsError } from "./credentialsError";

/**
 * @alicloud/credentials, loaded when a provider of it is first made: planning and the command's
 * help need none of it (it takes about 75 ms to load).
 */
export function credentialsLibrary(): typeof import("@alicloud/credentials") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
  return require("@alicloud/credentials") as typeof import("@alicloud/credentials");
}

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

/** The first credentials of a chain, before any role. */
export type BaseCredential =
  | StaticKey
  | {
      /** A role assumed with an OIDC token (AssumeRoleWithOIDC). */
      kind: "oidcRole";
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
    make: () => credentialsLibrary().ECSRAMRoleCredentialsProvider.builder().withRoleName(roleName).build(),
    what: `the ECS instance metadata (RAM role ${roleName})`,
    source,
  };
}
