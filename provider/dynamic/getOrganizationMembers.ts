import type { DirectoryMember } from "../core/directoryMembers";
import type { OrganizationArgs } from "../pulumi/organizationBody";
import { programCalls } from "./programCalls";

/** Arguments of {@link getOrganizationMembers}: which members. */
export type GetOrganizationMembersArgs = Pick<OrganizationArgs, "folderId" | "tags" | "excludeAccountIds">;

/** A member of the resource directory, as ListAccounts describes it. */
export type OrganizationMember = DirectoryMember;

/** The directory's members a filter chooses. */
export interface GetOrganizationMembersResult {
  /** The joined members, in the directory's order. */
  members: OrganizationMember[];
  /** The members that have not joined (`CreateVerifying`, `PromoteVerifying`, `*Failed`, …). */
  notJoined: OrganizationMember[];
}

/**
 * Lists the members of the resource directory the stack's credentials manage that the filters
 * choose (the management account aside), changing nothing; safe during a preview.
 */
export async function getOrganizationMembers(
  args: GetOrganizationMembersArgs = {},
): Promise<GetOrganizationMembersResult> {
  const { organizationMembers } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
    require("../pulumi/organizationFunctions") as typeof import("../pulumi/organizationFunctions");
  return organizationMembers(programCalls(), args);
}
