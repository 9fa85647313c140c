import type * as pulumi from "@pulumi/pulumi";
import type {
  PublicIpAddressPoolServiceInputs,
  PublicIpAddressPoolServiceOutputs,
} from "./publicIpAddressPoolService";

// This object is serialized into every resource's state as `__provider` (twice: in the inputs and
// the outputs), and the engine runs the state's copy for refresh and destroy. The engine calls
// `configure` first in each provider process and looks every other method up afterwards: so
// `configure` loads the implementation by package name, builds the provider object for the
// stack's configuration, and puts its methods on this one. The text holds no code of ours, no
// client, no credential and no version: it stays small and identical across releases, and
// upgrading the package upgrades every existing resource.

/** The dynamic provider's methods, as the SDK's ResourceProvider types them. */
type Methods = Required<
  Pick<
    pulumi.dynamic.ResourceProvider<PublicIpAddressPoolServiceInputs, PublicIpAddressPoolServiceOutputs>,
    "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;

/** The dynamic provider of {@link PublicIpAddressPoolService}. */
export const serializedProvider: pulumi.dynamic.ResourceProvider<
  PublicIpAddressPoolServiceInputs,
  PublicIpAddressPoolServiceOutputs
> = {
  // `methods` is typed as the SDK's ResourceProvider methods, and `createProvider` returns its own
  // declaration of them: a signature that drifts on either side fails `tsc`.
  async configure(r) {
    const m = require("pulumi-alicloud-ip-pool-service/provider") as typeof import("./resourceProvider");
    const methods: Methods = m.createProvider({ config: r.config, env: process.env, log: console.log });
    Object.assign(this, methods);
  },
  // Replaced by `configure`, which the engine always calls first.
  async create() {
    throw new Error("not configured");
  },
};
