// The lifecycle of one account's activation, as every face drives it: the account's regions are
// its unit, opened as the region's resource opens one (same lock, token, settle window and
// diagnostics), read in parallel, and adopted by `pulumi import` with no write.
import { randomUUID } from "node:crypto";
import { carriedError, diagnosticError } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import { regionIdsProblem } from "../config/regionId";
import {
  accountIdProblem,
  assumeRoleProblem,
  DIRECTORY_ROLE,
  roleArnIn,
  type AssumeRoleSpec,
} from "../config/roles";
import { activateRegions, readRegions, regionsFailed } from "../core/accountActivation";
import type { RegionListing } from "../core/replies";
import { readConfiguration } from "../core/callConfiguration";
import type { PoolServiceApi } from "../core/poolServiceApi";
import {
  accountDiff,
  accountOutputs,
  keptTokens,
  regionsLeft,
  regionsToOpen,
  roleAccountProblem,
  sortedRegions,
  type AccountDiff,
  type AccountInputs,
  type AccountOutputs,
} from "./accountRules";
import type { CallOptions, LifecycleCalls } from "./lifecycleCalls";
import type { CheckFailure } from "./regionLifecycle";
import { hasUnknown, presentFields, UNKNOWN } from "./regionRules";

/** The lifecycle of an account's activation; every method throws only scrubbed `PoolServiceError`s. */
export interface AccountLifecycle {
  /** Validates the inputs, finds the regions when the program names none, and keeps each region's token; writes nothing. */
  check(
    olds: Partial<AccountInputs> | undefined,
    news: Record<string, unknown>,
  ): Promise<{ inputs: AccountInputs; failures: CheckFailure[] }>;
  /** What a change does ({@link accountDiff}). */
  diff(olds: AccountOutputs, news: AccountInputs): Promise<AccountDiff>;
  /** Activates every region (adopting those already on). */
  create(inputs: AccountInputs, call?: CallOptions): Promise<{ id: string; outs: AccountOutputs }>;
  /** Refresh (every recorded region, in parallel), or, with nothing recorded, the import of the account `id`. */
  read(
    id: string,
    props: AccountOutputs | undefined,
    call?: CallOptions,
  ): Promise<{ id: string; props?: AccountOutputs; inputs?: AccountInputs }>;
  /** Opens only the regions not yet on; regions no longer wanted stay on, and it says so. */
  update(olds: AccountOutputs, news: AccountInputs, call?: CallOptions): Promise<{ outs: AccountOutputs }>;
  /** Removes the account from the stack only, saying the feature stays on in its regions. */
  delete(props: AccountOutputs, call?: CallOptions): Promise<void>;
}

/** The error of calls that STS says act in another account than the resource's. */
function otherAccount(accountId: string, now: string, source: string): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.accountMismatch,
    operation: "read",
    kind: "auth",
    what: `Account ${accountId} was not acted in: ${LOCAL_CODES.accountMismatch}: the credentials act in account ${now} (${source}).`,
    meaning: `nothing was sent to account ${now}, and the state is unchanged.`,
    fix: `give the resource an assumeRole in account ${accountId} (for a member of a resource directory, acs:ram::${accountId}:role/${DIRECTORY_ROLE}), or run with credentials of account ${accountId}.`,
  });
}

