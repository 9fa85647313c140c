import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/engine";

describe("the README's map of provider/", () => {
  it("names every file in provider/, and only those", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("`ls provider/` shows the architecture");
    assert.ok(start >= 0, "the README has no file map");
    const table = readme.slice(start).split("\n\n")[1] ?? "";
    const mapped = [...table.matchAll(/^\| `([^`]+\.ts)` +\|/gm)].map((m) => m[1]).sort();
    const files = readdirSync(join(REPO_ROOT, "provider"))
      .filter((f) => f.endsWith(".ts"))
      .sort();
    assert.deepEqual(mapped, files);
  });
});
