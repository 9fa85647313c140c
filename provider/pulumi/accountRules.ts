// The rules of an account's activation that decide, with no I/O: what its inputs and outputs are,
// when a change replaces it, which regions a change opens, and what it records. Every face follows
// them.
import { roleAccount, type AssumeRoleSpec } from "../config/roles";
import type { ActivationResult } from "../core/activation";
import { hasUnknown, sameRole, UNKNOWN } from "./regionRules";

/** An account's inputs, after check: what its activation needs. */
export interface AccountInputs {
  /** The account to activate; STS must report it. */
  accountId: string;
  /** The regions wanted, sorted: as the program lists them, or every region the account's DescribeRegions lists. */
  regionIds: string[];
  /** Regions left out of `regionIds`. */
  excludeRegionIds?: string[];
  /** The role the calls act through; absent, the credentials act in the account themselves. */
  assumeRole?: AssumeRoleSpec;
  /** Each region's idempotency token, generated once per region and kept across retries. */
  clientTokens: Record<string, string>;
}

/** An account's state, as recorded (each field as {@link ACCOUNT_OUTPUT_DOCS} says). */
export interface AccountOutputs {
  accountId: string;
  regionIds: string[];
  excludeRegionIds?: string[];
  enabled: Record<string, boolean>;
  enabledRegions: string[];
  adoptedRegions: string[];
  assumeRole?: AssumeRoleSpec;
}

/**
 * What each output of an account's resource means: the text of the schema, and the text the
 * TypeScript faces' doc comments hold.
 */
export const ACCOUNT_OUTPUT_DOCS: Readonly<Record<keyof AccountOutputs, string>> = {
  accountId: "The account, as STS reported it for the calls (the resource's ID).",
  regionIds:
    "The regions wanted, sorted: `regionIds` as given, or every region the account's DescribeRegions lists, less `excludeRegionIds`.",
  excludeRegionIds: "The regions left out.",
  enabled:
    "`true` for each wanted region once the feature is on there, by region ID; a refresh reads each again (`false`: off, and the next `pulumi up` opens it).",
  enabledRegions: "The regions where the feature is on, sorted.",
  adoptedRegions: "The regions that were already on, where no Open call was sent.",
  assumeRole: "The role the calls act through, if any (read and refresh act through it too).",
};

/** What a change does to an account's resource. */
export interface AccountDiff {
  /** Whether anything changed. */
  changes: boolean;
  /** The properties whose change replaces the resource (none: an update in place). */
  replaces?: string[];
  /** Always false: the old account stays enabled. */
  deleteBeforeReplace?: boolean;
  /** The properties that changed. */
  diffs?: string[];
}

/** Sorted, each once. */
export function sortedRegions(regionIds: Iterable<string>): string[] {
  return [...new Set(regionIds)].sort();
}

/**
 * The idempotency token of each region: kept from `olds` for the same region of the same account,
 * else new (from `token`).
 */
export function keptTokens(
  olds: Partial<AccountInputs> | undefined,
  accountId: string,
  regionIds: readonly string[],
  token: () => string,
): Record<string, string> {
  const same = olds?.accountId === accountId && typeof olds.clientTokens === "object" && olds.clientTokens;
  const tokens: Record<string, string> = {};
  for (const regionId of regionIds) {
    const old = same ? olds.clientTokens![regionId] : undefined;
    tokens[regionId] = typeof old === "string" && old !== "" ? old : token();
  }
  return tokens;
}

/** The regions of `news` that are not on in `olds`: what an update opens. */
export function regionsToOpen(olds: AccountOutputs, news: AccountInputs): string[] {
  const on = new Set(olds.enabledRegions);
  return news.regionIds.filter((r) => !on.has(r));
}

/** The regions of `olds` that `news` no longer wants: they stay on, and are only removed from the state. */
export function regionsLeft(olds: AccountOutputs, news: Pick<AccountInputs, "regionIds">): string[] {
  const wanted = new Set(news.regionIds);
  return olds.regionIds.filter((r) => !wanted.has(r));
}

/**
 * What a change does: another account (or a role in another account) replaces the resource;
 * regions to open, regions removed and new session settings update it in place.
 */
export function accountDiff(olds: AccountOutputs, news: AccountInputs): AccountDiff {
  const replace = { changes: true, deleteBeforeReplace: false };
  if (news.accountId === UNKNOWN || olds.accountId !== news.accountId)
    return { ...replace, replaces: ["accountId"], diffs: ["accountId"] };
  if (hasUnknown(news.assumeRole)) return { ...replace, replaces: ["assumeRole"], diffs: ["assumeRole"] };
  const diffs: string[] = [];
  if (
    (news.regionIds as unknown) === UNKNOWN ||
    regionsToOpen(olds, news).length > 0 ||
    regionsLeft(olds, news).length > 0
  )
    diffs.push("regionIds");
  if (!sameRole(olds.assumeRole, news.assumeRole)) diffs.push("assumeRole");
  return diffs.length === 0 ? { changes: false } : { changes: true, replaces: [], diffs };
}

/** Why a role cannot reach `accountId` (its ARN names another account), or undefined. */
export function roleAccountProblem(
  assumeRole: AssumeRoleSpec | undefined,
  accountId: string,
): string | undefined {
  if (assumeRole === undefined) return undefined;
  const named = roleAccount(assumeRole.roleArn);
  if (named === undefined || named === accountId) return undefined;
  return `assumeRole.roleArn names account ${named}, but accountId is ${accountId}: the role must be in the account it activates.`;
}

/**
 * The outputs after an activation of `opened` (each as activation.ts returned it), on top of what
 * `olds` recorded; regions no longer wanted are dropped.
 */
export function accountOutputs(
  inputs: AccountInputs,
  opened: readonly ActivationResult[],
  olds?: AccountOutputs,
): AccountOutputs {
  const wanted = new Set(inputs.regionIds);
  const enabled: Record<string, boolean> = {};
  for (const regionId of inputs.regionIds) enabled[regionId] = olds?.enabled[regionId] === true;
  const adopted = new Set((olds?.adoptedRegions ?? []).filter((r) => wanted.has(r)));
  for (const result of opened) {
    enabled[result.regionId] = true;
    if (result.adopted) adopted.add(result.regionId);
  }
  const outs: AccountOutputs = {
    accountId: inputs.accountId,
    regionIds: inputs.regionIds,
    enabled,
    enabledRegions: sortedRegions(Object.keys(enabled).filter((r) => enabled[r])),
    adoptedRegions: sortedRegions(adopted),
  };
  if (inputs.excludeRegionIds) outs.excludeRegionIds = inputs.excludeRegionIds;
  if (inputs.assumeRole) outs.assumeRole = inputs.assumeRole;
  return outs;
}
