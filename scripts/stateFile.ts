// Where the file backend keeps a stack's state, for the bench's figures of state size.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The state file of a stack in a file backend (not its history or backups). */
export function stateFile(backendDir: string, stack: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === `${stack}.json` && path.includes(`${join(".pulumi", "stacks")}`)) found.push(path);
    }
  };
  walk(backendDir);
  if (found.length !== 1) throw new Error(`expected one state file of ${stack}, found ${found.length}`);
  return found[0];
}
