// Where the feature is on across the organisation, as a program asks for it (the function of both
// faces): the members the component would activate, each read through the same role, every cell,
// the figures and the summary line. Reads only: safe during a preview.
import { carriedError } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { LOCAL_OPERATIONS } from "../diagnostics/failedOperations";
import { ORG_CONCURRENCY, readOrganization } from "../core/organizationReading";
import { orgJson, orgSummary } from "../core/organizationReport";
import type { LifecycleCalls } from "./lifecycleCalls";
import { organizationProblem, memberRoleOf, type OrganizationArgs } from "./organizationBody";

/** The function's name, in messages. */
const FUNCTION = LOCAL_OPERATIONS.organizationStatusFunction;

/** The organisation's status: the summary's figures and line, every account's cells, the members left out. */
export type OrganizationStatus = Record<string, unknown>;

/** Reads the organisation's status with the component's filters, role and regions. */
export async function organizationStatus(
  calls: LifecycleCalls,
  args: OrganizationArgs,
): Promise<OrganizationStatus> {
  const problem = organizationProblem(args as Record<string, unknown>);
  if (problem)
    throw carriedError(
      { code: LOCAL_CODES.badSetting, operation: FUNCTION },
      `${FUNCTION}: ${problem.reason} Nothing was read.`,
    );
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
