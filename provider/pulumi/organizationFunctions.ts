// The organisation's functions, as a program asks for them in both faces: the directory's members
// a filter chooses, and where the feature is on across them (the members the component would
// activate, each read through the same role: every cell, the figures and the summary line). Both
// read only: safe during a preview.
import { carriedError } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { listMembers, selectMembers, type DirectoryMember } from "../core/directoryMembers";
import { ORG_CONCURRENCY, readOrganization } from "../core/organizationReading";
import { orgJson, orgSummary } from "../core/organizationReport";
import type { LifecycleCalls } from "./lifecycleCalls";
import { organizationProblem, memberRoleOf, type OrganizationArgs } from "./organizationBody";

/** The status function's name, in messages. */
const FUNCTION = LOCAL_OPERATIONS.organizationStatusFunction;

/** The inputs' problem, as an error naming the function, before any call. */
function refused(
  name: (typeof LOCAL_OPERATIONS)["membersFunction" | "organizationStatusFunction"],
  args: OrganizationArgs,
) {
  const problem = organizationProblem(args as Record<string, unknown>);
  return (
    problem &&
    carriedError(
      { code: LOCAL_CODES.badSetting, operation: name },
      `${name}: ${problem.reason} Nothing was read.`,
    )
  );
}

/** The directory's members: those a filter chooses that have joined, and those that have not. */
export interface OrganizationMembers {
  members: DirectoryMember[];
  notJoined: DirectoryMember[];
}

/** Lists the members of the directory of the credentials' account that the filters choose (the management account aside). */
export async function organizationMembers(
  calls: LifecycleCalls,
  args: OrganizationArgs,
): Promise<OrganizationMembers> {
  const problem = refused(LOCAL_OPERATIONS.membersFunction, args);
  if (problem) throw problem;
  return calls.withShownErrors("read", async () => {
    const management = calls.api();
    const all = await listMembers(management);
    const managementId = await management.accountId();
    const { joined, notJoined } = selectMembers(
      all.filter((m) => m.accountId !== managementId),
      { folderId: args.folderId, tags: args.tags, exclude: args.excludeAccountIds },
    );
    return { members: joined, notJoined };
  });
}

/** The organisation's status: the summary's figures and line, every account's cells, the members left out. */
export type OrganizationStatus = Record<string, unknown>;

/** Reads the organisation's status with the component's filters, role and regions. */
export async function organizationStatus(
  calls: LifecycleCalls,
  args: OrganizationArgs,
): Promise<OrganizationStatus> {
  const problem = refused(FUNCTION, args);
  if (problem) throw problem;
  return calls.withShownErrors("read", async () => {
    const { accounts, notJoined } = await readOrganization(calls.api(), {
      filter: { folderId: args.folderId, tags: args.tags, exclude: args.excludeAccountIds },
      includeManagement: args.includeManagement === true,
      regionIds: args.regionIds,
      excludeRegionIds: args.excludeRegionIds,
      concurrency: ORG_CONCURRENCY,
      memberApi: (accountId) => calls.api(memberRoleOf(accountId, args), undefined, `${FUNCTION}'s roleName`),
    });
    const summary = orgSummary(accounts, notJoined);
    const report = orgJson(accounts, notJoined, summary);
    return { ...report, summary: { ...(report.summary as object), line: summary.line } };
  });
}
