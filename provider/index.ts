// The package's public API.
export {
  PublicIpAddressPoolService,
  type PublicIpAddressPoolServiceArgs,
  type PublicIpAddressPoolServiceInputs,
  type PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
export {
  PublicIpAddressPoolServices,
  type PublicIpAddressPoolServicesArgs,
} from "./publicIpAddressPoolServices";
export {
  getPublicIpAddressPoolServiceStatus,
  getPublicIpAddressPoolServiceStatusOutput,
  type GetPublicIpAddressPoolServiceStatusArgs,
  type GetPublicIpAddressPoolServiceStatusOutputArgs,
  type GetPublicIpAddressPoolServiceStatusResult,
} from "./statusFunction";
export { AlibabaCloudError } from "./alibabaCloudError";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
