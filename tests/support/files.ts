import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Every file under a directory whose name ends with `suffix`, sorted, as full paths. */
export function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A new named pipe (FIFO) in a temporary folder: a file whose reads wait for a writer. */
export function fifo(): string {
  const path = join(mkdtempSync(join(tmpdir(), "fifo-")), "pipe");
  execFileSync("mkfifo", [path]);
  return path;
}
