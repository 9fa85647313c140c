// The code `pulumi import` prints for the resources it imported (code generation on, as users run
// it): the text after its "Please copy the following code" notice, from the program's first line.
import { readFileSync, writeFileSync } from "node:fs";

/** The notice the engine prints before the code. */
const NOTICE = "Please copy the following code into your Pulumi application";

/** The printed code in `output`, from the first line after the notice that `firstLine` matches. */
export function printedCode(output: string, firstLine: RegExp): string {
  const lines = output.split("\n");
  const notice = lines.findIndex((l) => l.includes(NOTICE));
  if (notice < 0) throw new Error(`pulumi import printed no code:\n${output}`);
  const start = lines.findIndex((l, i) => i > notice && firstLine.test(l));
  if (start < 0) throw new Error(`no line of the printed code matches ${firstLine}:\n${output}`);
  return `${lines.slice(start).join("\n").trimEnd()}\n`;
}

/**
 * Adds printed YAML `resources:` to a Pulumi.yaml: its entries under the file's own `resources:`
 * section, or the section itself where the file has none. Returns the file's text before.
 */
export function addYamlResources(pulumiYaml: string, code: string): string {
  const before = readFileSync(pulumiYaml, "utf8");
  const entries = code.replace(/^resources:\n/, "");
  if (entries === code) throw new Error(`the printed YAML has no resources section:\n${code}`);
  writeFileSync(
    pulumiYaml,
    /^resources:\n/m.test(before)
      ? before.replace(/^resources:\n/m, `resources:\n${entries}`)
      : `${before.trimEnd()}\n${code}`,
  );
  return before;
}
