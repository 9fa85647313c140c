// The rules of a region's activation that decide, with no I/O: what a check keeps, when a change
// replaces the resource, what the outputs of an activation are. Every face follows them.
import { ROLE_FIELDS, roleAccount, type AssumeRoleSpec } from "../config/roles";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import type { ActivationResult } from "../core/activation";

/** The value Pulumi passes for an input that is not known yet (during preview): the SDK's own. */
export const UNKNOWN = unknownValue;

/** A region's inputs, after check: what an activation needs. */
export interface RegionInputs {
  /** Region ID. */
  regionId: string;
  /** Idempotency token of the Open call, generated once per resource and kept across retries. */
  clientToken: string;
  /** The role the calls act through, if any. */
  assumeRole?: AssumeRoleSpec;
}

/** A region's state once activated, as recorded (each field as {@link REGION_OUTPUT_DOCS} says). */
export interface RegionOutputs {
  regionId: string;
  enabled: boolean;
  adopted: boolean;
  requestId?: string;
  /** Absent in state written before release 0.2.0. */
  accountId?: string;
  assumeRole?: AssumeRoleSpec;
}

/**
 * What each output of a region's resource means: the text of the schema, and the text the
 * TypeScript faces' doc comments must hold (a unit test compares them).
 */
export const REGION_OUTPUT_DOCS: Readonly<Record<keyof RegionOutputs, string>> = {
  regionId: "The region.",
  enabled:
    "True once the feature is active in the region: a resource is in the state only while its region is on (a refresh that finds it off removes it).",
  adopted: "True when the region was already active and no Open call was sent.",
  requestId: "Request ID of the Open call, when one was sent.",
  accountId:
    "The account the feature was activated in, as STS reports it: the role's, or the credentials' own.",
  assumeRole: "The role the calls act through, if any (read and refresh act through it too).",
};

/** What a change does to a region's resource. */
export interface RegionDiff {
  /** Whether anything changed. */
  changes: boolean;
  /** The properties whose change replaces the resource (none: an update in place). */
  replaces?: string[];
  /** Always false: the old region stays enabled, so the new one is created first. */
  deleteBeforeReplace?: boolean;
}

/** Whether a value, or one of its fields, is not known yet (during preview). */
export function hasUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  return typeof value === "object" && value !== null && Object.values(value).some((v) => v === UNKNOWN);
}

/** An `assumeRole` input without its unset fields (a program may send them as null). */
export function presentFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
}

/** The same role settings, field by field. */
export function sameRole(a: AssumeRoleSpec | undefined, b: AssumeRoleSpec | undefined): boolean {
  return ROLE_FIELDS.every((f) => a?.[f] === b?.[f]);
}

/**
 * Whether a check keeps the old idempotency token: a new target (another region, or a role in
 * another account) is a new resource, with a token of its own.
 */
export function keepsToken(
  olds: Partial<RegionInputs> | undefined,
  regionId: string,
  assumeRole: AssumeRoleSpec | undefined,
): olds is RegionInputs {
  return (
    olds?.regionId === regionId &&
    roleAccount(olds?.assumeRole?.roleArn ?? "") === roleAccount(assumeRole?.roleArn ?? "") &&
    typeof olds?.clientToken === "string" &&
    olds.clientToken !== ""
  );
}

/**
 * What a change does: a changed `regionId` or target account replaces the resource (the account of
 * `assumeRole`'s ARN, or `stackAccount()`, the one the stack's credentials act in, asked only when
 * needed). Other changes of `assumeRole` (session name, policy, external ID, session length)
 * update it in place.
 */
export async function regionDiff(
  olds: RegionOutputs,
  news: RegionInputs,
  stackAccount: () => Promise<string>,
): Promise<RegionDiff> {
  if (news.regionId === UNKNOWN || olds.regionId !== news.regionId) {
    return { changes: true, replaces: ["regionId"], deleteBeforeReplace: false };
  }
  const role = news.assumeRole;
  if (hasUnknown(role)) return { changes: true, replaces: ["assumeRole"], deleteBeforeReplace: false };
  const movedBy = role || olds.assumeRole ? "assumeRole" : "accountId";
  if (olds.accountId === undefined) {
    // State from before 0.2.0 records no account: it was the stack's own, with no role.
    if (role) return { changes: true, replaces: ["assumeRole"], deleteBeforeReplace: false };
  } else if (olds.accountId !== (role ? roleAccount(role.roleArn) : await stackAccount())) {
    return { changes: true, replaces: [movedBy], deleteBeforeReplace: false };
  }
  if (!sameRole(olds.assumeRole, role)) return { changes: true, replaces: [] };
  return { changes: false };
}

/** The outputs of an activation. */
export function regionOutputs(
  result: ActivationResult,
  assumeRole: AssumeRoleSpec | undefined,
): RegionOutputs {
  const outs: RegionOutputs = {
    regionId: result.regionId,
    enabled: true,
    adopted: result.adopted,
    accountId: result.accountId,
  };
  if (result.requestId) outs.requestId = result.requestId;
  if (assumeRole) outs.assumeRole = assumeRole;
  return outs;
}

/** The outputs after an update: the same, with the new session settings of the same role. */
export function updatedOutputs(olds: RegionOutputs, news: RegionInputs): RegionOutputs {
  const outs: RegionOutputs = { ...olds };
  delete outs.assumeRole;
  if (news.assumeRole) outs.assumeRole = news.assumeRole;
  return outs;
}
