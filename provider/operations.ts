/** Names of the VPC API operations this package calls. */
export const OPERATIONS = {
  /** Activates the feature in a region. */
  open: "OpenPublicIpAddressPoolService",
  /** Reads whether the feature is active in a region. */
  status: "GetPublicIpAddressPoolServiceStatus",
  /** Lists the regions. */
  describeRegions: "DescribeRegions",
  /** STS: the account the credentials act in. */
  callerIdentity: "GetCallerIdentity",
} as const;

/** One of the operations this package calls. */
export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];
