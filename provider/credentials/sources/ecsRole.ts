// `alicloud:ecsRoleName`: the RAM role of the ECS instance, whose credentials only
// @alicloud/credentials can fetch (instance metadata, asked only when the role is named).
import { SETTINGS } from "../../config/keys";
import { ecsRole } from "../chain";
import { credentialSource } from "./credentialSource";

/** The RAM role of the ECS instance, from instance metadata. */
export interface EcsRolePlan {
  /** The kind of plan. */
  kind: "ecsRole";
  /** The role name. */
  roleName: string;
  /** Where it was configured. */
  source: string;
}

/** The ECS instance's RAM role: the third source. */
export const ECS_ROLE = credentialSource<EcsRolePlan>({
  places: ({ place }) => [
    `${place(SETTINGS.ecsRoleName.key)} (${SETTINGS.ecsRoleName.env.join(", ")}): the ECS RAM role (instance metadata)`,
  ],
  doc: {
    source: `\`${SETTINGS.ecsRoleName.key}\`: the ECS instance's RAM role, from instance metadata`,
    environment: SETTINGS.ecsRoleName.env.map((name) => `\`${name}\``).join(", "),
  },
  help: [SETTINGS.ecsRoleName.env[0]],
  plan: ({ alicloud }) =>
    alicloud.ecsRoleName && {
      kind: "ecsRole",
      roleName: alicloud.ecsRoleName.value,
      source: alicloud.ecsRoleName.source,
    },
  owns: (plan): plan is EcsRolePlan => plan.kind === "ecsRole",
  expand: (plan) => ({ base: ecsRole(plan.roleName, plan.source), roles: [] }),
});
