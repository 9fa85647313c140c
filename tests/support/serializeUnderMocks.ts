// Runs in its own process (Pulumi's mocks are process-wide): declares one resource under the
// Pulumi SDK's mocks, with credentials in stack config and the environment, and prints the
// serialized provider that would be stored in the state as JSON on stdout.
import * as pulumi from "@pulumi/pulumi";

async function main(): Promise<void> {
  const captured: Record<string, unknown> = {};
  pulumi.runtime.setAllConfig(
    {
      "alicloud:accessKey": process.env.TEST_ACCESS_KEY_ID ?? "",
      "alicloud:secretKey": process.env.TEST_ACCESS_KEY_SECRET ?? "",
      "alicloud:securityToken": process.env.TEST_SECURITY_TOKEN ?? "",
    },
    ["alicloud:secretKey", "alicloud:securityToken"],
  );
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        Object.assign(captured, args.inputs);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
  // Loaded by package name, as a user's program loads it, after the mocks are in place.
  const { PublicIpAddressPoolService } = await import("pulumi-alicloud-ip-pool-service");
  const resource = new PublicIpAddressPoolService("pool", { regionId: "cn-hangzhou" });
  await new Promise<void>((resolve) => resource.urn.apply(() => resolve()));
  process.stdout.write(
    JSON.stringify({ provider: captured.__provider, inputs: Object.keys(captured).sort() }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
