import { SETTINGS } from "./keys";
import { type ConfigSource } from "./configSource";
import { asStep } from "./settingTerms";

/** Longest region ID accepted, in characters (real IDs are under 30). */
export const MAX_REGION_ID_LENGTH = 64;

const REGION_ID = /^[a-z]+(-[a-z0-9]+)+$/;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value} (${String(value)})`;
}

/**
 * Why a value is not a valid Alibaba Cloud region ID, or undefined when it is one. The reason
 * names `subject` (the property, flag or setting the value came from) and says how to fix it.
 */
export function regionIdProblem(value: unknown, subject = "regionId"): string | undefined {
  const example = 'like "cn-hangzhou" or "ap-southeast-1"';
  if (typeof value !== "string") {
    return `${subject} must be a region ID string ${example}, got ${describe(value)}.`;
  }
  if (value.trim() === "") {
    return `${subject} is empty: set it to a region ID ${example}.`;
  }
  if (value !== value.trim()) {
    return `${subject} ${JSON.stringify(value)} has leading or trailing spaces (or other whitespace): remove them.`;
  }
  if (value.length > MAX_REGION_ID_LENGTH) {
    return `${subject} is ${value.length} characters long; region IDs are at most ${MAX_REGION_ID_LENGTH} (${example}).`;
  }
  if (/[A-Z]/.test(value) && REGION_ID.test(value.toLowerCase())) {
    return `${subject} ${JSON.stringify(value)} has upper-case letters: region IDs are lower case, use "${value.toLowerCase()}".`;
  }
  if (!REGION_ID.test(value)) {
    return (
      `${subject} ${JSON.stringify(value)} is not a region ID: use lower-case letters, digits and single hyphens, ` +
      `starting with a letter, ${example}. List the regions with \`alicloud-ip-pool-service status --all-regions\`.`
    );
  }
  return undefined;
}

/** Who asks for a region, for the wording of a problem. */
export interface RegionRequest {
  /** The value given explicitly (property, argument or flag); undefined or null when not given. */
  explicit: unknown;
  /** What the explicit value is called in messages, e.g. `regionId` or `the region`. */
  subject: string;
  /** How to give it explicitly, e.g. "set `regionId` on the resource". */
  howToSet: string;
  /** Stack configuration; absent outside a stack (the command line). */
  config?: ConfigSource;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
}

/** A region to use, or why there is none. */
export type RegionResolution = { regionId: string; problem?: undefined } | { problem: string };

/**
 * The one rule for the region: the explicit value, else stack config `alicloud:region`, else its
 * environment variables in order (`ALICLOUD_REGION`, then `ALIBABA_CLOUD_REGION`). The value is validated whatever its source, so
 * no host name is ever built from an unvalidated value; a problem names the source and the fix.
 */
export function resolveRegion(request: RegionRequest): RegionResolution {
  const { explicit, subject, config, env } = request;
  const candidates: Array<[unknown, string | undefined]> = [[explicit, undefined]];
  if (config) candidates.push([config.get(SETTINGS.region.key), config.terms.place(SETTINGS.region.key)]);
  for (const name of SETTINGS.region.env) candidates.push([env[name], `environment ${name}`]);
  for (const [value, source] of candidates) {
    if (value === undefined || value === null || (source !== undefined && value === "")) continue;
    const problem = regionIdProblem(value, subject);
    if (problem) return { problem: source ? `${problem} (from ${source})` : problem };
    return { regionId: value as string };
  }
  const hints = [
    request.howToSet,
    ...(config ? [asStep(config.terms.set(SETTINGS.region.key, "<region>"))] : []),
    `export ${SETTINGS.region.env[0]}`,
  ];
  return { problem: `${subject} is not set and there is no default region: ${hints.join(", or ")}.` };
}

/** Why a list of regions (a component's `regionIds`, or the input `name`) cannot be used, or undefined when it can. */
export function regionIdsProblem(regionIds: unknown, name = "regionIds"): string | undefined {
  if (!Array.isArray(regionIds)) {
    const got = regionIds === undefined || regionIds === null ? String(regionIds) : `a ${typeof regionIds}`;
    return `${name} must be a list of region IDs, like ["cn-hangzhou", "ap-southeast-1"], got ${got}.`;
  }
  for (const [i, regionId] of regionIds.entries()) {
    const problem = regionIdProblem(regionId, `${name}[${i}]`);
    if (problem) return problem;
  }
  const duplicates = regionIds.filter((r, i) => regionIds.indexOf(r) !== i);
  if (duplicates.length > 0) {
    return `${name} lists ${[...new Set(duplicates)].join(", ")} more than once; list each region once.`;
  }
  return undefined;
}
