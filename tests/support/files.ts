import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file under a directory whose name ends with `suffix`, sorted, as full paths. */
export function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
