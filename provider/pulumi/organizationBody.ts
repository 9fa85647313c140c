// The body of the organisation's component, for both faces: its inputs checked before anything is
// registered, the members of the directory found (ListAccounts once, the management account's ID
// from STS), one child account resource per joined member named `<name>-<accountId>`, and the
// component's outputs. Each face gives its own child resource.
import * as pulumi from "@pulumi/pulumi";
import { regionIdsProblem } from "../config/regionId";
import {
  accountIdProblem,
  DIRECTORY_ROLE,
  externalIdProblem,
  roleArnIn,
  roleNameProblem,
  type AssumeRoleSpec,
} from "../config/roles";
import { listMembers, selectMembers } from "../core/directoryMembers";
import type { PoolServiceApi } from "../core/poolServiceApi";

/** The inputs of the organisation's component: plain values, known when the program runs. */
export interface OrganizationArgs {
  /** Only members in this folder of the directory, or in its sub-folders. */
  folderId?: string;
  /** Only members with each of these tags, with these values. */
  tags?: Record<string, string>;
  /** Members to leave out, by account ID. */
  excludeAccountIds?: string[];
  /** Also activate the management account itself, with the credentials themselves (default: false). */
  includeManagement?: boolean;
  /** The role each member is reached through, `acs:ram::<member>:role/<roleName>` (default: ResourceDirectoryAccountAccessRole). */
  roleName?: string;
  /** The external ID the members' role trust policy requires, if any. */
  externalId?: string;
  /** The regions to activate in each account (default: every region its DescribeRegions lists). */
  regionIds?: string[];
  /** Regions to leave out. */
  excludeRegionIds?: string[];
}

/** What an account's child resource gives the component. */
export interface AccountChild {
  readonly enabledRegions: pulumi.Output<string[]>;
}

/** The component's outputs, in every face (each as {@link ORGANIZATION_OUTPUT_DOCS} says). */
export interface OrganizationOutputs {
  accountIds: pulumi.Output<string[]>;
  enabledRegions: pulumi.Output<Record<string, string[]>>;
  notJoined: pulumi.Output<Record<string, string>>;
}

/** What each output of the component means: the text of the schema and of the TypeScript face's doc comments. */
export const ORGANIZATION_OUTPUT_DOCS: Readonly<Record<keyof OrganizationOutputs, string>> = {
  accountIds:
    "The accounts this component activates, sorted: the joined members its filters choose (and the management account, when included).",
  enabledRegions: "The regions on in each account, by account ID, once `pulumi up` has run.",
  notJoined:
    "The members the filters choose that have not joined the directory (status `CreateVerifying`, `PromoteVerifying`, `*Failed`, …), by account ID, with their status: none of them is touched.",
};

/** An account the component activates, and the role it is reached through (none: the management account). */
export interface AccountTarget {
  /** The account ID. */
  accountId: string;
  /** The member's role; absent for the management account, which the credentials act in. */
  assumeRole?: AssumeRoleSpec;
}

/** Why the component's inputs cannot be used, naming the input, or undefined. */
export function organizationProblem(
  args: Record<string, unknown>,
): { property: string; reason: string } | undefined {
  const checks: Array<[string, () => string | undefined]> = [
    [
      "folderId",
      () =>
        args.folderId === undefined || typeof args.folderId === "string"
          ? undefined
          : "folderId must be a folder ID (text), like fd-bZr8AbHe6f.",
    ],
    [
      "tags",
      () => {
        const t = args.tags;
        if (t === undefined) return undefined;
        const ok =
          typeof t === "object" &&
          t !== null &&
          !Array.isArray(t) &&
          Object.values(t).every((v) => typeof v === "string");
        return ok ? undefined : 'tags must map tag keys to values, like {"env": "prod"}.';
      },
    ],
    [
      "excludeAccountIds",
      () => {
        const ids = args.excludeAccountIds;
        if (ids === undefined) return undefined;
        if (!Array.isArray(ids)) return "excludeAccountIds must be a list of account IDs.";
        return ids.map((id: unknown, i) => accountIdProblem(id, `excludeAccountIds[${i}]`)).find(Boolean);
      },
    ],
    [
      "includeManagement",
      () =>
        args.includeManagement === undefined || typeof args.includeManagement === "boolean"
          ? undefined
          : "includeManagement must be true or false.",
    ],
    [
      "roleName",
      () => (args.roleName === undefined ? undefined : roleNameProblem(args.roleName, "roleName")),
    ],
    [
      "externalId",
      () => (args.externalId === undefined ? undefined : externalIdProblem(args.externalId, "externalId")),
    ],
    [
      "regionIds",
      () => (args.regionIds === undefined ? undefined : regionIdsProblem(args.regionIds, "regionIds")),
    ],
    [
      "excludeRegionIds",
      () =>
        args.excludeRegionIds === undefined
          ? undefined
          : regionIdsProblem(args.excludeRegionIds, "excludeRegionIds"),
    ],
  ];
  for (const [property, check] of checks) {
    if (pulumi.Output.isInstance(args[property]))
      return {
        property,
        reason: `${property} must be known when the program runs (a literal or configuration), not the output of another resource: the members are found from it before any is declared.`,
      };
    const reason = check();
    if (reason) return { property, reason };
  }
  return undefined;
}

