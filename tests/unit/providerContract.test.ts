// The serialized provider and createProvider are tied together by types: this compiles
// provider/ as it is, then with one side changed, and expects `tsc` to refuse each change.
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { filesUnder } from "../support/files";

const PROVIDER_DIR = join(REPO_ROOT, "provider");
const SHIM = join(PROVIDER_DIR, "dynamic", "serializedProvider.ts");
const IMPLEMENTATION = join(PROVIDER_DIR, "dynamic", "resourceProvider.ts");

/** A deliberate drift: in `file`, `from` (which must be there) becomes `to`. */
interface Drift {
  label: string;
  file: string;
  from: string;
  to: string;
}

const DRIFTS: Drift[] = [
  {
    label: "the implementation renames an option the shim passes",
    file: IMPLEMENTATION,
    from: "log: (line: string) => void;",
    to: "logger: (line: string) => void;",
  },
  {
    label: "the implementation stops providing a method",
    file: IMPLEMENTATION,
    from: '"check" | "diff" | "create" | "read" | "update" | "delete"',
    to: '"check" | "diff" | "create" | "read" | "delete"',
  },
  {
    label: "the implementation's delete takes other arguments",
    file: IMPLEMENTATION,
    from: "async delete(_id, props) {",
    to: "async delete(_id: number, props: string) {",
  },
  {
    label: "the shim leaves out an option",
    file: SHIM,
    from: "{ config: r.config, env: process.env, log: console.log }",
    to: "{ config: r.config, log: console.log }",
  },
  {
    label: "the shim expects a method the implementation does not build",
    file: SHIM,
    from: 'type PoolServiceProvider = import("./resourceProvider").PoolServiceProvider;',
    to: 'type PoolServiceProvider = import("./resourceProvider").PoolServiceProvider & { configure(): void };',
  },
];

/** Compiles provider/ with the repository's settings, `changed` replacing files' text; returns the errors. */
function compile(
  changed: Map<string, string>,
  oldProgram?: ts.Program,
): { errors: string[]; program: ts.Program } {
  const { config } = ts.readConfigFile(join(REPO_ROOT, "tsconfig.build.json"), ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT).options;
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => changed.get(file) ?? readFile(file);
  const roots = filesUnder(PROVIDER_DIR, ".ts");
  const program = ts.createProgram(roots, { ...options, noEmit: true }, host, oldProgram);
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { errors, program };
}

describe("the contract between the serialized provider and createProvider", function () {
  this.timeout(120_000);
  let baseline: ts.Program;

  before(() => {
    const { errors, program } = compile(new Map());
    assert.deepEqual(errors, [], "provider/ does not compile as it is");
    baseline = program;
  });

  for (const drift of DRIFTS) {
    it(`fails to compile when ${drift.label}`, () => {
      const text = ts.sys.readFile(drift.file)!;
      assert.ok(text.includes(drift.from), `the test's anchor is gone from ${drift.file}: ${drift.from}`);
      const { errors } = compile(new Map([[drift.file, text.replace(drift.from, drift.to)]]), baseline);
      assert.ok(errors.length > 0, "tsc accepted the drift");
    });
  }
});
