// The lifecycle of one region's activation, as every face drives it: check, diff, create, read,
// update and delete on plain values, for one stack configuration. A face only adapts it to its
// engine's interface. Everything it shows, errors and progress lines, passes through the scrubber.
import { randomUUID } from "node:crypto";
import { carriedError, diagnosticError } from "../diagnostics/diagnostic";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import { SETTINGS } from "../config/keys";
import { resolveRegion, regionIdProblem } from "../config/regionId";
import { assumeRoleProblem, type AssumeRoleSpec } from "../config/roles";
import type { SettingTerms } from "../config/settingTerms";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { activateRegion } from "../core/activation";
import { readConfiguration } from "../core/callConfiguration";
import {
  hasUnknown,
  keepsToken,
  presentFields,
  regionDiff,
  regionOutputs,
  updatedOutputs,
  UNKNOWN,
  type RegionDiff,
  type RegionInputs,
  type RegionOutputs,
} from "./regionRules";
import type { CallOptions, LifecycleCalls } from "./lifecycleCalls";

/** A property a check refuses, and why. */
export interface CheckFailure {
  /** The property. */
  property: string;
  /** What is wrong, and the fix. */
  reason: string;
}

/** The lifecycle of a region's activation; every method throws only scrubbed `PoolServiceError`s. */
export interface RegionLifecycle {
  /** Validates the inputs and keeps one idempotency token per resource and target; sends nothing. */
  check(
    olds: Partial<RegionInputs> | undefined,
    news: Record<string, unknown>,
  ): Promise<{ inputs: RegionInputs; failures: CheckFailure[] }>;
  /** What a change does ({@link regionDiff}). */
  diff(olds: RegionOutputs, news: RegionInputs): Promise<RegionDiff>;
  /** Activates the region (or adopts it when already active), in the target account. */
  create(inputs: RegionInputs, call?: CallOptions): Promise<{ id: string; outs: RegionOutputs }>;
  /**
   * Reads the live state, in the recorded account only; a region no longer enabled is gone (no
   * props). With no recorded state (`pulumi import`, `.get()`), reads the region of `id`: an active
   * one is adopted, with inputs for the program to match; an inactive or unknown one is refused.
   */
  read(
    id: string,
    props: RegionOutputs | undefined,
    call?: CallOptions,
  ): Promise<{ id: string; props?: RegionOutputs; inputs?: RegionInputs }>;
  /** Records new session settings of the same role: the account is unchanged, so nothing is sent. */
  update(olds: RegionOutputs, news: RegionInputs): Promise<{ outs: RegionOutputs }>;
  /** Removes the resource from the stack only: Alibaba Cloud has no API to turn the feature off. */
  delete(props: RegionOutputs, call?: CallOptions): Promise<void>;
}

/** The error of an import (or a get) of a region that is not active: there is nothing to adopt. */
function notActive(regionId: string, accountId: string): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.notActive,
    operation: "read",
    regionId,
    what: `Region ${regionId} cannot be imported: ${LOCAL_CODES.notActive}: the Public IP Address Pool feature is not active there in account ${accountId}.`,
    meaning: "there is nothing to adopt; importing changes nothing.",
    fix: `declare the resource with regionId ${regionId} and run \`pulumi up\`, which activates it.`,
  });
}

/** The error of a refresh whose credentials act in another account than the state records. */
function accountMoved(
  regionId: string,
  recorded: string,
  now: string,
  source: string,
  terms: SettingTerms,
): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.accountMismatch,
    operation: "read",
    regionId,
    kind: "auth",
    what: `Refresh of region ${regionId} stopped: ${LOCAL_CODES.accountMismatch}: the state records account ${recorded}, but the credentials now act in account ${now} (${source}).`,
    meaning: `reading account ${now} says nothing of account ${recorded}, so nothing was read and this resource's state is unchanged.`,
    fix:
      `run the refresh with credentials of account ${recorded} (${terms.name(SETTINGS.accessKey.key)} and ${terms.name(SETTINGS.secretKey.key)}, ${terms.name(SETTINGS.assumeRole.key)}, ` +
      `the resource's assumeRole, or the environment); to move the region to account ${now}, change the stack's configuration and run \`pulumi up\`, which replaces it.`,
  });
}

