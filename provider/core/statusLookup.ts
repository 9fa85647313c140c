// Whether the feature is active in a region, for the status function of every face: the region
// and role checked first, then one status read with the resource's credentials, endpoint rules,
// retries and diagnostics. Changes nothing; safe during a preview.
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { carriedError, shownError } from "../diagnostics/diagnostic";
import type { FailedOperation } from "../diagnostics/failedOperations";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import type { FaceContext } from "../diagnostics/faceContext";
import { secretsOf } from "../diagnostics/secretScrubber";
import type { ConfigSource } from "../config/configSource";
import { resolveRegion } from "../config/regionId";
import { assumeRoleProblem, type AssumeRoleSpec } from "../config/roles";

/** Whether the feature is active in a region. */
export interface RegionStatusResult {
  /** The region asked about. */
  regionId: string;
  /** True when the Public IP Address Pool feature is active there. */
  enabled: boolean;
}

/** The error of an argument that cannot be used, named after the function. */
function badArgument(operation: FailedOperation, problem: string): PoolServiceError {
  return carriedError({ code: LOCAL_CODES.badSetting, operation }, `${operation}: ${problem}`);
}

/**
 * Reads whether the feature is active in a region (default: the configured region), through
 * `assumeRole` if given. `operation` names the function in messages. Throws a scrubbed
 * {@link PoolServiceError}.
 */
export async function lookUpStatus(
  args: { regionId?: unknown; assumeRole?: unknown },
  options: { config: ConfigSource; env: NodeJS.ProcessEnv; operation: FailedOperation; context: FaceContext },
): Promise<RegionStatusResult> {
  const { config, env, operation, context } = options;
  context.scrubber.add(...secretsOf(config, env));
  const region = resolveRegion({
    explicit: args.regionId,
    subject: "regionId",
    howToSet: "pass `regionId`",
    config,
    env,
  });
  if (region.problem !== undefined) throw badArgument(operation, region.problem);
  const roleProblem =
    args.assumeRole === undefined ? undefined : assumeRoleProblem(args.assumeRole, "assumeRole");
  if (roleProblem) throw badArgument(operation, roleProblem);
  const assumeRole = args.assumeRole as AssumeRoleSpec | undefined;
  // Loaded on first call: declaring resources must not load the Alibaba Cloud SDK.
  const { PoolServiceApi } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
    require("./poolServiceApi") as typeof import("./poolServiceApi");
  try {
    const enabled = await new PoolServiceApi({
      config,
      env,
      context,
      assumeRole: assumeRole && { value: assumeRole, source: `the ${operation} assumeRole` },
    }).status(region.regionId);
    return { regionId: region.regionId, enabled };
  } catch (err) {
    throw shownError(err, (text) => context.scrubber.scrub(text), operation);
  }
}
