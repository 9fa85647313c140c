import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PublicIpAddressPoolService } from "pulumi-alicloud-ip-pool-service";
import type { Emulator } from "../../emulator";
import { DOCUMENTED_OPEN_ERRORS } from "../../emulator";
import { pulumiEngine, REPO_ROOT } from "../../scripts/harness/engine";
import { regionsProgram, TEN_REGIONS } from "../../scripts/harness/programs";
import { createTestStack, dynamicResources, readAllFiles } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

const OPEN = "OpenPublicIpAddressPoolService";
const THREE = ["cn-hangzhou", "cn-beijing", "cn-shanghai"];
const UNBOUNDED = 2_147_483_647;

describe("end to end through the real Pulumi engine", function () {
  this.timeout(180_000);
  // A machine without the engine builds it before the suite (minutes); `.ci/run` does it beforehand.
  const suite = emulatorSuite({ engine: true, latencyMs: 30 });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const key = () => emulator.defaultAccount.keys[0];
  const opens = () => emulator.log().filter((e) => e.action === OPEN);
  const uid = () => emulator.defaultAccount.uid;

  async function newStack(
    regions: readonly string[],
    extra: Partial<Parameters<typeof createTestStack>[0]> = {},
  ) {
    const s = await createTestStack({
      program: regionsProgram(regions),
      emulator,
      config: credentialConfig(key()),
      ...extra,
    });
    suite.track(s);
    return s;
  }

  function output(): {
    lines: string[];
    onOutput: (s: string) => void;
    onError: (s: string) => void;
    text: () => string;
  } {
    const lines: string[] = [];
    return {
      lines,
      onOutput: (s) => lines.push(s),
      onError: (s) => lines.push(s),
      text: () => lines.join(""),
    };
  }

  it("previews three new regions as three creates, with no API write", async () => {
    const { stack } = await newStack(THREE);
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.create, 4); // three regions and the stack itself
    assert.equal(opens().length, 0);
    assert.equal(emulator.log().length, 0, "a preview of new resources needs no API call");
  });

  it("activates three regions with one Open each, never overlapping, and a second up changes nothing and calls only GetCallerIdentity, once", async () => {
    const { stack } = await newStack(THREE);
    const up = await stack.up({ parallel: UNBOUNDED });
    assert.deepEqual(up.outputs.enabled.value, {
      "cn-hangzhou": true,
      "cn-beijing": true,
      "cn-shanghai": true,
    });
    assert.deepEqual(
      opens()
        .map((e) => e.regionId)
        .sort(),
      [...THREE].sort(),
    );
    assert.ok(emulator.log().every((e) => !e.overlapped));
    assert.deepEqual(emulator.enabledRegions(uid()), [...THREE].sort());

    emulator.clearLog();
    const again = await stack.up({ parallel: UNBOUNDED });
    assert.deepEqual(again.summary.resourceChanges, { same: 4 });
    // Only the check that the stack still acts in the same account: one read of STS per run.
    assert.deepEqual(
      emulator.log().map((e) => e.action),
      ["GetCallerIdentity"],
      "an up with nothing to change made other API calls",
    );
  });

  it("adopts a region already active out of band, with no Open", async () => {
    emulator.setRegion(uid(), "cn-beijing", { enabled: true });
    const { stack } = await newStack(["cn-beijing"]);
    const up = await stack.up();
    assert.deepEqual(up.outputs.adopted.value, { "cn-beijing": true });
    assert.equal(opens().length, 0);
  });

  it("refresh reports a region disabled out of band as gone; the next up activates it again", async () => {
    const { stack } = await newStack(["cn-qingdao", "cn-shenzhen"]);
    await stack.up();
    emulator.setRegion(uid(), "cn-qingdao", { enabled: false });
    emulator.clearLog();
    const refresh = await stack.refresh();
    assert.equal(refresh.summary.resourceChanges?.delete, 1);
    assert.equal(opens().length, 0, "refresh must not write");
    assert.deepEqual(
      (await dynamicResources(stack)).map((r) => r.id),
      ["cn-shenzhen"],
    );
    const up = await stack.up();
    assert.equal(up.summary.resourceChanges?.create, 1);
    assert.deepEqual(
      opens().map((e) => e.regionId),
      ["cn-qingdao"],
    );
    assert.ok(emulator.isEnabled(uid(), "cn-qingdao"));
  });

  it("replaces on a region change, activates the new region, and says the old one stays enabled", async () => {
    let region = "cn-hangzhou";
    const s = await createTestStack({
      program: async () => ({
        region: new PublicIpAddressPoolService("pool", { regionId: region }).regionId,
      }),
      emulator,
      config: credentialConfig(key()),
    });
    suite.track(s);
    await s.stack.up();
    region = "cn-shanghai";
    const preview = await s.stack.preview();
    assert.equal(preview.changeSummary.replace, 1);
    const out = output();
    const up = await s.stack.up({ onOutput: out.onOutput });
    assert.equal(up.summary.resourceChanges?.replace, 1);
    assert.equal(up.outputs.region.value, "cn-shanghai");
    assert.deepEqual(emulator.enabledRegions(uid()), ["cn-hangzhou", "cn-shanghai"]);
    assert.match(
      out.text(),
      /cn-hangzhou: the Public IP Address Pool feature stays enabled in cn-hangzhou; Alibaba Cloud has no API to turn it off/,
    );
  });

  it("destroys with no API write and leaves an empty stack", async () => {
    const { stack } = await newStack(THREE);
    await stack.up();
    emulator.clearLog();
    const out = output();
    const destroy = await stack.destroy({ onOutput: out.onOutput });
    assert.equal(destroy.summary.resourceChanges?.delete, 4);
    assert.equal(emulator.log().length, 0);
    assert.deepEqual(await dynamicResources(stack), []);
    assert.deepEqual(emulator.enabledRegions(uid()), [...THREE].sort());
    for (const r of THREE) assert.ok(out.text().includes(`stays enabled in ${r}`));
  });

  describe("one region failing with each documented error code", () => {
    for (const code of DOCUMENTED_OPEN_ERRORS) {
      it(`${code}: the engine shows the diagnostic, the other two are in state, and the next up converges`, async () => {
        emulator.setRegion(uid(), "cn-beijing", { openError: code });
        const { stack } = await newStack(THREE);
        const out = output();
        await assert.rejects(stack.up({ parallel: UNBOUNDED, onOutput: out.onOutput, onError: out.onError }));
        const failed = opens().find((e) => e.regionId === "cn-beijing")!;
        const text = out.text();
        assert.ok(
          text.includes(
            `${OPEN} failed in region cn-beijing: ${code} (HTTP 400, request ID ${failed.requestId}).`,
          ),
          text,
        );
        assert.match(text, /Fix: /);
        assert.deepEqual((await dynamicResources(stack)).map((r) => r.id).sort(), [
          "cn-hangzhou",
          "cn-shanghai",
        ]);
        assert.deepEqual(emulator.enabledRegions(uid()), ["cn-hangzhou", "cn-shanghai"]);

        emulator.setRegion(uid(), "cn-beijing", { openError: null });
        const up = await stack.up({ parallel: UNBOUNDED });
        assert.equal(up.summary.resourceChanges?.create, 1);
        assert.deepEqual(up.outputs.enabled.value, {
          "cn-hangzhou": true,
          "cn-beijing": true,
          "cn-shanghai": true,
        });
      });
    }
  });

  it("takes credentials from stack config secrets and never writes them to state, output or the provider", async () => {
    const sts = {
      accessKeyId: "EMUAKSTSE2ETESTKEY01",
      accessKeySecret: "e2e-secret-never-in-state-9f8e7d",
      securityToken: "e2e-sts-token-never-in-state-1a2b3c",
    };
    emulator.addAccount({ keys: [sts] });
    const s = await createTestStack({
      program: regionsProgram(["cn-hangzhou"]),
      emulator,
      config: credentialConfig(sts),
    });
    suite.track(s);
    const out = output();
    await s.stack.preview({ onOutput: out.onOutput, onError: out.onError });
    const up = await s.stack.up({ onOutput: out.onOutput, onError: out.onError });
    await s.stack.refresh({ onOutput: out.onOutput, onError: out.onError });
    assert.deepEqual(up.outputs.enabled.value, { "cn-hangzhou": true });
    const [resource] = await dynamicResources(s.stack);
    const provider = String(resource.inputs.__provider);
    const files = [...readAllFiles(s.backendDir), ...readAllFiles(s.workDir)];
    assert.ok(files.length > 0);
    for (const secret of [sts.accessKeySecret, sts.securityToken]) {
      assert.ok(!provider.includes(secret), "secret in the serialized provider");
      assert.ok(!out.text().includes(secret), "secret in the engine output");
      for (const f of files) assert.ok(!f.text.includes(secret), `secret in ${f.path}`);
    }
  });

  it("fails with the signature diagnostic on a wrong secret and writes nothing to state", async () => {
    const { stack } = await newStack(["cn-hangzhou"], {
      config: credentialConfig({ ...key(), accessKeySecret: "not-the-right-secret" }),
    });
    const out = output();
    await assert.rejects(stack.up({ onOutput: out.onOutput, onError: out.onError }));
    const [call] = emulator.log();
    assert.ok(
      out
        .text()
        .includes(
          `GetPublicIpAddressPoolServiceStatus failed in region cn-hangzhou: SignatureDoesNotMatch (HTTP 400, request ID ${call.requestId}).`,
        ),
      out.text(),
    );
    assert.equal(emulator.log().length, 1, "a signature failure must not be retried");
    assert.deepEqual(await dynamicResources(stack), []);
  });

  it("shows no changes when previewed with the package rebuilt under another version number", async () => {
    const s = await newStack(["cn-hangzhou", "cn-beijing"]);
    await s.stack.up();
    const before = (await dynamicResources(s.stack)).map((r) => r.inputs.__provider);

    // A copy of the package as version 99.0.0, found by name from a directory of its own.
    const upgradeDir = mkdtempSync(join(REPO_ROOT, ".e2e-work", "upgrade-"));
    const pkgDir = join(upgradeDir, "node_modules", "pulumi-alicloud-ip-pool-service");
    mkdirSync(pkgDir, { recursive: true });
    cpSync(join(REPO_ROOT, "dist"), join(pkgDir, "dist"), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    writeFileSync(join(pkgDir, "package.json"), JSON.stringify({ ...pkg, version: "99.0.0" }));
    // A package scope of its own, so the name resolves to the copy rather than to this repository.
    writeFileSync(join(upgradeDir, "package.json"), JSON.stringify({ name: "upgrade-check", private: true }));
    cpSync(
      join(REPO_ROOT, "tests", "support", "previewWithPackage.js"),
      join(upgradeDir, "previewWithPackage.js"),
    );
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(upgradeDir, "previewWithPackage.js")],
        {
          cwd: upgradeDir,
          env: {
            ...process.env,
            ...s.envVars,
            NODE_PATH: join(REPO_ROOT, "node_modules"),
            E2E_WORK_DIR: s.workDir,
            E2E_REGIONS: "cn-hangzhou,cn-beijing",
            E2E_PULUMI_ROOT: (await pulumiEngine()).root,
          },
          timeout: 120_000,
        },
      );
      const result = JSON.parse(stdout.trim().split("\n").pop()!) as {
        version: string;
        changeSummary: Record<string, number>;
      };
      assert.equal(result.version, "99.0.0", "the preview did not load the rebuilt package");
      assert.deepEqual(result.changeSummary, { same: 3 });
    } finally {
      rmSync(upgradeDir, { recursive: true, force: true });
    }
    const after = (await dynamicResources(s.stack)).map((r) => r.inputs.__provider);
    assert.deepEqual(after, before);
  });

  it("activates ten regions with unbounded parallelism and no overlapping Opens", async () => {
    // Long enough that concurrent creates overlap whatever the machine's load; serialized ones cannot.
    emulator.configure({ latencyMs: 200 });
    const ten = TEN_REGIONS;
    const { stack } = await newStack(ten);
    const up = await stack.up({ parallel: UNBOUNDED });
    assert.ok(Object.values(up.outputs.enabled.value as Record<string, boolean>).every((v) => v === true));
    assert.equal(opens().length, 10);
    assert.ok(
      emulator.log().every((e) => !e.overlapped),
      "two Opens overlapped",
    );
    assert.deepEqual(emulator.enabledRegions(uid()), [...ten].sort());
    // The creates ran concurrently: status reads of several regions overlapped in time.
    const statuses = emulator
      .log()
      .filter((e) => e.action !== OPEN)
      .slice(0, 10);
    const firstEnd = Math.min(...statuses.map((e) => e.endMs!));
    assert.ok(statuses.filter((e) => e.startMs < firstEnd).length > 1, "the engine serialized the creates");
  });
});
