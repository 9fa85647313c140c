// The inline programs of the organisation-scale benchmarks: many accounts × many regions through
// the package, and the same shape of program with trivial dynamic resources (the engine's floor).
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { PublicIpAddressPoolServiceRegions } from "pulumi-alicloud-ip-pool-service";

/** One account of a rollout: the role to assume there. */
export interface RolloutAccount {
  /** ARN of the account's role. */
  roleArn: string;
}

/** One component per account, each activating `regions` through the account's role. */
export function rolloutProgram(accounts: readonly RolloutAccount[], regions: readonly string[]): PulumiFn {
  return async () => {
    accounts.forEach(({ roleArn }, i) => {
      new PublicIpAddressPoolServiceRegions(`account-${i}`, {
        regionIds: [...regions],
        assumeRole: { roleArn },
      });
    });
  };
}

/** A dynamic provider that does nothing: what the engine costs per resource, with no API behind it. */
const trivialProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "trivial", outs: {} };
  },
};

/** A resource of {@link trivialProvider}. */
class TrivialResource extends pulumi.dynamic.Resource {
  constructor(name: string, opts: pulumi.CustomResourceOptions) {
    super(trivialProvider, name, {}, opts);
  }
}

/** The shape of {@link rolloutProgram}, one component per account, with a trivial resource per region. */
export function trivialProgram(accountCount: number, regions: readonly string[]): PulumiFn {
  return async () => {
    for (let i = 0; i < accountCount; i++) {
      const parent = new pulumi.ComponentResource("bench:index:Trivial", `account-${i}`);
      for (const regionId of regions) new TrivialResource(`account-${i}-${regionId}`, { parent });
    }
  };
}
