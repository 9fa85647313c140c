import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { generateKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";
import { ERRORS, type ErrorCode, type DocumentedOpenError } from "../../emulator";
import { providerHarness, setEnv } from "../support/providerHarness";
import { stackConfigFor } from "../../scripts/harness/stackConfig";

/** This file's provider harness. */
const harness = providerHarness();
const { checkAndCreate, provider, useStackConfig } = harness;

const OPEN = "OpenPublicIpAddressPoolService";
const STATUS = "GetPublicIpAddressPoolServiceStatus";
const SOURCE = "stack config alicloud:accessKey";

/** The meaning and fix lines users see for each documented error, word for word. */
const DOCUMENTED_DIAGNOSTICS: Record<DocumentedOpenError, { meaning: string; fix: string; message: string }> =
  {
    "Forbidden.RAM": {
      meaning: `the RAM user or role of these credentials may not call ${OPEN} (the credentials came from ${SOURCE}).`,
      fix:
        `grant the RAM action "vpc:${OPEN}" to that user or role in the RAM console (https://ram.console.aliyun.com/) ` +
        "(a custom policy with that action, or the system policy AliyunVPCFullAccess), then run again.",
      message: "User not authorized to operate on the specified resource",
    },
    "Order.NoRealNameAuthentication": {
      meaning:
        "the Alibaba Cloud account has not completed real-name verification, which this feature requires.",
      fix: "complete real-name verification in the Account Center (https://account.console.aliyun.com/), then run `pulumi up` again.",
      message: "Real-name verification has not been completed for the account.",
    },
    "OperationFailed.BasicInfoUncompleted": {
      meaning: "the account's basic information is incomplete.",
      fix: "complete the account's basic information in the Account Center (https://account.console.aliyun.com/), then run `pulumi up` again.",
      message:
        "You have not completed your basic personal information, please complete the information and try again.",
    },
    "OperationFailed.QuotaNotEnough": {
      meaning: "the account's quota is not enough to activate the IP address pool feature.",
      fix: "raise the quota in the Quota Center (https://quotas.console.aliyun.com/); for a reseller account, ask your channel partner to increase it.",
      message: "Your quota is insufficient. Please contact your channel partner to increase your quota",
    },
    "Forbidden.OpenPublicIpAddressPool": {
      meaning: "the account has no permission to activate the public IP address pool feature.",
      fix: "apply for the public IP address pool privilege of VPC in the Quota Center (https://quotas.console.aliyun.com/), then run `pulumi up` again.",
      message:
        "Authentication is failed for opening public ip address pool. Please apply for permission at the quota center.",
    },
    "OperationFailed.ExceedPurchaseLimit": {
      meaning:
        "the account reached the purchase limit of this feature, yet the status call reports it disabled in cn-shenzhen.",
      fix:
        "check in the VPC console whether the IP address pool feature is active in cn-shenzhen; " +
        "if it is not, open a ticket with Alibaba Cloud support quoting the request ID.",
      message: "You have reached the limit of purchase quantity.",
    },
  };

describe("provider diagnostics against the emulator", () => {
  const suite = emulatorSuite({ provider: harness });
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  const sent = (action: string) => emulator.log().filter((e) => e.action === action);

  for (const [code, expected] of Object.entries(DOCUMENTED_DIAGNOSTICS) as Array<
    [DocumentedOpenError, (typeof DOCUMENTED_DIAGNOSTICS)[DocumentedOpenError]]
  >) {
    it(`turns ${code} into a diagnostic with region, code, meaning, fix and request ID; Open sent once`, async () => {
      emulator.setRegion(emulator.defaultAccount.uid, "cn-shenzhen", { openError: code });
      const err = await rejectionOf(checkAndCreate("cn-shenzhen"));
      const [open] = sent(OPEN);
      assert.equal(
        err.message,
        [
          `${OPEN} failed in region cn-shenzhen: ${code} (HTTP 400, request ID ${open.requestId}).`,
          `Meaning: ${expected.meaning}`,
          `Fix: ${expected.fix}`,
          `Alibaba Cloud said: ${expected.message}`,
        ].join("\n"),
      );
      assert.equal(sent(OPEN).length, 1);
      assert.deepEqual(
        [err.code, err.regionId, err.requestId, err.attempts],
        [code, "cn-shenzhen", open.requestId, 1],
      );
      assert.equal(emulator.isEnabled(emulator.defaultAccount.uid, "cn-shenzhen"), false);
    });
  }

  const authCases: Array<[string, (e: Emulator) => void, string, string]> = [
    [
      "a wrong secret",
      (e) => useStackConfig(stackConfigFor({ ...e.defaultAccount.keys[0], accessKeySecret: "wrong" })),
      "SignatureDoesNotMatch",
      `Meaning: Alibaba Cloud rejected the request signature: the AccessKey secret does not match the AccessKey ID (the credentials came from ${SOURCE}).\n` +
        "Fix: set the right secret: `pulumi config set --secret alicloud:secretKey <secret>`, or ALIBABA_CLOUD_ACCESS_KEY_SECRET / ALICLOUD_SECRET_KEY; check that no proxy rewrites the requests.",
    ],
    [
      "an unknown key",
      () => useStackConfig(stackConfigFor(generateKey())),
      "InvalidAccessKeyId.NotFound",
      `Meaning: the AccessKey ID does not exist: it was deleted, rotated or mistyped (the credentials came from ${SOURCE}).\n` +
        "Fix: create or look up an active AccessKey in the RAM console (https://ram.console.aliyun.com/) and set it as alicloud:accessKey and alicloud:secretKey (or in the environment).",
    ],
    [
      "a disabled key",
      (e) => {
        const key = { ...generateKey(), inactive: true };
        e.addAccount({ keys: [key] });
        useStackConfig(stackConfigFor(key));
      },
      "InvalidAccessKeyId.Inactive",
      `Meaning: the AccessKey is disabled (the credentials came from ${SOURCE}).\n` +
        "Fix: enable it in the RAM console (https://ram.console.aliyun.com/), or set an active AccessKey.",
    ],
    [
      "a skewed clock",
      (e) => e.configure({ clockOffsetMs: 20 * 60 * 1000 }),
      "InvalidTimeStamp.Expired",
      "Meaning: the request's timestamp is more than 15 minutes away from Alibaba Cloud's clock.\n" +
        "Fix: synchronise this machine's clock (for example `timedatectl set-ntp true`), then run again.",
    ],
    [
      "an STS token that is not the key's",
      (e) => {
        const key = { ...generateKey(), securityToken: "issued-token" };
        e.addAccount({ keys: [key] });
        useStackConfig(stackConfigFor({ ...key, securityToken: "another-token" }));
      },
      "InvalidSecurityToken.MismatchWithAccessKey",
      `Meaning: the STS security token is missing, malformed, or not the one issued with this AccessKey ID (the credentials came from ${SOURCE}).\n` +
        "Fix: set the security token issued with this AccessKey as alicloud:securityToken (or ALIBABA_CLOUD_SECURITY_TOKEN).",
    ],
  ];
  for (const [label, arrange, code, advice] of authCases) {
    it(`turns ${label} into ${code}, sent exactly once`, async () => {
      arrange(emulator);
      const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
      const log = emulator.log();
      assert.equal(log.length, 1, "an authentication failure must not be retried");
      const status = log[0].status;
      const [told, said] = err.message.split("\nAlibaba Cloud said: ");
      assert.equal(
        told,
        `${STATUS} failed in region cn-hangzhou: ${code} (HTTP ${status}, request ID ${log[0].requestId}).\n${advice}`,
      );
      // What the emulator answers for the code, word for word; a signature error quotes the server's string to sign.
      const expected = ERRORS[code as ErrorCode].message;
      if (code === "SignatureDoesNotMatch") {
        assert.match(
          said,
          new RegExp(
            `^${expected.replace(/\./g, "\\.")} server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$`,
          ),
        );
      } else {
        assert.equal(said, expected);
      }
      assert.ok(err.message.includes(`request ID ${log[0].requestId}`));
      assert.equal(err.kind, "auth");
    });
  }

  it("lists every place it looked when there are no credentials, and sends nothing", async () => {
    useStackConfig({});
    const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
    assert.equal(emulator.log().length, 0);
    assert.match(err.message, /^No Alibaba Cloud credentials were found\.\nLooked in, in order:\n/);
    for (const place of [
      "stack config alicloud:accessKey / alicloud:secretKey",
      "stack config alicloud:profile",
      "environment ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "environment ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY",
      "stack config alicloud:ecsRoleName (ALICLOUD_ECS_ROLE_NAME, ALIBABA_CLOUD_ECS_METADATA): the ECS RAM role",
      "stack config alicloud:assumeRoleWithOidc",
      "stack config alicloud:credentialsUri",
    ]) {
      assert.ok(err.message.includes(place), `missing place: ${place}`);
    }
    assert.match(err.message, /Fix: `pulumi config set alicloud:accessKey <AccessKey ID>`/);
    assert.equal(err.code, "NoCredentials");
  });

  it("reads credentials from the environment when the stack has none", async () => {
    useStackConfig({});
    const key = emulator.defaultAccount.keys[0];
    const undo = setEnv({ ALICLOUD_ACCESS_KEY: key.accessKeyId, ALICLOUD_SECRET_KEY: key.accessKeySecret });
    try {
      const { outs } = await checkAndCreate("cn-hangzhou");
      assert.equal(outs?.enabled, true);
    } finally {
      undo();
    }
  });

  it("reads a profile of the Alibaba Cloud CLI named by alicloud:profile", async () => {
    const key = emulator.defaultAccount.keys[0];
    const dir = join(process.env.HOME!, ".aliyun");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({
        current: "default",
        profiles: [
          { name: "default", mode: "AK", access_key_id: "EMUAKWRONGPROFILE000", access_key_secret: "x" },
          {
            name: "emulator",
            mode: "AK",
            access_key_id: key.accessKeyId,
            access_key_secret: key.accessKeySecret,
          },
        ],
      }),
    );
    useStackConfig({ "alicloud:profile": "emulator" });
    const undo = setEnv({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: undefined });
    try {
      const { outs } = await checkAndCreate("cn-hangzhou");
      assert.equal(outs?.enabled, true);
      assert.equal(emulator.log()[0].accessKeyId, key.accessKeyId);
      useStackConfig({ "alicloud:profile": "missing" });
      const err = await rejectionOf(checkAndCreate("cn-beijing"));
      assert.equal(
        err.message,
        `stack config alicloud:profile ("missing") could not be used: ${join(dir, "config.json")} has no profile ` +
          'named "missing": run `aliyun configure --profile <name>`.',
      );
    } finally {
      undo();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives up on endless throttling within the retry budget, with the throttling diagnostic", async () => {
    emulator.addFault({ kind: "throttling", action: STATUS, regionId: "cn-hangzhou" });
    const started = Date.now();
    const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
    const log = emulator.log();
    const last = log[log.length - 1];
    assert.ok(Date.now() - started < 6_000, "the 4 s retry budget was not respected");
    assert.ok(log.length >= 2, "throttling must be retried");
    assert.equal(sent(OPEN).length, 0);
    assert.match(
      err.message,
      new RegExp(
        `^${STATUS} failed in region cn-hangzhou: Throttling\\.User \\(HTTP 400, request ID ${last.requestId}\\)\\.\n` +
          `Meaning: Alibaba Cloud kept throttling the requests of this account \\(${log.length} attempts over [0-9.]+s\\)\\.\n` +
          "Fix: run again later, lower `pulumi up --parallel`, or allow longer retries with pulumi-alicloud-ip-pool-service:retryTimeoutSeconds; " +
          "a higher API rate limit can be requested in the Quota Center \\(https://quotas\\.console\\.aliyun\\.com/\\)\\.\n" +
          "Alibaba Cloud said: Request was denied due to user flow control\\.$",
      ),
    );
  });

  it("stops at once when Alibaba Cloud asks to wait longer than the retry budget has left, and says so", async () => {
    emulator.addFault({ kind: "throttling", action: STATUS, regionId: "cn-hangzhou", retryAfterMs: 60_000 });
    const started = Date.now();
    const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
    assert.ok(Date.now() - started < 2_000, "it waited");
    assert.equal(emulator.log().length, 1);
    assert.match(
      err.message,
      /\nMeaning: Alibaba Cloud throttled the requests of this account and asked to wait 60\.0s before retrying, more than the [34]\.\ds left of the retry budget \(1 attempt over 0\.\ds\)\./,
    );
  });

  it("names an unreachable endpoint after retrying it", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const undo = setEnv({ ALICLOUD_VPC_ENDPOINT: `http://127.0.0.1:${port}` });
    try {
      const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
      assert.match(
        err.message,
        new RegExp(
          `^${STATUS} failed in region cn-hangzhou: ECONNREFUSED \\(no request ID: the service did not answer\\)\\.\n` +
            `Meaning: could not reach the VPC endpoint 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED; [0-9]+ attempts over [0-9.]+s\\)\\.\n` +
            "Fix: check the network and proxy settings and the endpoint \\(pulumi-alicloud-ip-pool-service:vpcEndpoint, alicloud:endpoints vpc or ALICLOUD_VPC_ENDPOINT, if set\\), then run again\\.$",
        ),
      );
      assert.ok((err.attempts as number) > 1);
    } finally {
      undo();
    }
  });

  it("explains a region the API does not know", async () => {
    const err = await rejectionOf(checkAndCreate("xx-nowhere-9"));
    const [status] = emulator.log();
    assert.equal(
      err.message,
      `${STATUS} failed in region xx-nowhere-9: InvalidRegionId.NotFound (HTTP 400, request ID ${status.requestId}).\n` +
        'Meaning: region "xx-nowhere-9" does not exist, or does not offer the VPC API.\n' +
        "Fix: check the region ID; list the regions with `alicloud-ip-pool-service status --all-regions`.\n" +
        "Alibaba Cloud said: The specified RegionId does not exist. RegionId: xx-nowhere-9.",
    );
  });

  it("reports a read failure during refresh with the same diagnostics", async () => {
    emulator.setAccount(emulator.defaultAccount.uid, { deniedActions: [STATUS] });
    const err = await rejectionOf(
      provider().read("cn-hangzhou", { regionId: "cn-hangzhou", enabled: true, adopted: true }),
    );
    assert.match(
      err.message,
      /^GetPublicIpAddressPoolServiceStatus failed in region cn-hangzhou: Forbidden\.RAM/,
    );
    assert.match(err.message, /grant the RAM action "vpc:GetPublicIpAddressPoolServiceStatus"/);
  });
});
