// What a reply says, decided with no I/O: only a boolean `Enabled` is a status, only region IDs
// are regions, only an account ID is an account. Anything else is "not what the operation
// returns", named, and never taken for an answer.
import type { HttpExchange } from "../transport/httpExchange";
import { regionIdProblem } from "../config/regionId";
import { accountIdProblem } from "../config/roles";

/** One region as DescribeRegions lists it. */
export interface RegionListing {
  /** Region ID. */
  regionId: string;
  /** Localized name. */
  localName?: string;
}

/** A reply's value, or what is wrong with the reply. */
export type ReplyReading<T> = { value: T; problem?: undefined } | { problem: string };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `RequestId` of a reply: its header, else its body's. */
export function requestIdOf(exchange: HttpExchange): string | undefined {
  if (exchange.requestId) return exchange.requestId;
  const parsed = parseJson(exchange.body);
  return isObject(parsed) && typeof parsed.RequestId === "string" ? parsed.RequestId : undefined;
}

/**
 * GetPublicIpAddressPoolServiceStatus's answer: the reply as sent, since the client's model turns
 * "true" into true and {} into an empty object; the model's only when the body was not kept whole.
 */
export function enabledIn(exchange: HttpExchange, modelEnabled: unknown): ReplyReading<boolean> {
  const raw = exchange.complete ? parseJson(exchange.body) : { Enabled: modelEnabled };
  const enabled = isObject(raw) ? raw.Enabled : undefined;
  return typeof enabled === "boolean" ? { value: enabled } : { problem: "it has no boolean `Enabled`" };
}

/** DescribeRegions' answer, each region ID checked before anything is built from it. */
export function regionsIn(
  listed: ReadonlyArray<{ regionId?: unknown; localName?: string }> | undefined,
  scrub: (text: string) => string,
): ReplyReading<RegionListing[]> {
  if (!Array.isArray(listed) || listed.length === 0) {
    return { problem: "it lists no regions (`Regions.Region`)" };
  }
  const regions: RegionListing[] = [];
  for (const r of listed) {
    if (regionIdProblem(r.regionId, "region ID")) {
      const shown = JSON.stringify(scrub(String(r.regionId))).slice(0, 80);
      return { problem: `it lists ${shown}, which is not a region ID` };
    }
    regions.push({ regionId: r.regionId as string, localName: r.localName });
  }
  return { value: regions };
}

/** GetCallerIdentity's answer: an account ID, or what is wrong. */
export function accountIdIn(accountId: unknown): ReplyReading<string> {
  return accountIdProblem(accountId, "AccountId")
    ? { problem: "it has no account ID (`AccountId`)" }
    : { value: accountId as string };
}

/** A page of ListAccounts: its members as the API gives them, and how many there are in all. */
export function membersIn(
  accounts: unknown,
  totalCount: unknown,
): ReplyReading<{ accounts: unknown[]; totalCount: number }> {
  if (!Array.isArray(accounts)) return { problem: "a ListAccounts reply with no list of accounts" };
  if (typeof totalCount !== "number" || !Number.isInteger(totalCount) || totalCount < 0)
    return { problem: `a ListAccounts reply whose TotalCount is ${JSON.stringify(totalCount)}, not a count` };
  return { value: { accounts, totalCount } };
}
