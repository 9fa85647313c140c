import { programCalls } from "./programCalls";
import type { OrganizationArgs } from "../pulumi/organizationBody";

/** Arguments of {@link getOrganizationStatus}: the organisation's component's filters, role and regions. */
export type GetOrganizationStatusArgs = OrganizationArgs;

/** One account of the organisation, as read. */
export interface OrganizationAccountStatus {
  /** The account ID. */
  accountId: string;
  /** Its display name in the directory (null for the management account). */
  displayName: string | null;
  /** Its folder (null for the management account). */
  folderId: string | null;
  /** Its path in the directory (null for the management account). */
  path: string | null;
  /** Whether it is the management account. */
  management: boolean;
  /** Whether the feature is on, by region (null: the region could not be read). */
  regions: Record<string, boolean | null>;
  /** The regions that could not be read, each with why. */
  errors: Array<{ regionId: string; code: string; message: string }>;
}

/** Where the feature is on across the organisation: the same view as `status --org --json`. */
export interface GetOrganizationStatusResult {
  /** The figures, and the summary line. */
  summary: {
    accounts: number;
    accountsFullyOn: number;
    unreadableAccounts: number;
    regions: number;
    regionsOn: number;
    notJoined: number;
    line: string;
  };
  /** Every account read, sorted by ID. */
  accounts: OrganizationAccountStatus[];
  /** The members the filters choose that have not joined, left out. */
  notJoined: Array<{ accountId: string; displayName: string; status: string }>;
}

/**
 * Reads where the feature is on across the organisation (the members the organisation's
 * component would activate, through the same role), changing nothing; safe during a preview.
 */
export async function getOrganizationStatus(
  args: GetOrganizationStatusArgs = {},
): Promise<GetOrganizationStatusResult> {
  const { organizationStatus } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
    require("../pulumi/organizationFunctions") as typeof import("../pulumi/organizationFunctions");
  return (await organizationStatus(programCalls(), args)) as unknown as GetOrganizationStatusResult;
}
