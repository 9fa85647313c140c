// What every run of the command shares: where it writes, and the calls it makes, each with the
// command's settings and context, through a role when one is given.
import type { RoleStep } from "../config/roles";
import type { PoolServiceApi } from "../core/poolServiceApi";
import type { FaceContext } from "../diagnostics/faceContext";
import { COMMAND_CONFIG } from "./statusArgs";

/** Where the command writes, every line scrubbed of the secrets it knows. */
export interface Output {
  /** Writes text to stdout. */
  out(text: string): void;
  /** Writes a line to stderr. */
  err(text: string): void;
}

/** The command's calls: one API per role (none: the credentials' own account). */
export function commandCalls(
  options: { endpointFlag?: string },
  context: FaceContext,
): (role?: RoleStep) => PoolServiceApi {
  // Loaded here, not at start: `--help` and usage errors need no SDK.
  const { PoolServiceApi } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
    require("../core/poolServiceApi") as typeof import("../core/poolServiceApi");
  return (assumeRole) =>
    new PoolServiceApi({
      config: COMMAND_CONFIG,
      env: process.env,
      endpointFlag: options.endpointFlag,
      context,
      assumeRole,
    });
}
