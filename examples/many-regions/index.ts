// Activates the Public IP Address Pool feature in every region of the stack config `regions`.
//
//   pulumi config set regions "cn-hangzhou,cn-shanghai,ap-southeast-1"
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";

const config = new pulumi.Config();
const regions = config
  .require("regions")
  .split(/[\s,]+/)
  .filter((r) => r !== "");

const services = regions.map(
  (regionId) => new PublicIpAddressPoolService(`ip-pool-${regionId}`, { regionId }),
);

/** Whether the feature is active, by region. */
export const enabled = Object.fromEntries(services.map((s, i) => [regions[i], s.enabled]));
/** Whether the region was already active (adopted, nothing sent), by region. */
export const adopted = Object.fromEntries(services.map((s, i) => [regions[i], s.adopted]));
