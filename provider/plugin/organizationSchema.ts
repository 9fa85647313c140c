// The schema of the organisation's parts: the account's resource (one per account, its regions its
// unit) and the organisation's component (one account resource per member of the directory).
import { DIRECTORY_ROLE } from "../config/roles";
import { ACCOUNT_OUTPUT_DOCS } from "../pulumi/accountRules";
import { ORGANIZATION_OUTPUT_DOCS } from "../pulumi/organizationBody";
import { PACKAGE } from "./pluginConfig";
import { ASSUME_ROLE, ref, text, texts, type Property } from "./schemaParts";

/** The type token of the account's resource. */
export const ACCOUNT_TOKEN = `${PACKAGE}:index:PublicIpAddressPoolServiceAccount`;
/** The token of the organisation's status function. */
export const ORGANIZATION_STATUS_TOKEN = `${PACKAGE}:index:getOrganizationStatus`;
/** The token of the directory's members function. */
export const ORGANIZATION_MEMBERS_TOKEN = `${PACKAGE}:index:getOrganizationMembers`;
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

/** The inputs of the organisation's component and status function. */
const ORGANIZATION_INPUTS: Readonly<Record<string, Property>> = {
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
};

/** The organisation's component in the schema. */
export const ORGANIZATION_COMPONENT: Readonly<Property> = {
  isComponent: true,
  description:
    "Activates the feature in every member account of the resource directory the provider's credentials manage (the management account, or a delegated administrator): one PublicIpAddressPoolServiceAccount per joined member, named `<name>-<accountId>`. A member that joins shows in the next preview as one create; one that leaves, as one delete (the feature stays on there).",
  inputProperties: ORGANIZATION_INPUTS,
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

const typeToken = (name: string) => `${PACKAGE}:index:${name}`;
const integer = (description: string): Property => ({ type: "integer", description });

/** The object types of the organisation's status. */
export const ORGANIZATION_TYPES: Readonly<Record<string, Property>> = {
  [typeToken("OrganizationSummary")]: {
    type: "object",
    description: "The organisation in figures, and in one line.",
    properties: {
      accounts: integer("Accounts read."),
      accountsFullyOn: integer("Accounts every region of which is on."),
      unreadableAccounts: integer("Accounts that could not be read in full."),
      regions: integer("Cells (account × region) read."),
      regionsOn: integer("Cells on."),
      notJoined: integer("Members left out because they have not joined."),
      line: text(
        'The summary line, e.g. "143 of 200 accounts fully on; 5,212 of 5,600 regions on; 3 accounts unreadable".',
      ),
    },
    required: [
      "accounts",
      "accountsFullyOn",
      "unreadableAccounts",
      "regions",
      "regionsOn",
      "notJoined",
      "line",
    ],
  },
  [typeToken("OrganizationAccount")]: {
    type: "object",
    description: "One account of the organisation, as read.",
    properties: {
      accountId: text("The account ID."),
      displayName: text("Its display name in the directory (none for the management account)."),
      folderId: text("Its folder (none for the management account)."),
      path: text("Its path in the directory (none for the management account)."),
      management: { type: "boolean", description: "Whether it is the management account." },
      regions: {
        type: "object",
        additionalProperties: { type: "boolean" },
        description: "Whether the feature is on, by region (null: the region could not be read).",
      },
      errors: {
        type: "array",
        items: { $ref: `#/types/${typeToken("RegionReadError")}` },
        description: "The regions that could not be read, each with why.",
      },
    },
    required: ["accountId", "management", "regions", "errors"],
  },
  [typeToken("RegionReadError")]: {
    type: "object",
    description: "A region that could not be read, and why.",
    properties: {
      regionId: text("The region."),
      code: text("The error code."),
      message: text("What happened, what it means, and the fix."),
    },
    required: ["regionId", "code", "message"],
  },
  [typeToken("DirectoryMember")]: {
    type: "object",
    description: "A member of the resource directory, as ListAccounts describes it.",
    properties: {
      accountId: text("The account ID."),
      displayName: text("Its display name."),
      folderId: text("The folder it is in."),
      path: text("Its path in the directory: the directory, the root, its folders, the account."),
      status: text("Its status: CreateSuccess, InviteSuccess, PromoteSuccess (joined), PromoteVerifying, …"),
      type: text("ResourceAccount or CloudAccount."),
      joinMethod: text("created or invited."),
      tags: { type: "object", additionalProperties: { type: "string" }, description: "Its tags." },
    },
    required: ["accountId", "displayName", "folderId", "path", "status", "type", "joinMethod", "tags"],
  },
  [typeToken("NotJoinedMember")]: {
    type: "object",
    description: "A member that has not joined the directory, left out.",
    properties: {
      accountId: text("The account ID."),
      displayName: text("Its display name."),
      status: text("Its status, e.g. PromoteVerifying."),
    },
    required: ["accountId", "status"],
  },
};

/** The organisation's status function in the schema. */
export const ORGANIZATION_STATUS_FUNCTION: Readonly<Property> = {
  description:
    "Reads where the feature is on across the organisation (the members the organisation's component would activate, through the same role), changing nothing; safe during `pulumi preview`. The same view as `alicloud-ip-pool-service status --org --json`.",
  inputs: { properties: ORGANIZATION_INPUTS },
  outputs: {
    properties: {
      summary: {
        $ref: `#/types/${typeToken("OrganizationSummary")}`,
        description: "The figures, and the summary line.",
      },
      accounts: {
        type: "array",
        items: { $ref: `#/types/${typeToken("OrganizationAccount")}` },
        description: "Every account read, sorted by ID.",
      },
      notJoined: {
        type: "array",
        items: { $ref: `#/types/${typeToken("NotJoinedMember")}` },
        description: "The members the filters choose that have not joined, left out.",
      },
    },
    required: ["summary", "accounts", "notJoined"],
  },
};

/** The directory's members function in the schema. */
export const ORGANIZATION_MEMBERS_FUNCTION: Readonly<Property> = {
  description:
    "Lists the members of the resource directory the provider's credentials manage that the filters choose (the management account aside), changing nothing; safe during `pulumi preview`.",
  inputs: {
    properties: {
      folderId: ORGANIZATION_INPUTS.folderId,
      tags: ORGANIZATION_INPUTS.tags,
      excludeAccountIds: ORGANIZATION_INPUTS.excludeAccountIds,
    },
  },
  outputs: {
    properties: {
      members: {
        type: "array",
        items: { $ref: `#/types/${typeToken("DirectoryMember")}` },
        description: "The joined members the filters choose, in the directory's order.",
      },
      notJoined: {
        type: "array",
        items: { $ref: `#/types/${typeToken("DirectoryMember")}` },
        description: "The members the filters choose that have not joined.",
      },
    },
    required: ["members", "notJoined"],
  },
};
