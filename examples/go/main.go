// Activates the Public IP Address Pool feature in every region of stack config `regions`.
package main

import (
	"strings"

	ippool "github.com/alicloud-ip-pool-service/pulumi-alicloud-ip-pool-service/sdk/go/alicloudippoolservice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		var regionIDs []string
		for _, r := range strings.Split(config.Require(ctx, "regions"), ",") {
			if r = strings.TrimSpace(r); r != "" {
				regionIDs = append(regionIDs, r)
			}
		}
		// One PublicIpAddressPoolService per region.
		var enabled pulumi.StringArray
		for _, regionID := range regionIDs {
			service, err := ippool.NewPublicIpAddressPoolService(ctx, "ip-pool-"+regionID,
				&ippool.PublicIpAddressPoolServiceArgs{RegionId: pulumi.String(regionID)})
			if err != nil {
				return err
			}
			enabled = append(enabled, service.RegionId)
		}
		ctx.Export("enabledRegions", enabled)
		return nil
	})
}
