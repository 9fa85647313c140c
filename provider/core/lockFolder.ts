// The folder of the account lock files: one per user and machine, in a place no other user can
// create: `$XDG_RUNTIME_DIR/pulumi-alicloud-ip-pool-service/locks` where that variable is set (the
// session's runtime folder, the user's own and private), else the user's cache folder under their
// home (`$XDG_CACHE_HOME` or `~/.cache`; `%LOCALAPPDATA%` on Windows) + `pulumi-alicloud-ip-pool-
// service/locks`. It is created private (0700). Before each use it must be a real folder (not a
// symlink), owned by this user, that no one else may write or enter; anything else is refused,
// naming the folder and the fix, since another user could then hold, fake or redirect this user's
// locks.
import { lstatSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { diagnosticError } from "../diagnostics/diagnostic";
import type { PoolServiceError } from "../diagnostics/poolServiceError";
import { OPERATIONS } from "../transport/operations";

/** The folder of this package's per-user files, below the user's runtime or cache folder. */
const PACKAGE_FOLDER = "pulumi-alicloud-ip-pool-service";

/** This user's lock folder, as `env` places it (default: this process's environment). */
export function lockFolderPath(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime) return join(runtime, PACKAGE_FOLDER, "locks");
  const cache =
    process.platform === "win32"
      ? (env.LOCALAPPDATA ?? homedir())
      : (env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), ".cache"));
  return join(cache, PACKAGE_FOLDER, "locks");
}

/** Why `folder` cannot hold this user's locks, or undefined when it can. */
function unsafe(folder: string): string | undefined {
  const stat = lstatSync(folder);
  if (stat.isSymbolicLink()) return "it is a symbolic link, which could send the locks anywhere";
  if (!stat.isDirectory()) return "it is not a folder";
  if (typeof process.getuid === "function" && stat.uid !== process.getuid()) {
    return `it belongs to user ${stat.uid}, not to this user (${process.getuid()})`;
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    return `its mode is ${(stat.mode & 0o777).toString(8)}: other users may write or enter it (it must be 700)`;
  }
  return undefined;
}

/** Makes this user's lock folder (and its parents) if it is missing and checks it; returns its path or throws. */
export function lockFolder(folder: string = lockFolderPath()): string {
  try {
    mkdirSync(join(folder, ".."), { recursive: true, mode: 0o700 });
    mkdirSync(folder, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw refused(folder, (err as Error).message, err);
  }
  const why = unsafe(folder);
  if (why) throw refused(folder, why);
  return folder;
}

/** The error of a lock folder that cannot be used. */
function refused(folder: string, why: string, cause?: unknown): PoolServiceError {
  return diagnosticError({
    code: LOCAL_CODES.lockFolderRefused,
    operation: OPERATIONS.open,
    cause,
    what: `The folder of this user's account locks, ${folder}, cannot be used: ${why}. Nothing was sent.`,
    fix: `if it is yours, remove it (\`rm -rf ${folder}\`) and run again: it is made anew, private; if it is not, ask its owner or an administrator to remove it. The folder is $XDG_RUNTIME_DIR/${PACKAGE_FOLDER}/locks where XDG_RUNTIME_DIR is set, else the cache folder of your home ($XDG_CACHE_HOME or ~/.cache).`,
  });
}
