/** Names of the VPC API operations this package calls. */
export const OPERATIONS = {
  /** Activates the feature in a region. */
  open: "OpenPublicIpAddressPoolService",
  /** Reads whether the feature is active in a region. */
  status: "GetPublicIpAddressPoolServiceStatus",
  /** Lists the regions. */
  describeRegions: "DescribeRegions",
} as const;

/** Names of the STS operations this package calls. */
export const STS_OPERATIONS = {
  /** The account the credentials act in. */
  callerIdentity: "GetCallerIdentity",
  /** A role's session, signed with other credentials. */
  assumeRole: "AssumeRole",
  /** A role's session, for an OIDC token. */
  assumeRoleWithOidc: "AssumeRoleWithOIDC",
} as const;

/** Names of the Resource Manager operations this package calls. */
export const DIRECTORY_OPERATIONS = {
  /** The members of the caller's resource directory, a page at a time. */
  listAccounts: "ListAccounts",
} as const;

/** One of the operations this package calls. */
export type Operation =
  | (typeof OPERATIONS)[keyof typeof OPERATIONS]
  | (typeof STS_OPERATIONS)[keyof typeof STS_OPERATIONS]
  | (typeof DIRECTORY_OPERATIONS)[keyof typeof DIRECTORY_OPERATIONS];

/** Whether an operation is one of STS's. */
export function isStsOperation(operation: string): boolean {
  return (Object.values(STS_OPERATIONS) as string[]).includes(operation);
}

/** Whether an operation is one of Resource Manager's. */
export function isDirectoryOperation(operation: string): boolean {
  return (Object.values(DIRECTORY_OPERATIONS) as string[]).includes(operation);
}
