import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";

/** Ten regions for tests that activate many at once. */
export const TEN_REGIONS: readonly string[] = [
  "cn-hangzhou",
  "cn-beijing",
  "cn-shanghai",
  "cn-shenzhen",
  "cn-qingdao",
  "cn-zhangjiakou",
  "ap-southeast-1",
  "ap-northeast-1",
  "us-east-1",
  "eu-central-1",
];

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

/** The project name in an example's Pulumi.yaml. */
export function exampleProjectName(exampleDir: string): string {
  const name = /^name:\s*(\S+)\s*$/m.exec(readFileSync(join(exampleDir, "Pulumi.yaml"), "utf8"))?.[1];
  if (!name) throw new Error(`no project name in ${exampleDir}/Pulumi.yaml`);
  return name;
}

/**
 * An example's `index.ts` as an inline program: loaded afresh for each run, its exports become
 * the stack outputs, as the Pulumi Node.js runtime does for `pulumi up` in that directory.
 */
export function exampleProgram(exampleDir: string): PulumiFn {
  const main = join(exampleDir, "index.ts");
  return async () => {
    delete require.cache[require.resolve(main)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program is a CommonJS module run for its effects
    return require(main) as Record<string, unknown>;
  };
}
