import * as pulumi from "@pulumi/pulumi";
import type { AccountInputs, AccountOutputs } from "../pulumi/accountRules";
import type { AssumeRoleArgs } from "./publicIpAddressPoolService";
import { serializedAccountProvider } from "./serializedProvider";

/** Arguments of a {@link PublicIpAddressPoolServiceAccount}. */
export interface PublicIpAddressPoolServiceAccountArgs {
  /** The account to activate (16 digits); STS must report it for the calls. */
  accountId: pulumi.Input<string>;
  /**
   * The regions to activate, each once. Unset: every region the account's DescribeRegions lists,
   * so that a region Alibaba Cloud adds shows in the next preview.
   */
  regionIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Regions to leave out (of `regionIds`, or of every region). */
  excludeRegionIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * A RAM role in the account, assumed with the stack's credentials (for a member of a resource
   * directory: `acs:ram::<accountId>:role/ResourceDirectoryAccountAccessRole`). Unset: the
   * credentials must act in the account themselves.
   */
  assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** The account resource's inputs as the provider sees them, after `check`. */
export type PublicIpAddressPoolServiceAccountInputs = AccountInputs;

/** The account resource's outputs, as stored in the state. */
export type PublicIpAddressPoolServiceAccountOutputs = AccountOutputs;

/** Type name of the account's resource (module `alicloud`, as the region's). */
export const ACCOUNT_RESOURCE_TYPE = "PublicIpAddressPoolServiceAccount";

/**
 * Activates the Public IP Address Pool feature in the regions of one account; its ID is the
 * account ID. Adding a region is an update that opens only it; a region removed stays on. Opens
 * are sent one at a time per account; a failure in some regions names each, and a re-run opens
 * only what is left.
 */
export class PublicIpAddressPoolServiceAccount extends pulumi.dynamic.Resource {
  /** The account, as STS reported it for the calls (the resource's ID). */
  declare public readonly accountId: pulumi.Output<string>;
  /**
   * The regions wanted, sorted: `regionIds` as given, or every region the account's
   * DescribeRegions lists, less `excludeRegionIds`.
   */
  declare public readonly regionIds: pulumi.Output<string[]>;
  /**
   * `true` for each wanted region once the feature is on there, by region ID; a refresh reads each
   * again (`false`: off, and the next `pulumi up` opens it).
   */
  declare public readonly enabled: pulumi.Output<Record<string, boolean>>;
  /** The regions where the feature is on, sorted. */
  declare public readonly enabledRegions: pulumi.Output<string[]>;
  /** The regions that were already on, where no Open call was sent. */
  declare public readonly adoptedRegions: pulumi.Output<string[]>;

  /** Declares the activation of one account's regions. */
  constructor(
    name: string,
    args: PublicIpAddressPoolServiceAccountArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      serializedAccountProvider,
      name,
      {
        accountId: args.accountId,
        regionIds: args.regionIds,
        excludeRegionIds: args.excludeRegionIds,
        assumeRole: args.assumeRole,
        enabled: undefined,
        enabledRegions: undefined,
        adoptedRegions: undefined,
      },
      opts,
      "alicloud",
      ACCOUNT_RESOURCE_TYPE,
    );
  }
}