/** The lifecycle of an account's resource, over the calls of one stack configuration. */
export function accountLifecycle(calls: LifecycleCalls): AccountLifecycle {
  const { config, env, context, locks, withShownErrors } = calls;
  // Each account's regions, asked of DescribeRegions at most once while this lifecycle lives.
  const listed = new Map<string, Promise<RegionListing[]>>();
  const regionsOf = (accountId: string, api: PoolServiceApi) => {
    let regions = listed.get(accountId);
    if (!regions) {
      regions = api.regions();
      listed.set(accountId, regions);
      // A listing that failed is not kept: the next check of the account asks again.
      regions.catch(() => listed.delete(accountId));
    }
    return regions;
  };
  /** The API acting in `accountId`, checked against what STS reports. */
  const apiIn = async (accountId: string, assumeRole: AssumeRoleSpec | undefined, call?: CallOptions) => {
    const api = calls.api(assumeRole, call);
    const now = await api.accountId();
    if (now !== accountId) throw otherAccount(accountId, now, api.credentialSource());
    return api;
  };
  const say = (call: CallOptions | undefined, line: string) => (call?.log ?? context.progress)(line);

  return {
    check: (olds, news) =>
      withShownErrors("check", async () => {
        readConfiguration(config, env);
        const failures: CheckFailure[] = [];
        const accountId = news.accountId as string;
        if (accountId !== UNKNOWN) {
          const problem = accountIdProblem(accountId, "accountId");
          if (problem) failures.push({ property: "accountId", reason: problem });
        }
        const role = presentFields(news.assumeRole);
        if (role !== undefined && !hasUnknown(role)) {
          const problem =
            assumeRoleProblem(role, "assumeRole") ??
            (accountId === UNKNOWN ? undefined : roleAccountProblem(role as AssumeRoleSpec, accountId));
          if (problem) failures.push({ property: "assumeRole", reason: problem });
        }
        const assumeRole = role as AssumeRoleSpec | undefined;
        const exclude = news.excludeRegionIds ?? undefined;
        if (exclude !== undefined && exclude !== UNKNOWN) {
          const problem = regionIdsProblem(exclude, "excludeRegionIds");
          if (problem) failures.push({ property: "excludeRegionIds", reason: problem });
        }
        const named = news.regionIds ?? undefined;
        if (named !== undefined && named !== UNKNOWN) {
          const problem = regionIdsProblem(named, "regionIds");
          if (problem) failures.push({ property: "regionIds", reason: problem });
        }
        const inputs: AccountInputs = { accountId, regionIds: [], clientTokens: {} };
        if (assumeRole !== undefined) inputs.assumeRole = assumeRole;
        if (Array.isArray(exclude)) inputs.excludeRegionIds = sortedRegions(exclude as string[]);
        const unknown = [accountId, named, exclude].includes(UNKNOWN) || hasUnknown(role);
        if (failures.length > 0 || unknown) {
          // Nothing to find the regions with yet: the preview shows them as not known.
          if (unknown) inputs.regionIds = UNKNOWN as unknown as string[];
          return { inputs, failures };
        }
        // No list named: every region the account's DescribeRegions lists, asked in that account.
        const all =
          named === undefined
            ? (await regionsOf(accountId, await apiIn(accountId, assumeRole))).map((r) => r.regionId)
            : (named as string[]);
        const left = new Set(inputs.excludeRegionIds);
        inputs.regionIds = sortedRegions(all.filter((r) => !left.has(r)));
        inputs.clientTokens = keptTokens(olds, accountId, inputs.regionIds, randomUUID);
        return { inputs, failures };
      }),
    diff: (olds, news) => withShownErrors("diff", async () => accountDiff(olds, news)),
    create: (inputs, call) =>
      withShownErrors("create", async () => {
        const api = await apiIn(inputs.accountId, inputs.assumeRole, call);
        const opened = await openRegions(api, inputs, inputs.regionIds, "create");
        return { id: inputs.accountId, outs: accountOutputs(inputs, opened) };
      }),
    read: (id, props, call) =>
      withShownErrors("read", async () => {
        if (props?.accountId === undefined) return adopt(id, call);
        const api = await apiIn(props.accountId, props.assumeRole, call);
        const enabled = await readRegions(api, props.accountId, props.regionIds, "read");
        const outs = { ...props, enabled };
        outs.enabledRegions = sortedRegions(props.regionIds.filter((r) => enabled[r]));
        return { id, props: outs };
      }),
    update: (olds, news, call) =>
      withShownErrors("update", async () => {
        const left = regionsLeft(olds, news);
        if (left.length > 0) say(call, stays(left, olds.accountId));
        const toOpen = regionsToOpen(olds, news);
        if (toOpen.length === 0) return { outs: accountOutputs(news, [], olds) };
        const api = await apiIn(news.accountId, news.assumeRole, call);
        return { outs: accountOutputs(news, await openRegions(api, news, toOpen, "update"), olds) };
      }),
    delete: (props, call) =>
      withShownErrors("delete", async () => {
        if (props.enabledRegions.length > 0) say(call, stays(props.enabledRegions, props.accountId));
      }),
  };

  /** Opens `regionIds` of the account; throws one error naming every region that failed. */
  async function openRegions(
    api: PoolServiceApi,
    inputs: AccountInputs,
    regionIds: readonly string[],
    step: "create" | "update",
  ) {
    const { activated, failed } = await activateRegions(
      api,
      regionIds.map((regionId) => ({ regionId, clientToken: inputs.clientTokens[regionId] ?? randomUUID() })),
      { activationTimeoutMs: api.settings.activationTimeoutMs, locks, progress: api.context.progress },
    );
    if (failed.length > 0) throw regionsFailed(inputs.accountId, step, failed, regionIds.length);
    return activated;
  }

  /**
   * The import of account `id`: through the credentials when they act in it, else through its
   * directory role; its regions that are on are adopted, and nothing is written.
   */
  async function adopt(id: string, call?: CallOptions) {
    const problem = accountIdProblem(id, "the ID to import (an account ID)");
    if (problem) throw carriedError({ code: LOCAL_CODES.badSetting, operation: "read" }, problem);
    const own = calls.api(undefined, call);
    const assumeRole =
      (await own.accountId()) === id ? undefined : { roleArn: roleArnIn(id, DIRECTORY_ROLE) };
    const api = assumeRole ? await apiIn(id, assumeRole, call) : own;
    const all = (await regionsOf(id, api)).map((r) => r.regionId);
    const enabled = await readRegions(api, id, all, "read");
    const on = sortedRegions(all.filter((r) => enabled[r]));
    if (on.length === 0)
      throw diagnosticError({
        code: LOCAL_CODES.notActive,
        operation: "read",
        what: `Account ${id} cannot be imported: ${LOCAL_CODES.notActive}: the Public IP Address Pool feature is on in none of its ${all.length} regions.`,
        meaning: "there is nothing to adopt; importing changes nothing.",
        fix: `declare the account's resource with accountId ${id} and run \`pulumi up\`, which activates its regions.`,
      });
    const inputs: AccountInputs = {
      accountId: id,
      regionIds: on,
      clientTokens: keptTokens(undefined, id, on, randomUUID),
    };
    if (assumeRole) inputs.assumeRole = assumeRole;
    const props = accountOutputs(
      inputs,
      on.map((regionId) => ({ regionId, enabled: true, adopted: true, accountId: id })),
    );
    return { id, props, inputs };
  }
}

/** What removing regions from the stack leaves behind, in one line (a line per region would be 28 per account). */
function stays(regionIds: readonly string[], accountId: string): string {
  const regions =
    regionIds.length === 1 ? regionIds[0] : `${regionIds.length} regions (${regionIds.join(", ")})`;
  return (
    `Account ${accountId}: the Public IP Address Pool feature stays enabled in ${regions}; ` +
    "Alibaba Cloud has no API to turn it off, so it is only removed from the stack."
  );
}
