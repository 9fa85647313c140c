// The folder of the account lock files: one per user and machine, `pulumi-alicloud-ip-pool-service-
// locks-<uid>` in the OS temporary directory, created private (0700). Before each use it must be a
// real folder (not a symlink), owned by this user, that no one else may write or enter; anything
// else is refused, naming the folder and the fix, since another user could then hold, fake or
// redirect this user's locks.
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_CODES } from "../alibaba/errorCodes";
import { PoolServiceError } from "../alibaba/poolServiceError";

/** This user's lock folder, in `dir` (default: the OS temporary directory). */
export function lockFolderPath(dir: string = tmpdir()): string {
  const uid = typeof process.getuid === "function" ? `-${process.getuid()}` : "";
  return join(dir, `pulumi-alicloud-ip-pool-service-locks${uid}`);
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

/** Makes this user's lock folder if it is missing and checks it; returns its path or throws. */
export function lockFolder(folder: string = lockFolderPath()): string {
  try {
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
  return new PoolServiceError(
    {
      code: LOCAL_CODES.lockFolderRefused,
      operation: "OpenPublicIpAddressPoolService",
      kind: "client",
      origin: "local",
      attempts: 0,
      cause,
    },
    `The folder of this user's account locks, ${folder}, cannot be used: ${why}. Nothing was sent.\n` +
      `Fix: if it is yours, remove it (\`rm -rf ${folder}\`) and run again: it is made anew, private; if it is not, ask its owner or an administrator to remove it, or run with TMPDIR set to a folder of your own.`,
  );
}
