// The package's public API. Loading it loads no Alibaba Cloud SDK: that waits for the first call.
export {
  PublicIpAddressPoolService,
  type PublicIpAddressPoolServiceArgs,
  type PublicIpAddressPoolServiceInputs,
  type PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
export {
  PublicIpAddressPoolServiceRegions,
  PublicIpAddressPoolServices,
  type PublicIpAddressPoolServiceRegionsArgs,
  type PublicIpAddressPoolServicesArgs,
} from "./publicIpAddressPoolServiceRegions";
export {
  getPublicIpAddressPoolServiceStatus,
  getPublicIpAddressPoolServiceStatusOutput,
  type GetPublicIpAddressPoolServiceStatusArgs,
  type GetPublicIpAddressPoolServiceStatusOutputArgs,
  type GetPublicIpAddressPoolServiceStatusResult,
} from "./getPublicIpAddressPoolServiceStatus";
export { PoolServiceError } from "./poolServiceError";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
