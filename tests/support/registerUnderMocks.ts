// Runs in its own process (Pulumi's mocks are process-wide): declares a resource and the component
// under the SDK's mocks and prints, as one JSON object, what each registered: type, name,
// properties, parent and aliases (seen by a transformation) and URN (from the mocks).
import * as pulumi from "@pulumi/pulumi";

/** What one resource registered, as the transformation saw it. */
export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  props: Record<string, unknown>;
  parent?: string;
  aliases: unknown[];
}

async function main(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, enabled: true, adopted: false },
      }),
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
  const registrations: Registration[] = [];
  const record: pulumi.ResourceTransformation = (args) => {
    const { __provider, ...props } = args.props as Record<string, unknown>;
    registrations.push({
      type: args.type,
      name: args.name,
      custom: args.resource instanceof pulumi.CustomResource,
      props: { ...props, __provider: typeof __provider },
      parent: args.opts.parent ? (args.opts.parent as unknown as { __name?: string }).__name : undefined,
      aliases: (args.opts.aliases ?? []) as unknown[],
    });
    return undefined;
  };
  const pkg = await import("pulumi-alicloud-ip-pool-service");
  const single = new pkg.PublicIpAddressPoolService(
    "one",
    { regionId: "cn-hangzhou" },
    { transformations: [record] },
  );
  const many = new pkg.PublicIpAddressPoolServiceRegions(
    "many",
    { regionIds: ["cn-shanghai", "ap-southeast-1"] },
    { transformations: [record] },
  );
  const outputs = await new Promise<Record<string, unknown>>((resolve) =>
    pulumi
      .all([
        single.urn,
        pulumi.all(Object.values(many.services).map((s) => s.urn)),
        many.urn,
        many.enabledRegions,
      ])
      .apply(([singleUrn, children, component, enabledRegions]) =>
        resolve({ single: singleUrn, children, component, enabledRegions }),
      ),
  );
  process.stdout.write(JSON.stringify({ registrations, ...outputs }));
}

/** What the script prints: each registration, and the URNs and outputs the mocks resolved. */
export interface RegisteredUnderMocks {
  registrations: Registration[];
  single: string;
  component: string;
  children: string[];
  enabledRegions: string[];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
