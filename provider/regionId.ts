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
 * names the property and says how to fix it.
 */
export function regionIdProblem(value: unknown): string | undefined {
  const example = 'like "cn-hangzhou" or "ap-southeast-1"';
  if (typeof value !== "string") {
    return `regionId must be a region ID string ${example}, got ${describe(value)}.`;
  }
  if (value.trim() === "") {
    return `regionId is empty: set it to a region ID ${example}.`;
  }
  if (value !== value.trim()) {
    return `regionId "${value}" has leading or trailing spaces: remove them.`;
  }
  if (value.length > MAX_REGION_ID_LENGTH) {
    return `regionId is ${value.length} characters long; region IDs are at most ${MAX_REGION_ID_LENGTH} (${example}).`;
  }
  if (/[A-Z]/.test(value) && REGION_ID.test(value.toLowerCase())) {
    return `regionId "${value}" has upper-case letters: region IDs are lower case, use "${value.toLowerCase()}".`;
  }
  if (!REGION_ID.test(value)) {
    return (
      `regionId "${value}" is not a region ID: use lower-case letters, digits and single hyphens, ` +
      `starting with a letter, ${example}. List the regions with \`alicloud-ip-pool-service status --all-regions\`.`
    );
  }
  return undefined;
}
