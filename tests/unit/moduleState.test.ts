// provider/ keeps no state at module level: no `let` or `var`, and no mutable collection (a `Map`,
// a `Set`, an array or an object literal not typed read-only or `as const`). Judged on the syntax
// tree of every file's declarations; the one exception is named below with its reason.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../support/engine";
import { filesUnder } from "../support/files";

const PROVIDER_DIR = join(REPO_ROOT, "provider");

/** Module-level state that must be there, as `file name`, with why. */
const ALLOWED: Record<string, string> = {
  "dynamic/implementation.ts configured":
    "the provider of release 0.1.0 calls this module's functions one by one, so the provider object configure built lives in the module",
};

/** A constructor whose instance holds mutable state. */
const MUTABLE_CLASSES = /^(Map|Set|WeakMap|WeakSet|Array)$/;

/** The module-level declarations of a file that hold or could hold state, as `file:line name (why)`. */
function moduleState(file: string, root = PROVIDER_DIR): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const name = relative(root, file);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const flags = statement.declarationList.flags;
    for (const d of statement.declarationList.declarations) {
      const id = `${name} ${d.name.getText()}`;
      if (ALLOWED[id] !== undefined) continue;
      const where = `${basename(file)}:${source.getLineAndCharacterOfPosition(d.getStart()).line + 1} ${d.name.getText()}`;
      if (!(flags & ts.NodeFlags.Const)) {
        found.push(`${where} (let or var)`);
        continue;
      }
      let init = d.initializer;
      const readOnlyType = /^(Readonly|readonly )/.test(d.type?.getText() ?? "");
      let asConst = false;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
        if (ts.isAsExpression(init) && init.type.getText() === "const") asConst = true;
        init = init.expression;
      }
      const collection =
        init &&
        ((ts.isNewExpression(init) && MUTABLE_CLASSES.test(init.expression.getText())) ||
          ts.isArrayLiteralExpression(init) ||
          (ts.isObjectLiteralExpression(init) && init.properties.some((p) => !ts.isMethodDeclaration(p))));
      if (collection && !readOnlyType && !asConst) found.push(`${where} (a mutable collection)`);
    }
  }
  return found;
}

describe("module-level state in provider/", () => {
  it("has no let, var or mutable collection, but the one named exception", () => {
    const files = filesUnder(PROVIDER_DIR, ".ts");
    assert.ok(files.length > 10);
    assert.deepEqual(
      files.flatMap((f) => moduleState(f)),
      [],
    );
  });

  it("notices a module-level let, a map and a mutable object, whatever their comments say", () => {
    const dir = mkdtempSync(join(tmpdir(), "module-state-"));
    const file = join(dir, "probe.ts");
    writeFileSync(
      file,
      [
        "let a = 1;",
        "const m = new Map<string, number>();",
        "/** A cache of things. */",
        "const c = new Map();",
        'const o = { key: "value" };',
        "const fixed: ReadonlySet<string> = new Set();",
        'const table = { key: "value" } as const;',
        "",
      ].join("\n"),
    );
    try {
      assert.deepEqual(moduleState(file, dir), [
        "probe.ts:1 a (let or var)",
        "probe.ts:2 m (a mutable collection)",
        "probe.ts:4 c (a mutable collection)",
        "probe.ts:5 o (a mutable collection)",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
