// Each output and role field is documented once, in a table the schema is built from; the
// TypeScript faces' doc comments, which an editor shows, must say the same. Read from the
// syntax tree of each declaration that carries them.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { ROLE_FIELD_DOCS } from "../../provider/config/roles";
import { REGION_OUTPUT_DOCS } from "../../provider/pulumi/regionRules";
import { REGIONS_OUTPUT_DOCS } from "../../provider/pulumi/regionsComponentBody";
import { REPO_ROOT } from "../../scripts/harness/engine";

/** Text with its line breaks and runs of spaces as one space. */
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/** The doc comment of each member of the class or interface `name` in `file`, by member name. */
function memberDocs(
  file: string,
  name: string,
  root = join(REPO_ROOT, "provider"),
): Record<string, string | undefined> {
  const path = join(root, file);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find(
    (s): s is ts.ClassDeclaration | ts.InterfaceDeclaration =>
      (ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name?.text === name,
  );
  assert.ok(declaration, `${file} declares no ${name}`);
  const docs: Record<string, string | undefined> = {};
  for (const member of declaration.members) {
    if (!member.name || ts.isConstructorDeclaration(member)) continue;
    const comment = ts.getJSDocCommentsAndTags(member).find(ts.isJSDoc)?.comment;
    docs[member.name.getText()] = typeof comment === "string" ? flat(comment) : undefined;
  }
  return docs;
}

/** The declarations whose members' docs come from a table, with the table and members it need not have. */
const DOCUMENTED: Array<[string, string, Readonly<Record<string, string>>, string[]]> = [
  ["dynamic/publicIpAddressPoolService.ts", "AssumeRoleArgs", ROLE_FIELD_DOCS, []],
  ["dynamic/publicIpAddressPoolService.ts", "PublicIpAddressPoolService", REGION_OUTPUT_DOCS, []],
  [
    "dynamic/publicIpAddressPoolServiceRegions.ts",
    "PublicIpAddressPoolServiceRegions",
    REGIONS_OUTPUT_DOCS,
    ["services"],
  ],
  ["plugin/regionsComponent.ts", "RegionsComponent", REGIONS_OUTPUT_DOCS, []],
  ["plugin/regionsComponent.ts", "RegionResource", REGION_OUTPUT_DOCS, []],
];

describe("the doc tables and the TypeScript faces' doc comments", () => {
  for (const [file, name, table, own] of DOCUMENTED) {
    it(`${file} ${name}: each member's doc comment is its table's text`, () => {
      const docs = memberDocs(file, name);
      const members = Object.keys(docs).filter((m) => !own.includes(m));
      assert.ok(members.length > 0);
      for (const member of members) {
        assert.ok(member in table, `${name}.${member} is in no table`);
        assert.equal(docs[member], flat(table[member]), `${name}.${member}`);
      }
    });
  }

  it("reads a member's doc comment, however it is wrapped, so a differing one is seen", () => {
    const dir = mkdtempSync(join(tmpdir(), "doc-tables-"));
    try {
      writeFileSync(
        join(dir, "probe.ts"),
        "export interface Probe {\n  /**\n   * Session length in seconds,\n   * 900 to 3600.\n   */\n  sessionExpiration?: number;\n  roleArn: string;\n}\n",
      );
      const docs = memberDocs("probe.ts", "Probe", dir);
      assert.deepEqual(docs, {
        sessionExpiration: "Session length in seconds, 900 to 3600.",
        roleArn: undefined,
      });
      assert.notEqual(docs.sessionExpiration, flat(ROLE_FIELD_DOCS.sessionExpiration));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
