// The schema of the organisation's parts: the account's resource (one per account, its regions its
// unit) and the organisation's component (one account resource per member of the directory).
import { DIRECTORY_ROLE } from "../config/roles";
import { ACCOUNT_OUTPUT_DOCS } from "../pulumi/accountRules";
import { ORGANIZATION_OUTPUT_DOCS } from "../pulumi/organizationBody";
import { PACKAGE } from "./pluginConfig";
import { ASSUME_ROLE, ref, text, texts, type Property } from "./schemaParts";

/** The type token of the account's resource. */
export const ACCOUNT_TOKEN = `${PACKAGE}:index:PublicIpAddressPoolServiceAccount`;
/** The type token of the organisation's component. */
export const ORGANIZATION_TOKEN = `${PACKAGE}:index:PublicIpAddressPoolServiceOrganization`;

const REGION_INPUTS: Readonly<Record<string, Property>> = {
  regionIds: texts(
    "The regions to activate, each once. Unset: every region the account's DescribeRegions lists, so that a region Alibaba Cloud adds shows in the next preview.",
  ),
  excludeRegionIds: texts("Regions to leave out (of `regionIds`, or of every region)."),
};

/** The schema's properties of the account's outputs. */
const ACCOUNT_OUTPUTS: Readonly<Record<string, Property>> = {
  accountId: text(ACCOUNT_OUTPUT_DOCS.accountId),
  regionIds: texts(ACCOUNT_OUTPUT_DOCS.regionIds),
  excludeRegionIds: texts(ACCOUNT_OUTPUT_DOCS.excludeRegionIds),
  enabled: {
    type: "object",
    additionalProperties: { type: "boolean" },
    description: ACCOUNT_OUTPUT_DOCS.enabled,
  },
  enabledRegions: texts(ACCOUNT_OUTPUT_DOCS.enabledRegions),
  adoptedRegions: texts(ACCOUNT_OUTPUT_DOCS.adoptedRegions),
  assumeRole: ref(ASSUME_ROLE, ACCOUNT_OUTPUT_DOCS.assumeRole),
};

/** The names of the account resource's outputs: what the plugin keeps of a state it reads. */
export const ACCOUNT_OUTPUT_NAMES: readonly string[] = Object.keys(ACCOUNT_OUTPUTS);

/** The account's resource in the schema. */
export const ACCOUNT_RESOURCE: Readonly<Property> = {
  description:
    "Activates the Public IP Address Pool feature in the regions of one account: its ID is the account ID. Adding a region is an update that opens only it; a region removed stays on (Alibaba Cloud has no API to turn it off). Opens are sent one at a time per account; a failure in some regions names each, and a re-run opens only what is left. `pulumi import` by account ID adopts the regions that are on, with no write.",
  inputProperties: {
    accountId: text("The account to activate (16 digits); STS must report it for the calls."),
    ...REGION_INPUTS,
    assumeRole: ref(
      ASSUME_ROLE,
      `A RAM role in the account, assumed with the provider's credentials (for a member of a resource directory: \`acs:ram::<accountId>:role/${DIRECTORY_ROLE}\`). Unset: the credentials must act in the account themselves.`,
    ),
  },
  requiredInputs: ["accountId"],
  properties: ACCOUNT_OUTPUTS,
  required: ["accountId", "regionIds", "enabled", "enabledRegions", "adoptedRegions"],
};

/** The organisation's component in the schema. */
export const ORGANIZATION_COMPONENT: Readonly<Property> = {
  isComponent: true,
  description:
    "Activates the feature in every member account of the resource directory the provider's credentials manage (the management account, or a delegated administrator): one PublicIpAddressPoolServiceAccount per joined member, named `<name>-<accountId>`. A member that joins shows in the next preview as one create; one that leaves, as one delete (the feature stays on there).",
  inputProperties: {
    folderId: text("Only members in this folder of the directory, or in its sub-folders."),
    tags: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "Only members with each of these tags, with these values.",
    },
    excludeAccountIds: texts("Members to leave out, by account ID."),
    includeManagement: {
      type: "boolean",
      description:
        "Also activate the management account itself, with the credentials themselves (default: false).",
    },
    roleName: text(
      `The role each member is reached through, \`acs:ram::<member>:role/<roleName>\` (default: ${DIRECTORY_ROLE}).`,
    ),
    externalId: text("The external ID the members' role trust policy requires, if any."),
    ...REGION_INPUTS,
  },
  properties: {
    accountIds: texts(ORGANIZATION_OUTPUT_DOCS.accountIds),
    enabledRegions: {
      type: "object",
      additionalProperties: { type: "array", items: { type: "string" } },
      description: ORGANIZATION_OUTPUT_DOCS.enabledRegions,
    },
    notJoined: {
      type: "object",
      additionalProperties: { type: "string" },
      description: ORGANIZATION_OUTPUT_DOCS.notJoined,
    },
  },
  required: ["accountIds", "enabledRegions", "notJoined"],
};
