// Activates the Public IP Address Pool feature in every region of stack config `regions`, with the
// provider plugin's SDK: in the stack's own account, or with `roleArn` in that role's account.
import * as pulumi from "@pulumi/pulumi";
import * as ipPool from "@alicloud-ip-pool-service/sdk";

const config = new pulumi.Config();
const regionIds = config
  .require("regions")
  .split(",")
  .map((r) => r.trim())
  .filter((r) => r !== "");

// With `roleArn`, an explicit provider acts in the role's account; without it, the stack's own.
const roleArn = config.get("roleArn");
const provider = roleArn ? new ipPool.Provider("member", { assumeRole: { roleArn } }) : undefined;

// One PublicIpAddressPoolService per region, named ip-pool-<regionId>.
const services = regionIds.map(
  (regionId) => new ipPool.PublicIpAddressPoolService(`ip-pool-${regionId}`, { regionId }, { provider }),
);

/** The regions this stack activates. */
export const enabledRegions = services.map((s) => s.regionId);
/** The account each region is active in. */
export const accountIds = services.map((s) => s.accountId);

// A region this stack reads and does not manage: its status (read during `pulumi preview` too),
// and `.get()`, which needs it active.
const readRegion = config.get("readRegion");
/** Whether `readRegion` is active. */
export const readRegionEnabled = readRegion
  ? ipPool.getPublicIpAddressPoolServiceStatusOutput({ regionId: readRegion }, { provider }).enabled
  : undefined;
/** The account `readRegion` is active in. */
export const readRegionAccountId = readRegion
  ? ipPool.PublicIpAddressPoolService.get(`read-${readRegion}`, readRegion, { provider }).accountId
  : undefined;
