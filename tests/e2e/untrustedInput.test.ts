// Issue 10's items through the real engine: a refresh that cannot understand a reply loses no
// state; an Open whose reply is held keeps the account's Opens apart; a broken credential file's
// secret appears nowhere.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import type { Emulator } from "../../emulator";
import { hostileEndpointFor, type HostileEndpoint } from "../support/hostileEndpoint";
import { regionsProgram } from "../../scripts/harness/programs";
import { createTestStack, dynamicResources, readAllFiles } from "../../scripts/harness/stack";
import { emulatorSuite } from "../support/suite";
import { credentialConfig } from "../../scripts/harness/stackConfig";

const OPEN = "OpenPublicIpAddressPoolService";
const UNBOUNDED = 2_147_483_647;

describe("untrusted input through the real Pulumi engine", function () {
  this.timeout(300_000);
  const suite = emulatorSuite({ engine: true, latencyMs: 10 });
  let emulator: Emulator;
  const hostileEndpoint = hostileEndpointFor(suite.emulator);
  let hostile: HostileEndpoint;
  beforeEach(() => {
    emulator = suite.emulator();
    hostile = hostileEndpoint();
  });

  it("a refresh that gets `{}` for a status fails and keeps every resource in the state", async () => {
    const regions = ["cn-hangzhou", "cn-beijing", "cn-shanghai"];
    const s = suite.track(
      await createTestStack({
        program: regionsProgram(regions),
        emulator,
        config: {
          ...credentialConfig(emulator.defaultAccount.keys[0]),
          "pulumi-alicloud-ip-pool-service:vpcEndpoint": { value: hostile.endpoint },
        },
      }),
    );
    await s.stack.up({ parallel: UNBOUNDED });
    const before = await dynamicResources(s.stack);
    assert.equal(before.length, 3);
    hostile.on({ action: "GetPublicIpAddressPoolServiceStatus", reply: { kind: "json", body: {} } });
    const lines: string[] = [];
    await assert.rejects(s.stack.refresh({ onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }));
    assert.match(
      lines.join(""),
      /GetPublicIpAddressPoolServiceStatus failed in region cn-\w+: UnexpectedResponse \(HTTP 200/,
    );
    assert.deepEqual(
      (await dynamicResources(s.stack)).map((r) => r.id).sort(),
      [...regions].sort(),
      "the refresh removed resources it could not read",
    );
  });

  it("one Open's reply held for 15 s in a 20-region up: no Opens overlap, every region is enabled", async () => {
    const twenty = emulator
      .regions()
      .slice(0, 20)
      .map((r) => r.regionId);
    emulator.addFault({
      kind: "latency-after",
      action: OPEN,
      regionId: twenty[3],
      latencyMs: 15_000,
      count: 1,
    });
    const key = emulator.defaultAccount.keys[0];
    // The default budgets: no retry or activation setting.
    const config: ConfigMap = {
      "alicloud:accessKey": { value: key.accessKeyId },
      "alicloud:secretKey": { value: key.accessKeySecret, secret: true },
    };
    const s = suite.track(await createTestStack({ program: regionsProgram(twenty), emulator, config }));
    const up = await s.stack.up({ parallel: UNBOUNDED });
    assert.ok(Object.values(up.outputs.enabled.value as Record<string, boolean>).every((v) => v === true));
    const opens = emulator.log().filter((e) => e.action === OPEN);
    assert.deepEqual(
      opens.filter((e) => e.overlapped).map((e) => e.regionId),
      [],
      "Opens of the account overlapped",
    );
    assert.equal(opens.length, 20, "an Open was sent twice");
    assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), [...twenty].sort());
  });

  describe("a broken credential file: `pulumi up` fails naming it, and its secret appears nowhere", () => {
    const SECRET = "S3CRET-engine-never-shown";
    const cases: Array<[string, string, string]> = [
      [
        "~/.aliyun/config.json that is not valid JSON",
        ".aliyun/config.json",
        `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAIx","access_key_secret":"${SECRET}",}]}`,
      ],
      [
        "a CLI profile with a mode the library cannot use",
        ".aliyun/config.json",
        JSON.stringify({
          current: "default",
          profiles: [{ name: "default", mode: "Bogus", access_key_secret: SECRET }],
        }),
      ],
      [
        "~/.alibabacloud/credentials that is not valid INI",
        ".alibabacloud/credentials",
        `[default\ntype = access_key\naccess_key_id = LTAIx\naccess_key_secret = ${SECRET}\n`,
      ],
    ];
    for (const [label, path, text] of cases) {
      it(label, async () => {
        const home = mkdtempSync(join(tmpdir(), "ip-pool-engine-home-"));
        try {
          mkdirSync(join(home, path, ".."), { recursive: true });
          writeFileSync(join(home, path), text);
          const s = suite.track(
            await createTestStack({
              program: regionsProgram(["cn-hangzhou"]),
              emulator,
              // No credentials in the stack: the chain reaches the file.
              // The harness's guards off for this one home: its CLI profile and its credentials file.
              env: {
                HOME: home,
                ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "false",
                ALIBABA_CLOUD_CREDENTIALS_FILE: "",
              },
            }),
          );
          const lines: string[] = [];
          await assert.rejects(s.stack.up({ onOutput: (o) => lines.push(o), onError: (o) => lines.push(o) }));
          const shown = lines.join("");
          assert.ok(shown.includes(join(home, path)), `the file is not named:\n${shown}`);
          assert.ok(!shown.includes(SECRET), "the secret is in the engine's output");
          for (const f of [...readAllFiles(s.backendDir), ...readAllFiles(s.workDir)]) {
            assert.ok(!f.text.includes(SECRET), `the secret is in ${f.path}`);
          }
          assert.equal(emulator.log().length, 0);
        } finally {
          rmSync(home, { recursive: true, force: true });
        }
      });
    }
  });
});
