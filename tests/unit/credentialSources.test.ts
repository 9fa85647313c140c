// The credential sources are one ordered list: the "no credentials" message, the command's help
// and the docs' table are all made from it, so a source added to the list shows in each of them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { USAGE } from "../../provider/command/statusArgs";
import { STACK_TERMS } from "../../provider/config/settingTerms";
import { noCredentialsMessage } from "../../provider/credentials/noCredentials";
import { CREDENTIAL_SOURCES } from "../../provider/credentials/plan";
import { credentialSourcesTable, SETTINGS_DOC, tableInDoc } from "../../scripts/settingsDocs";

describe("the list of credential sources", () => {
  it("gives the no-credentials message its places, in the list's order", () => {
    const listed = noCredentialsMessage(STACK_TERMS)
      .split("\n")
      .filter((line) => line.startsWith("  - "))
      .map((line) => line.slice(4));
    assert.deepEqual(
      listed,
      CREDENTIAL_SOURCES.flatMap((source) => source.places(STACK_TERMS)),
    );
    assert.ok(listed.length >= CREDENTIAL_SOURCES.length);
  });

  it("gives the command's help a line for each source the environment can set, in order", () => {
    const lines = USAGE.split("\n");
    const at = CREDENTIAL_SOURCES.flatMap((source) => source.help).map((help) => lines.indexOf(`  ${help}`));
    assert.ok(
      at.every((i) => i > 0),
      "every source's help line is in the help",
    );
    assert.deepEqual(
      at,
      [...at].sort((a, b) => a - b),
    );
  });

  it("gives the docs' table a row for each source, in order, as `npm run docs:settings` writes it", async () => {
    const doc = readFileSync(SETTINGS_DOC, "utf8");
    const table = tableInDoc(doc, "credentials");
    assert.equal(table, await credentialSourcesTable());
    const rows = table!.split("\n").slice(2);
    assert.equal(rows.length, CREDENTIAL_SOURCES.length);
    for (const [i, source] of CREDENTIAL_SOURCES.entries()) {
      assert.match(rows[i], new RegExp(`^\\| ${i + 1} `));
      assert.ok(
        rows[i].includes(source.doc.source.replace(/\|/g, "\\|")),
        `row ${i + 1} is not ${source.doc.source}`,
      );
    }
  });
});
