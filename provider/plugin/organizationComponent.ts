// The organisation's component the plugin serves through `construct`: one account resource of the
// plugin per member the directory lists, its children, so that they share the component's provider.
import * as pulumi from "@pulumi/pulumi";
import { declareAccounts, type AccountTarget, type OrganizationArgs } from "../pulumi/organizationBody";
import { ACCOUNT_TOKEN, ORGANIZATION_TOKEN } from "./organizationSchema";

/** One account's resource of the plugin, declared by the component. */
class AccountResource extends pulumi.CustomResource {
  /** The regions where the feature is on, sorted. */
  declare readonly enabledRegions: pulumi.Output<string[]>;

  /** Declares the activation of one account, as a child of the component. */
  constructor(name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(ACCOUNT_TOKEN, name, { ...props, enabledRegions: undefined }, opts);
  }
}

/** Activates the feature in every member account the directory lists: one account resource per member. */
export class OrganizationComponent extends pulumi.ComponentResource {
  /** The accounts this component activates, sorted. */
  readonly accountIds: pulumi.Output<string[]>;
  /** The regions on in each account, by account ID. */
  readonly enabledRegions: pulumi.Output<Record<string, string[]>>;
  /** The chosen members that have not joined, with their status. */
  readonly notJoined: pulumi.Output<Record<string, string>>;

  /** Declares one account resource per account `found` (the directory's, read before). */
  constructor(
    name: string,
    args: OrganizationArgs,
    found: { targets: readonly AccountTarget[]; notJoined: Record<string, string> },
    opts: pulumi.ComponentResourceOptions,
  ) {
    super(ORGANIZATION_TOKEN, name, {}, opts);
    const outputs = declareAccounts(
      this,
      name,
      found,
      args,
      (childName, inputs, childOpts) => new AccountResource(childName, inputs, childOpts),
      (o) => this.registerOutputs(o),
    );
    ({
      accountIds: this.accountIds,
      enabledRegions: this.enabledRegions,
      notJoined: this.notJoined,
    } = outputs);
  }
}
