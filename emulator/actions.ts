import { isEnabled, regionState, type Account } from "./accounts";
import { UNCONFIRMED, type ErrorCode } from "./errorCatalog";
import { regionEndpoint, type RegionInfo } from "./regions";

/** The API version the emulator serves. */
export const API_VERSION = "2016-04-28";

/** Actions the emulator implements. */
export const ACTIONS = [
  "OpenPublicIpAddressPoolService",
  "GetPublicIpAddressPoolServiceStatus",
  "DescribeRegions",
] as const;

/** One of the implemented actions. */
export type Action = (typeof ACTIONS)[number];

/** Actions that take a required `RegionId`. */
export const REGIONAL_ACTIONS: ReadonlySet<string> = new Set([
  "OpenPublicIpAddressPoolService",
  "GetPublicIpAddressPoolServiceStatus",
]);

/** What an action answers: a JSON body, or an error code. */
export type ActionResult =
  | { ok: true; body: Record<string, unknown>; wrote?: boolean }
  | { ok: false; code: ErrorCode; detail?: string };

/** The facts an action runs with. */
export interface ActionContext {
  /** The authenticated account. */
  account: Account;
  /** Request parameters (query and form body). */
  params: Record<string, string>;
  /** Request ID of this reply. */
  requestId: string;
  /** Server time, epoch milliseconds. */
  now: number;
  /** Delay between a successful Open and the status reporting it, in milliseconds. */
  activationDelayMs: number;
  /** The region list. */
  regions: readonly RegionInfo[];
}

/** OpenPublicIpAddressPoolService: activates the feature in a region of the account. */
export function openService(ctx: ActionContext): ActionResult {
  const { account, params, requestId, now } = ctx;
  const regionId = params.RegionId;
  const token = params.ClientToken;
  if (token) {
    const earlier = account.tokens.get(token);
    if (earlier && earlier.regionId !== regionId) return { ok: false, code: "IdempotentParameterMismatch" };
    // A repeated token is answered with the first reply and changes nothing.
    if (earlier) return { ok: true, body: successBody(earlier.requestId) };
  }
  const state = regionState(account, regionId);
  const documentedError = state.openError ?? account.openError;
  if (documentedError) return { ok: false, code: documentedError };
  if (state.enabledAt !== undefined) return { ok: false, code: UNCONFIRMED.alreadyActivated };
  state.enabledAt = now + ctx.activationDelayMs;
  if (token) account.tokens.set(token, { regionId, requestId });
  return { ok: true, body: successBody(requestId), wrote: true };
}

function successBody(requestId: string): Record<string, unknown> {
  return { RequestId: requestId, Code: "200", Message: "successful" };
}

/** GetPublicIpAddressPoolServiceStatus: whether the feature is active in a region of the account. */
export function getServiceStatus(ctx: ActionContext): ActionResult {
  return {
    ok: true,
    body: { RequestId: ctx.requestId, Enabled: isEnabled(ctx.account, ctx.params.RegionId, ctx.now) },
  };
}

/** DescribeRegions: the region list, names in the language of `AcceptLanguage` (default zh-CN). */
export function describeRegions(ctx: ActionContext): ActionResult {
  const english = (ctx.params.AcceptLanguage ?? "zh-CN").toLowerCase().startsWith("en");
  return {
    ok: true,
    body: {
      RequestId: ctx.requestId,
      Regions: {
        Region: ctx.regions.map((r) => ({
          RegionId: r.regionId,
          RegionEndpoint: regionEndpoint(r.regionId),
          LocalName: english ? r.nameEn : r.nameZh,
        })),
      },
    },
  };
}

/** The handler of each action. */
export const ACTION_HANDLERS: Record<Action, (ctx: ActionContext) => ActionResult> = {
  OpenPublicIpAddressPoolService: openService,
  GetPublicIpAddressPoolServiceStatus: getServiceStatus,
  DescribeRegions: describeRegions,
};
