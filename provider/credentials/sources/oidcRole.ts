// `alicloud:assumeRoleWithOidc`: a role assumed with an OIDC token, set in the configuration.
import { SETTINGS } from "../../config/keys";
import type { OidcRoleSpec } from "../../config/roles";
import { tokenReader } from "../chain";
import { credentialSource } from "./credentialSource";

/** A role assumed with an OIDC token (`alicloud:assumeRoleWithOidc`). */
export interface OidcRolePlan {
  /** The kind of plan. */
  kind: "oidcRole";
  /** The role and the token. */
  role: OidcRoleSpec;
  /** Where it was configured. */
  source: string;
  /** How a field of its setting is named in messages. */
  field?: (name: string) => string;
}

/** The OIDC role of the configuration: the first source. */
export const OIDC_ROLE = credentialSource<OidcRolePlan>({
  places: ({ place }) => [place(SETTINGS.assumeRoleWithOidc.key)],
  doc: {
    source: `\`${SETTINGS.assumeRoleWithOidc.key}\` \`{roleArn, oidcProviderArn, oidcToken | oidcTokenFile, roleSessionName, policy, sessionExpiration}\``,
    environment: "",
  },
  help: [],
  plan: ({ alicloud }) =>
    alicloud.assumeRoleWithOidc && {
      kind: "oidcRole",
      role: alicloud.assumeRoleWithOidc.value,
      source: alicloud.assumeRoleWithOidc.source,
      field: alicloud.assumeRoleWithOidc.field,
    },
  owns: (plan): plan is OidcRolePlan => plan.kind === "oidcRole",
  expand: (plan, _env, terms) => ({
    base: {
      kind: "oidcRole",
      role: { value: plan.role, source: plan.source, field: plan.field },
      token: tokenReader(
        plan.role.oidcToken,
        plan.role.oidcTokenFile,
        terms.name(SETTINGS.assumeRoleWithOidc.key, ".oidcTokenFile"),
      ),
      source: plan.source,
    },
    roles: [],
  }),
});