/** The role a member is reached through: `roleName` (default {@link DIRECTORY_ROLE}) in its account, with `externalId`. */
export function memberRoleOf(
  accountId: string,
  args: Pick<OrganizationArgs, "roleName" | "externalId">,
): AssumeRoleSpec {
  const roleArn = roleArnIn(accountId, args.roleName ?? DIRECTORY_ROLE);
  return args.externalId === undefined ? { roleArn } : { roleArn, externalId: args.externalId };
}

/**
 * The accounts the component activates: the joined members of the directory of `management`'s
 * account that the filters choose (each through its role), and the management account when asked;
 * and the chosen members that have not joined, with their status.
 */
export async function organizationAccounts(
  management: PoolServiceApi,
  args: OrganizationArgs,
): Promise<{ targets: AccountTarget[]; notJoined: Record<string, string> }> {
  const all = await listMembers(management);
  const managementId = await management.accountId();
  const { joined, notJoined } = selectMembers(
    all.filter((m) => m.accountId !== managementId),
    { folderId: args.folderId, tags: args.tags, exclude: args.excludeAccountIds },
  );
  const targets: AccountTarget[] = [
    ...(args.includeManagement === true ? [{ accountId: managementId }] : []),
    ...joined.map((m) => ({ accountId: m.accountId, assumeRole: memberRoleOf(m.accountId, args) })),
  ].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  return { targets, notJoined: Object.fromEntries(notJoined.map((m) => [m.accountId, m.status])) };
}

/** The inputs of the account resource of `target`, as the component declares it. */
export function accountInputs(
  target: AccountTarget,
  args: OrganizationArgs,
): { accountId: string; regionIds?: string[]; excludeRegionIds?: string[]; assumeRole?: AssumeRoleSpec } {
  return {
    accountId: target.accountId,
    regionIds: args.regionIds,
    excludeRegionIds: args.excludeRegionIds,
    assumeRole: target.assumeRole,
  };
}

/**
 * Declares one child per account under `component`, named `<name>-<accountId>`, by `child` (given
 * {@link accountInputs}); registers the component's outputs (by `register`), and returns them with the children by
 * account ID.
 */
export function declareAccounts<C extends AccountChild>(
  component: pulumi.ComponentResource,
  name: string,
  found: { targets: readonly AccountTarget[]; notJoined: Record<string, string> },
  args: OrganizationArgs,
  child: (
    childName: string,
    inputs: ReturnType<typeof accountInputs>,
    opts: pulumi.CustomResourceOptions,
  ) => C,
  register: (outputs: OrganizationOutputs) => void,
): OrganizationOutputs & { children: Readonly<Record<string, C>> } {
  const children: Record<string, C> = Object.create(null);
  const byAccount: Record<string, pulumi.Output<string[]>> = Object.create(null);
  for (const target of found.targets) {
    children[target.accountId] = child(`${name}-${target.accountId}`, accountInputs(target, args), {
      parent: component,
    });
    byAccount[target.accountId] = children[target.accountId].enabledRegions;
  }
  const outputs: OrganizationOutputs = {
    accountIds: pulumi.output(found.targets.map((t) => t.accountId)),
    enabledRegions: pulumi.all(byAccount),
    notJoined: pulumi.output(found.notJoined),
  };
  register(outputs);
  return { ...outputs, children };
}
