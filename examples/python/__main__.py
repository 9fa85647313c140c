"""Activates the Public IP Address Pool feature in every region of stack config `regions`."""

import pulumi
import pulumi_alicloud_ip_pool_service as ip_pool

config = pulumi.Config()
region_ids = [r.strip() for r in config.require("regions").split(",") if r.strip()]

# Read during `pulumi preview` as well: whether the first region is on before this stack acts.
first_region = ip_pool.get_public_ip_address_pool_service_status(region_id=region_ids[0])

# One PublicIpAddressPoolService per region, named ip-pool-<regionId>.
services = [
    ip_pool.PublicIpAddressPoolService(f"ip-pool-{region_id}", region_id=region_id)
    for region_id in region_ids
]

pulumi.export("enabledRegions", [s.region_id for s in services])
pulumi.export("accountId", services[0].account_id)
pulumi.export("firstRegionWasOn", first_region.enabled)

# A region this stack reads and does not manage (`.get()`): it must be active.
read_region = config.get("readRegion")
if read_region:
    existing = ip_pool.PublicIpAddressPoolService.get(f"read-{read_region}", read_region)
    pulumi.export("readRegionAccountId", existing.account_id)
