// What a diagnostic says failed: an API operation, a step of a resource's lifecycle, or a part
// of the package.
import type { Operation } from "../transport/operations";

/** A step of a resource's lifecycle, as the engine asks for it. */
export type LifecycleStep = "check" | "diff" | "create" | "read" | "update" | "delete";

/** What a failure happened in, when it is not one call: the names a diagnostic gives them. */
export const LOCAL_OPERATIONS = {
  /** The status function, in a program. */
  statusFunction: "getPublicIpAddressPoolServiceStatus",
  /** The directory's members function, in a program. */
  membersFunction: "getOrganizationMembers",
  /** The organisation's status function, in a program. */
  organizationStatusFunction: "getOrganizationStatus",
  /** The status command. */
  statusCommand: "alicloud-ip-pool-service status",
  /** Reading the settings and planning the credentials of a call. */
  configuration: "configuration",
  /** The plugin reading its provider's inputs. */
  providerConfiguration: "the provider's configuration",
  /** The provider, when nothing more precise is known. */
  provider: "the provider",
  /** The engine naming a resource type to the plugin. */
  resourceType: "resource type",
  /** The engine naming a component type to the plugin. */
  componentType: "component type",
  /** The engine naming a function to the plugin. */
  function: "function",
} as const;

/** What failed: an API operation, a lifecycle step, or one of {@link LOCAL_OPERATIONS}. */
export type FailedOperation =
  Operation | LifecycleStep | (typeof LOCAL_OPERATIONS)[keyof typeof LOCAL_OPERATIONS];
