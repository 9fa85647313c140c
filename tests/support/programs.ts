import type { PulumiFn } from "@pulumi/pulumi/automation";
import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";

/** The resource name a test program gives a region. */
export function resourceName(regionId: string): string {
  return `pool-${regionId}`;
}

/** A program with one resource per region, exporting `enabled` and `adopted` by region. */
export function regionsProgram(regions: readonly string[]): PulumiFn {
  return async () => {
    const enabled: Record<string, unknown> = {};
    const adopted: Record<string, unknown> = {};
    for (const regionId of regions) {
      const service = new PublicIpAddressPoolService(resourceName(regionId), { regionId });
      enabled[regionId] = service.enabled;
      adopted[regionId] = service.adopted;
    }
    return { enabled, adopted };
  };
}
