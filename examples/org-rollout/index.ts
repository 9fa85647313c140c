// Rolls the Public IP Address Pool feature out across an organisation: every region of stack
// config `regions`, in every member account of `roleArns`. The stack's own credentials (for
// example `alicloud:accessKey`, or `alicloud:assumeRole` for a hub role) assume each account's
// role; Opens are serialised within each account, and accounts activate in parallel.
//
//   pulumi config set roleArns "acs:ram::1111111111111111:role/ip-pool-admin,acs:ram::2222222222222222:role/ip-pool-admin"
//   pulumi config set regions "cn-hangzhou,cn-shanghai,ap-southeast-1"
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { PublicIpAddressPoolServiceRegions } from "pulumi-alicloud-ip-pool-service";

const config = new pulumi.Config();
const list = (key: string) =>
  config
    .require(key)
    .split(/[\s,]+/)
    .filter((item) => item !== "");
const externalId = config.get("externalId") || undefined;

const rollouts = list("roleArns").map((roleArn) => {
  const account = /^acs:ram::(\d+):role\//.exec(roleArn)?.[1];
  if (!account)
    throw new Error(`roleArns: "${roleArn}" is not a RAM role ARN like acs:ram::<account ID>:role/<name>`);
  return new PublicIpAddressPoolServiceRegions(`ip-pool-${account}`, {
    regionIds: list("regions"),
    assumeRole: { roleArn, externalId },
  });
});

/** The regions activated, by the account they were activated in. */
export const enabledRegions = pulumi
  .all(rollouts.map((r) => pulumi.all([r.accountId, r.enabledRegions])))
  .apply((pairs) => Object.fromEntries(pairs));
