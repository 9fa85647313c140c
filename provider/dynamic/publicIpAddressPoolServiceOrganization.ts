import * as pulumi from "@pulumi/pulumi";
import {
  declareAccounts,
  organizationAccounts,
  organizationProblem,
  type AccountTarget,
  type OrganizationArgs,
} from "../pulumi/organizationBody";
import { programCalls } from "./programCalls";
import { PublicIpAddressPoolServiceAccount } from "./publicIpAddressPoolServiceAccount";

/** Arguments of {@link PublicIpAddressPoolServiceOrganization}: plain values, known when the program runs. */
export type PublicIpAddressPoolServiceOrganizationArgs = OrganizationArgs;

/** Type token of the organisation's component. */
export const ORGANIZATION_TYPE =
  "pulumi-alicloud-ip-pool-service:index:PublicIpAddressPoolServiceOrganization";

/**
 * Activates the feature in every member account of the resource directory the stack's credentials
 * manage: one {@link PublicIpAddressPoolServiceAccount} per joined member, named
 * `<name>-<accountId>`. Made with {@link PublicIpAddressPoolServiceOrganization.create}, which
 * reads the directory first (a read, safe in a preview).
 */
export class PublicIpAddressPoolServiceOrganization extends pulumi.ComponentResource {
  /** The child resource of each account, by account ID. */
  public readonly accounts: Readonly<Record<string, PublicIpAddressPoolServiceAccount>>;
  /** The accounts this component activates, sorted: the joined members its filters choose (and the management account, when included). */
  public readonly accountIds: pulumi.Output<string[]>;
  /** The regions on in each account, by account ID, once `pulumi up` has run. */
  public readonly enabledRegions: pulumi.Output<Record<string, string[]>>;
  /** The members the filters choose that have not joined the directory, by account ID, with their status: none of them is touched. */
  public readonly notJoined: pulumi.Output<Record<string, string>>;

  /**
   * Reads the directory's members (ListAccounts, as the stack's credentials), then declares one
   * account resource per member the filters choose.
   */
  static async create(
    name: string,
    args: PublicIpAddressPoolServiceOrganizationArgs = {},
    opts?: pulumi.ComponentResourceOptions,
  ): Promise<PublicIpAddressPoolServiceOrganization> {
    const problem = organizationProblem(args as Record<string, unknown>);
    if (problem)
      throw new pulumi.InputPropertyError({
        propertyPath: problem.property,
        reason: `PublicIpAddressPoolServiceOrganization ${name}: ${problem.reason}`,
      });
    const calls = programCalls();
    const found = await calls.withShownErrors("read", () => organizationAccounts(calls.api(), args));
    return new PublicIpAddressPoolServiceOrganization(name, args, found, opts);
  }

  private constructor(
    name: string,
    args: OrganizationArgs,
    found: { targets: readonly AccountTarget[]; notJoined: Record<string, string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(ORGANIZATION_TYPE, name, {}, opts);
    const outputs = declareAccounts(
      this,
      name,
      found,
      args,
      (childName, inputs, childOpts) => new PublicIpAddressPoolServiceAccount(childName, inputs, childOpts),
      (o) => this.registerOutputs(o),
    );
    this.accounts = outputs.children;
    ({
      accountIds: this.accountIds,
      enabledRegions: this.enabledRegions,
      notJoined: this.notJoined,
    } = outputs);
  }
}
