import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/harness/engine";

describe("importing the package", () => {
  it("loads no Alibaba Cloud SDK and replaces nothing in require.cache, even when declaring resources", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(REPO_ROOT, "tests", "support", "declareUnderMocks.js")],
      { cwd: REPO_ROOT },
    );
    const { loaded, replaced } = JSON.parse(stdout) as { loaded: string[]; replaced: string[] };
    assert.ok(loaded.length > 0, "the package loaded nothing: the check would pass vacuously");
    assert.deepEqual(
      loaded.filter((path) => path.includes(`${join("node_modules", "@alicloud")}`)),
      [],
      "an @alicloud module was loaded",
    );
    // Besides its own files, only @pulumi/pulumi's (its closure serializer, when the provider is stored).
    const ours = join(REPO_ROOT, "dist");
    const sdk = join(REPO_ROOT, "node_modules", "@pulumi", "pulumi");
    assert.deepEqual(
      loaded.filter((path) => !path.startsWith(ours) && !path.startsWith(sdk)),
      [],
      "a module other than the package's own or the Pulumi SDK's was loaded",
    );
    assert.deepEqual(replaced, []);
  });
});
