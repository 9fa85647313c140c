// The docs' map of provider/ (docs/development.md) and their configuration tables
// (docs/installation-configuration.md) agree with the tree and the key table; the README links both.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../../scripts/harness/engine";
import { filesUnder } from "../support/files";
import { CHAIN_ENV, envOf, IGNORED_KEYS, REFUSED_KEYS, SETTINGS } from "../../provider/config/keys";
import { settingsTable, tableInDoc } from "../../scripts/settingsDocs";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const PROVIDER_DIR = join(REPO_ROOT, "provider");

/** A doc's text from a heading to the next heading of the same level. */
function section(doc: string, heading: string): string {
  const text = `\n${readFileSync(join(REPO_ROOT, doc), "utf8")}`;
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${doc} has no section ${heading}`);
  const level = heading.split(" ")[0];
  const end = text.indexOf(`\n${level} `, start + heading.length + 2);
  return text.slice(start, end < 0 ? undefined : end);
}

describe("the README's links to the docs", () => {
  it("links the docs that hold the map and the configuration", () => {
    for (const doc of [
      "docs/installation-configuration.md",
      "docs/development.md",
      "docs/usage.md",
      "docs/_index.md",
    ]) {
      assert.ok(README.includes(`](${doc})`), `the README does not link ${doc}`);
    }
  });
});

describe("the README's map of provider/", () => {
  // The map is the page's opening part, before its first sub-heading (other tables follow).
  const development = section("docs/development.md", "# Development").split("\n## ")[0];

  it("names every file in provider/, by folder, and only those", () => {
    const mapped = [...development.matchAll(/^\| `([\w/]+\.ts)` +\|/gm)].map((m) => m[1]).sort();
    const files = filesUnder(PROVIDER_DIR, ".ts").map((f) => relative(PROVIDER_DIR, f));
    assert.deepEqual(mapped, files);
  });

  it("lists the folders in the order of the layers the lint rules check", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lint rules' own configuration
    const rules = require(join(REPO_ROOT, ".dependency-cruiser.cjs")) as {
      forbidden: Array<{ name: string }>;
    };
    const layers = rules.forbidden
      .map((r) => /^(\w+)-imports-down-only$/.exec(r.name)?.[1])
      .filter((l): l is string => !!l);
    const rows = [...development.matchAll(/^\| (\d) +\| (`[\w/]+\/`(?:, `[\w/]+\/`)*) +\|/gm)].map((m) => ({
      layer: Number(m[1]),
      folders: [...m[2].matchAll(/`(\w+)\/`/g)].map((f) => f[1]),
    }));
    assert.deepEqual(
      rows.slice(0, layers.length).map((r) => r.folders[0]),
      layers,
    );
    const folders = readdirSync(PROVIDER_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(rows.flatMap((r) => r.folders).sort(), folders);
  });
});

describe("the README's configuration tables", () => {
  const configuration = section("docs/installation-configuration.md", "## Configuration");
  const named = (pattern: RegExp) => new Set([...configuration.matchAll(pattern)].map((m) => m[1]));

  it("hold the table of every setting as the key table gives it (npm run docs:settings)", async () => {
    const doc = readFileSync(join(REPO_ROOT, "docs/installation-configuration.md"), "utf8");
    assert.equal(tableInDoc(doc), await settingsTable());
  });

  it("name every key and environment variable of the key table", () => {
    const keys = Object.values(SETTINGS).map((s) => s.key);
    const env = [
      ...Object.values(SETTINGS).flatMap((s) => envOf(s)),
      ...Object.values(CHAIN_ENV).flat(),
    ].filter((name) => name !== CHAIN_ENV.cliProfileDisabled && name !== CHAIN_ENV.ecsDisabled);
    for (const key of [...keys, ...REFUSED_KEYS, ...IGNORED_KEYS.map((k) => k.replace("alicloud:", ""))]) {
      assert.ok(configuration.includes(key), `the README's configuration does not name ${key}`);
    }
    for (const name of env)
      assert.ok(configuration.includes(name), `the README's configuration does not name ${name}`);
  });

  it("name no key or variable the table lacks", () => {
    const table = new Set([...Object.values(SETTINGS).map((s) => s.key), ...REFUSED_KEYS, ...IGNORED_KEYS]);
    const variables = new Set<string>([
      ...Object.values(SETTINGS).flatMap((s) => envOf(s)),
      ...Object.values(CHAIN_ENV).flat(),
    ]);
    for (const key of named(/`((?:alicloud|pulumi-alicloud-ip-pool-service):\w+)/g)) {
      assert.ok(table.has(key), `the README names ${key}, which the key table does not have`);
    }
    for (const name of named(/\b((?:ALICLOUD|ALIBABA_CLOUD)_[A-Z_]+)\b/g)) {
      assert.ok(variables.has(name), `the README names ${name}, which the key table does not have`);
    }
  });
});
