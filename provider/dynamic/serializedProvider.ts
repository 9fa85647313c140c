import type * as pulumi from "@pulumi/pulumi";
import type { AccountInputs, AccountOutputs } from "../pulumi/accountRules";
import type { RegionInputs, RegionOutputs } from "../pulumi/regionRules";

// This object is serialized into every resource's state as `__provider` (twice: in the inputs and
// the outputs), and the engine runs the state's copy for refresh and destroy. The engine calls
// `configure` first in each provider process and looks every other method up afterwards: so
// `configure` loads the implementation by package name, builds the provider object for the
// stack's configuration, and puts its methods on this one. The text holds no code of ours, no
// client, no credential and no version: it stays small and identical across releases, and
// upgrading the package upgrades every existing resource.

/** The implementation module, loaded by package name. */
type Implementation = typeof import("./resourceProvider");
/** The methods `configure` puts on the serialized object. */
type PoolServiceProvider = import("./resourceProvider").PoolServiceProvider;

/**
 * What is serialized: `configure` alone, the one method the engine calls before any other. The
 * SDK's type asks for `create` too; `configure` supplies it, so the text leaves it out.
 */
const configureOnly = {
  // `createProvider` returns its own declaration of the methods, which must satisfy the SDK's
  // ResourceProvider: a signature that drifts on either side fails `tsc`. One statement, because
  // this text is stored twice per resource and every checkpoint rewrites it.
  // prettier-ignore
  async configure(r) {
    Object.assign(this, (require("pulumi-alicloud-ip-pool-service/provider") as Implementation).createProvider({ config: r.config, env: process.env, log: console.log }) satisfies PoolServiceProvider);
  },
} satisfies Required<Pick<pulumi.dynamic.ResourceProvider, "configure">>;

/** The dynamic provider of {@link PublicIpAddressPoolService}. */
export const serializedProvider = configureOnly as unknown as pulumi.dynamic.ResourceProvider<
  RegionInputs,
  RegionOutputs
>;

/** The methods `configure` puts on the account resource's serialized object. */
type AccountProvider = import("./resourceProvider").AccountProvider;

/** The same, for the account's resource: `configure` alone, which builds the account lifecycle's provider. */
const configureAccount = {
  // prettier-ignore
  async configure(r) {
    Object.assign(this, (require("pulumi-alicloud-ip-pool-service/provider") as Implementation).createAccountProvider({ config: r.config, env: process.env, log: console.log }) satisfies AccountProvider);
  },
} satisfies Required<Pick<pulumi.dynamic.ResourceProvider, "configure">>;

/** The dynamic provider of {@link PublicIpAddressPoolServiceAccount}. */
export const serializedAccountProvider = configureAccount as unknown as pulumi.dynamic.ResourceProvider<
  AccountInputs,
  AccountOutputs
>;
