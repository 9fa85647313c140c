// provider/ keeps no state at module level: no `let` or `var`, and no mutable collection unless it
// is typed read-only or documented as a cache. Checked on the syntax tree of every file.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../support/engine";

const PROVIDER_DIR = join(REPO_ROOT, "provider");

/** The module-level declarations of a file that hold or could hold state, as `file:line name (why)`. */
function moduleState(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const flags = statement.declarationList.flags;
    const where = (d: ts.VariableDeclaration) =>
      `${basename(file)}:${source.getLineAndCharacterOfPosition(d.getStart()).line + 1} ${d.name.getText()}`;
    for (const d of statement.declarationList.declarations) {
      if (!(flags & ts.NodeFlags.Const)) {
        found.push(`${where(d)} (let or var)`);
        continue;
      }
      const init = d.initializer;
      const typed = d.type?.getText() ?? "";
      const docs = ts
        .getJSDocCommentsAndTags(d)
        .map((j) => j.getText())
        .join(" ");
      const collection =
        init &&
        ((ts.isNewExpression(init) && /^(Map|Set|WeakMap|Array)$/.test(init.expression.getText())) ||
          ts.isArrayLiteralExpression(init));
      if (collection && !/^(Readonly|readonly )/.test(typed) && !/\bcache\b/i.test(docs)) {
        found.push(`${where(d)} (a mutable collection neither read-only nor documented as a cache)`);
      }
    }
  }
  return found;
}

describe("module-level state in provider/", () => {
  it("has no let, var or mutable collection, except caches documented as caches", () => {
    const files = readdirSync(PROVIDER_DIR)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(PROVIDER_DIR, f));
    assert.ok(files.length > 10);
    assert.deepEqual(files.flatMap(moduleState), []);
  });

  it("notices a module-level let and an undocumented map", () => {
    const dir = mkdtempSync(join(tmpdir(), "module-state-"));
    const file = join(dir, "probe.ts");
    writeFileSync(
      file,
      "let a = 1;\nconst m = new Map<string, number>();\n/** A cache of things. */\nconst c = new Map();\n",
    );
    try {
      assert.deepEqual(moduleState(file), [
        "probe.ts:1 a (let or var)",
        "probe.ts:2 m (a mutable collection neither read-only nor documented as a cache)",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
