// The package's public API. Loading it loads no Alibaba Cloud SDK: that waits for the first call.
export {
  PublicIpAddressPoolService,
  type PublicIpAddressPoolServiceArgs,
  type PublicIpAddressPoolServiceInputs,
  type PublicIpAddressPoolServiceOutputs,
} from "./dynamic/publicIpAddressPoolService";
export {
  PublicIpAddressPoolServiceRegions,
  PublicIpAddressPoolServices,
  type PublicIpAddressPoolServiceRegionsArgs,
  type PublicIpAddressPoolServicesArgs,
} from "./dynamic/publicIpAddressPoolServiceRegions";
export {
  getPublicIpAddressPoolServiceStatus,
  getPublicIpAddressPoolServiceStatusOutput,
  type GetPublicIpAddressPoolServiceStatusArgs,
  type GetPublicIpAddressPoolServiceStatusOutputArgs,
  type GetPublicIpAddressPoolServiceStatusResult,
} from "./dynamic/getPublicIpAddressPoolServiceStatus";
export { PoolServiceError } from "./diagnostics/poolServiceError";
export { CONFIG_KEYS, ENV_KEYS } from "./config/keys";
export {
  PublicIpAddressPoolServiceAccount,
  type PublicIpAddressPoolServiceAccountArgs,
  type PublicIpAddressPoolServiceAccountInputs,
  type PublicIpAddressPoolServiceAccountOutputs,
} from "./dynamic/publicIpAddressPoolServiceAccount";
export {
  PublicIpAddressPoolServiceOrganization,
  type PublicIpAddressPoolServiceOrganizationArgs,
} from "./dynamic/publicIpAddressPoolServiceOrganization";
export {
  getOrganizationStatus,
  type GetOrganizationStatusArgs,
  type GetOrganizationStatusResult,
  type OrganizationAccountStatus,
} from "./dynamic/getOrganizationStatus";
export {
  getOrganizationMembers,
  type GetOrganizationMembersArgs,
  type GetOrganizationMembersResult,
  type OrganizationMember,
} from "./dynamic/getOrganizationMembers";
