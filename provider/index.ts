// The package's public API.
export {
  PublicIpAddressPoolService,
  type PublicIpAddressPoolServiceArgs,
  type PublicIpAddressPoolServiceInputs,
  type PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";
export { AlibabaCloudError } from "./alibabaCloudError";
export { CONFIG_KEYS, ENV_KEYS } from "./settings";
