// provider/ keeps no state at module level: no `let` or `var`, and no mutable collection (a `Map`,
// a `Set`, an array or an object literal not typed read-only or `as const`); and it changes
// nothing of the process: no statement that runs at load but declarations, and no assignment to a
// prototype, `require.cache`, `globalThis` or `process`. Judged on the syntax tree of every file;
// each exception is named below with its reason, and docs/development.md lists them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { filesUnder } from "../support/files";

const PROVIDER_DIR = join(REPO_ROOT, "provider");

/**
 * Module-level state and process-wide effects that must be there, as `file name` (a variable),
 * `file runs at load` or `file <assigned target>`, with why. docs/development.md lists the same.
 */
const ALLOWED: Record<string, string> = {
  "dynamic/implementation.ts configured":
    "the provider of release 0.1.0 calls this module's functions one by one, so the provider object configure built lives in the module",
  "plugin/main.ts runs at load":
    "the plugin's entry point: it serves the provider when the engine starts the plugin",
  "command/cli.ts runs at load": "the command's entry point, when it is run rather than imported",
  "command/cli.ts process.exitCode": "the command's exit status, set by its entry point",
  "transport/vpcSdk.ts runs at load":
    "puts the VPC SDK's lazily loaded models in place before the SDK is first required (600 ms less at start)",
  "transport/vpcSdk.ts require.cache[modelPath]":
    "the lazy models module, entered in Node's module cache under the SDK's own models file",
  "transport/httpExchange.ts runs at load":
    "one subscriber to Node's http.client.request.start channel for the process; it acts only on requests made inside an attempt's context",
  "plugin/configureHook.ts server.prototype.addService":
    "grpc-js's Server.addService, wrapped while the plugin registers its service and put back right after, so an explicit provider's inputs reach the plugin",
};

/** An assignment target that is the process's, not the module's. */
const GLOBAL_TARGET = /\.prototype\b|^require\.cache\b|^globalThis\b|^process\./;

/** Statements that declare, and so run nothing at load. */
function declares(statement: ts.Statement): boolean {
  return (
    ts.isImportDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    ts.isExportDeclaration(statement) ||
    ts.isExportAssignment(statement) ||
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement) ||
    ts.isVariableStatement(statement)
  );
}

/** The process-wide effects of a file: statements run at load, and assignments to a global, as `file:line what`. */
function processEffects(file: string, root = PROVIDER_DIR): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const name = relative(root, file);
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const found: string[] = [];
  const atLoad = source.statements.filter((st) => !declares(st));
  if (atLoad.length > 0 && ALLOWED[`${name} runs at load`] === undefined)
    found.push(...atLoad.map((st) => `${basename(file)}:${line(st)} runs at load`));
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = node.left.getText();
      if (GLOBAL_TARGET.test(target) && ALLOWED[`${name} ${target}`] === undefined)
        found.push(`${basename(file)}:${line(node)} ${target} (patches the process)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

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

  it("changes nothing of the process at load or by patching a global, but the named exceptions, each still there", () => {
    const files = filesUnder(PROVIDER_DIR, ".ts");
    assert.deepEqual(
      files.flatMap((f) => processEffects(f)),
      [],
    );
    // An exception that is no longer needed goes from the list (and from the docs).
    for (const key of Object.keys(ALLOWED)) {
      const [file, ...rest] = key.split(" ");
      const what = rest.join(" ");
      const text = readFileSync(join(PROVIDER_DIR, file), "utf8");
      const there =
        what === "runs at load"
          ? ts
              .createSourceFile(file, text, ts.ScriptTarget.ES2022, true)
              .statements.some((st) => !declares(st))
          : text.includes(what);
      assert.ok(there, `${key} is listed as an exception but is not in the code`);
    }
  });

  it("lists each exception, with its reason, in docs/development.md", () => {
    const docs = readFileSync(join(REPO_ROOT, "docs", "development.md"), "utf8");
    const rows = docs
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .map((l) =>
        l
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim())
          .join(" | "),
      );
    for (const [key, why] of Object.entries(ALLOWED)) {
      const [file, ...rest] = key.split(" ");
      const row = `\`${file}\` | \`${rest.join(" ")}\` | ${why}`;
      assert.ok(rows.includes(row), `docs/development.md has no row: | ${row} |`);
    }
  });

  it("notices a statement run at load and a patched prototype or global, whatever their comments say", () => {
    const dir = mkdtempSync(join(tmpdir(), "process-effects-"));
    const file = join(dir, "probe.ts");
    writeFileSync(
      file,
      [
        'import { Server } from "node:net";',
        "/** Harmless. */",
        "installSomething();",
        "export function f(): void {",
        "  Server.prototype.listen = () => undefined as never;",
        "  globalThis.fetch = undefined as never;",
        "  const local = { x: 1 };",
        "  local.x = 2;",
        "}",
        "",
      ].join("\n"),
    );
    try {
      assert.deepEqual(processEffects(file, dir), [
        "probe.ts:3 runs at load",
        "probe.ts:5 Server.prototype.listen (patches the process)",
        "probe.ts:6 globalThis.fetch (patches the process)",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
