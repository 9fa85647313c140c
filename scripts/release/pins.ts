// The lines a user pastes to pin a release: for each platform, the `pulumi plugin install` command
// that downloads the plugin from the release's pluginDownloadURL and installs it only if the
// archive's SHA-256 is this release's (`--checksum`); `pulumi up` then uses that installed plugin,
// whatever the program's language. (The engine's other way, `checksums` in a `packages:` entry of
// Pulumi.yaml, cannot be read by CLI v3.274.1: see docs/installation-configuration.md.)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A plugin archive of the release and its platform. */
export interface PinnedArchive {
  platform: string;
  path: string;
}

/** What the pin names besides the checksums. */
export interface PinFacts {
  name: string;
  version: string;
  pluginDownloadURL: string;
}

/** The pinned install command of each platform, as text: a comment naming the platform, then the command. */
export function pinsText(facts: PinFacts, archives: readonly PinnedArchive[]): string {
  const lines = [...archives]
    .sort((a, b) => a.platform.localeCompare(b.platform))
    .map(({ platform, path }) => {
      const sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
      return (
        `# ${platform}\n` +
        `pulumi plugin install resource ${facts.name} ${facts.version} --server ${facts.pluginDownloadURL} --checksum ${sha256}\n`
      );
    });
  return (
    `# ${facts.name} v${facts.version}, pinned: run the line of your platform (<os>-<arch>) before\n` +
    `# \`pulumi preview\` or \`pulumi up\` (in CI, for example). The engine installs the plugin only if the\n` +
    `# archive it downloads has this release's SHA-256, and the stack then runs that plugin.\n` +
    lines.join("")
  );
}

/** Writes `pins.txt` and `pins.md` (the release's notes: the pins, and how to check a file by hand) into `out`. */
export function writePins(out: string, facts: PinFacts, archives: readonly PinnedArchive[]): string[] {
  const text = pinsText(facts, archives);
  const archive = `pulumi-resource-${facts.name}-v${facts.version}-<os>-<arch>.tar.gz`;
  const notes =
    `## Pin this release\n\n` +
    `Run the line of your platform before \`pulumi preview\` or \`pulumi up\`: the engine installs the\n` +
    `plugin only if the archive it downloads has this release's SHA-256 (the same lines are in\n` +
    `\`pins.txt\`).\n\n` +
    "```sh\n" +
    text +
    "```\n\n" +
    `## Check a file by hand\n\n` +
    `Before \`pulumi plugin install resource ${facts.name} ${facts.version} --file ${archive}\`,\n` +
    `check it against \`SHA256SUMS\` of this release:\n\n` +
    "```sh\nsha256sum --check --ignore-missing SHA256SUMS\n```\n";
  writeFileSync(join(out, "pins.txt"), text);
  writeFileSync(join(out, "pins.md"), notes);
  return [join(out, "pins.txt"), join(out, "pins.md")];
}