/** The lifecycle of a region's resource, over the calls of one stack configuration. */
export function regionLifecycle(calls: LifecycleCalls): RegionLifecycle {
  const { config, env, context, locks, api, withShownErrors } = calls;
  return {
    check: (olds, news) =>
      withShownErrors("check", async () => {
        // Settings and credential config are not properties, but a preview should still name a bad one.
        readConfiguration(config, env);
        const failures: CheckFailure[] = [];
        const explicit: unknown = news.regionId;
        let regionId = explicit as string;
        if (explicit !== UNKNOWN) {
          const region = resolveRegion({
            explicit,
            subject: "regionId",
            howToSet: "set `regionId` on the resource",
            config,
            env,
          });
          if (region.problem !== undefined) failures.push({ property: "regionId", reason: region.problem });
          else regionId = region.regionId;
        }
        const role = presentFields(news.assumeRole);
        if (role !== undefined && !hasUnknown(role)) {
          const problem = assumeRoleProblem(role, "assumeRole");
          if (problem) failures.push({ property: "assumeRole", reason: problem });
        }
        const assumeRole = role as AssumeRoleSpec | undefined;
        const clientToken = keepsToken(olds, regionId, assumeRole) ? olds.clientToken : randomUUID();
        const inputs: RegionInputs = { regionId, clientToken };
        if (assumeRole !== undefined) inputs.assumeRole = assumeRole;
        return { inputs, failures };
      }),
    diff: (olds, news) => withShownErrors("diff", () => regionDiff(olds, news, () => api().accountId())),
    create: (inputs, call) =>
      withShownErrors("create", async () => {
        const client = api(inputs.assumeRole, call);
        const result = await activateRegion(client, inputs.regionId, inputs.clientToken, {
          activationTimeoutMs: client.settings.activationTimeoutMs,
          locks,
          progress: client.context.progress,
        });
        return { id: inputs.regionId, outs: regionOutputs(result, inputs.assumeRole) };
      }),
    read: (id, props, call) =>
      withShownErrors("read", async () => {
        if (props?.regionId === undefined) {
          // Nothing recorded: an import or a get of the region of `id`.
          const problem = regionIdProblem(id, "the ID to import (a region ID)");
          if (problem) throw carriedError({ code: LOCAL_CODES.badSetting, operation: "read" }, problem);
          const client = api(undefined, call);
          const accountId = await client.accountId();
          if (!(await client.status(id))) throw notActive(id, accountId);
          return {
            id,
            props: { regionId: id, enabled: true, adopted: true, accountId },
            inputs: { regionId: id, clientToken: randomUUID() },
          };
        }
        const regionId = props.regionId;
        // From the state, so checked once already; no host name is built from an unchecked value.
        const problem = regionIdProblem(regionId, "the state's regionId");
        if (problem)
          throw diagnosticError({
            code: LOCAL_CODES.invalidState,
            operation: "read",
            what: problem,
            fix:
              "the state was changed outside Pulumi. Remove the resource from the state " +
              "(`pulumi state delete <URN>`), then import its region again (`pulumi import`); nothing was sent.",
          });
        const client = api(props.assumeRole, call);
        if (props.accountId !== undefined) {
          const now = await client.accountId();
          if (now !== props.accountId)
            throw accountMoved(regionId, props.accountId, now, client.credentialSource(), context.terms);
        }
        if (!(await client.status(regionId))) return { id: "" };
        return { id, props: { ...props, regionId, enabled: true } };
      }),
    update: (olds, news) => withShownErrors("update", async () => ({ outs: updatedOutputs(olds, news) })),
    delete: (props, call) =>
      withShownErrors("delete", async () => {
        (call?.log ?? context.progress)(
          `${props.regionId}: the Public IP Address Pool feature stays enabled in ${props.regionId}; ` +
            "Alibaba Cloud has no API to turn it off, so it is only removed from the stack.",
        );
      }),
  };
}
