// Activates the Public IP Address Pool feature in one region: the stack's `alicloud:region`.
//
//   pulumi config set alicloud:region cn-hangzhou
//   pulumi up
import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";

const pool = new PublicIpAddressPoolService("ip-pool");

/** The region activated. */
export const regionId = pool.regionId;
/** True once the feature is active there. */
export const enabled = pool.enabled;
/** True when the region was already active and nothing was sent. */
export const adopted = pool.adopted;
