import assert from "node:assert/strict";
import VpcClient, * as vpc from "@alicloud/vpc20160428";
import { generateKey } from "../../emulator";
import type { Emulator } from "../../emulator";
import { emulatorSuite } from "../support/suite";
import { DOCUMENTED_OPEN_ERRORS, UNCONFIRMED } from "../../emulator";
import { rejectionOf } from "../support/rejection";
import { sdkClient, sdkOpen, sdkStatus, type SdkError } from "../support/sdk";
import { pythonCall } from "../support/pythonClient";
import { postForJson } from "../support/rawRequest";

const OPEN = "OpenPublicIpAddressPoolService";
const STATUS = "GetPublicIpAddressPoolServiceStatus";

describe("emulator, through the official @alicloud/vpc20160428 client", () => {
  const suite = emulatorSuite();
  let emulator: Emulator;
  let client: VpcClient;
  beforeEach(() => {
    emulator = suite.emulator();
    client = sdkClient(emulator);
  });

  describe("operations", () => {
    it("round-trips status → open → status, and the log records each call", async () => {
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
      const opened = await sdkOpen(client, "cn-hangzhou", "token-1");
      assert.equal(opened?.code, "200");
      assert.equal(opened?.message, "successful");
      assert.match(opened?.requestId ?? "", /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      assert.equal(await sdkStatus(client, "cn-hangzhou"), true);
      assert.equal(await sdkStatus(client, "cn-beijing"), false);

      const log = emulator.log();
      assert.deepEqual(
        log.map((e) => [e.action, e.regionId, e.outcome, e.wrote]),
        [
          [STATUS, "cn-hangzhou", "OK", false],
          [OPEN, "cn-hangzhou", "OK", true],
          [STATUS, "cn-hangzhou", "OK", false],
          [STATUS, "cn-beijing", "OK", false],
        ],
      );
      assert.equal(log[1].clientToken, "token-1");
      assert.equal(log[1].requestId, opened?.requestId);
      assert.equal(log[1].accessKeyId, emulator.defaultAccount.keys[0].accessKeyId);
      assert.equal(log[1].accountUid, emulator.defaultAccount.uid);
      for (const e of log) assert.ok(e.endMs !== undefined && e.endMs >= e.startMs);
    });

    it("keeps activation per account and per region", async () => {
      const other = emulator.addAccount();
      await sdkOpen(client, "cn-shanghai");
      assert.equal(await sdkStatus(sdkClient(emulator, other.keys[0]), "cn-shanghai"), false);
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), ["cn-shanghai"]);
    });

    it("reports Enabled: false during the activation delay, then true", async () => {
      emulator.configure({ activationDelayMs: 300 });
      await sdkOpen(client, "cn-qingdao");
      assert.equal(await sdkStatus(client, "cn-qingdao"), false);
      await new Promise((r) => setTimeout(r, 350));
      assert.equal(await sdkStatus(client, "cn-qingdao"), true);
    });

    it("answers a repeated ClientToken with the first reply and no second write", async () => {
      const first = await sdkOpen(client, "cn-beijing", "same-token");
      const second = await sdkOpen(client, "cn-beijing", "same-token");
      assert.equal(second?.requestId, first?.requestId);
      assert.equal(emulator.log().filter((e) => e.wrote).length, 1);
      const err = await rejectionOf<SdkError>(sdkOpen(client, "cn-shanghai", "same-token"));
      assert.equal(err.code, "IdempotentParameterMismatch");
    });

    it("refuses an Open for an already active region with the documented choice", async () => {
      emulator.setRegion(emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
      const err = await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"));
      assert.equal(err.code, "OperationFailed.ExceedPurchaseLimit");
      assert.equal(err.statusCode, 400);
    });

    it("lists every region with DescribeRegions, in Chinese by default and English on request", async () => {
      const zh = await client.describeRegions(new vpc.DescribeRegionsRequest({}));
      const regions = zh.body?.regions?.region ?? [];
      assert.deepEqual(
        regions.map((r) => r.regionId),
        emulator.regions().map((r) => r.regionId),
      );
      assert.equal(regions.find((r) => r.regionId === "cn-hangzhou")?.localName, "华东1（杭州）");
      assert.equal(regions.find((r) => r.regionId === "cn-hangzhou")?.regionEndpoint, "vpc.aliyuncs.com");
      assert.equal(
        regions.find((r) => r.regionId === "eu-central-1")?.regionEndpoint,
        "vpc.eu-central-1.aliyuncs.com",
      );
      const en = await client.describeRegions(new vpc.DescribeRegionsRequest({ acceptLanguage: "en-US" }));
      assert.equal(
        en.body?.regions?.region?.find((r) => r.regionId === "ap-southeast-1")?.localName,
        "Singapore",
      );
    });

    it("refuses an unknown region, a missing RegionId, an unknown action and a wrong version", async () => {
      const unknown = await rejectionOf<SdkError>(sdkStatus(client, "xx-nowhere-1"));
      assert.equal(unknown.code, "InvalidRegionId.NotFound");
      const missing = await rejectionOf<SdkError>(
        client.getPublicIpAddressPoolServiceStatus(new vpc.GetPublicIpAddressPoolServiceStatusRequest({})),
      );
      assert.equal(missing.code, "MissingRegionId");
      const [action] = await pythonCall(emulator, {
        action: "DeleteEverything",
        params: { RegionId: "cn-hangzhou" },
      });
      assert.equal(action.status, 404);
      assert.equal(action.body.Code, "InvalidAction.NotFound");
      const [version] = await pythonCall(emulator, { action: STATUS, version: "2014-01-01" });
      assert.equal(version.body.Code, "InvalidVersion");
      assert.deepEqual(
        emulator.log().map((e) => e.outcome),
        ["InvalidRegionId.NotFound", "MissingRegionId", "InvalidAction.NotFound", "InvalidVersion"],
      );
    });

    it("shapes errors like the real service: RequestId, HostId, Code, Message, Recommend", async () => {
      const err = await rejectionOf<SdkError>(sdkStatus(client, "xx-nowhere-1"));
      assert.deepEqual(Object.keys(err.data ?? {}).sort(), [
        "Code",
        "HostId",
        "Message",
        "Recommend",
        "RequestId",
      ]);
      assert.equal(err.data?.RequestId, err.requestId);
      assert.equal(err.data?.HostId, emulator.host);
      assert.match(
        String(err.data?.Recommend),
        /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=InvalidRegionId\.NotFound/,
      );
    });
  });

  describe("authentication", () => {
    it("refuses a wrong secret with SignatureDoesNotMatch", async () => {
      const key = { ...emulator.defaultAccount.keys[0], accessKeySecret: "not-the-secret" };
      const err = await rejectionOf<SdkError>(sdkStatus(sdkClient(emulator, key), "cn-hangzhou"));
      assert.equal(err.code, "SignatureDoesNotMatch");
      assert.equal(err.statusCode, 400);
      assert.equal(emulator.log()[0].outcome, "SignatureDoesNotMatch");
    });

    it("refuses an unknown key with InvalidAccessKeyId.NotFound (404)", async () => {
      const err = await rejectionOf<SdkError>(sdkStatus(sdkClient(emulator, generateKey()), "cn-hangzhou"));
      assert.equal(err.code, "InvalidAccessKeyId.NotFound");
      assert.equal(err.statusCode, 404);
    });

    it("refuses a disabled key with InvalidAccessKeyId.Inactive", async () => {
      const key = { ...generateKey(), inactive: true };
      emulator.addAccount({ keys: [key] });
      const err = await rejectionOf<SdkError>(sdkStatus(sdkClient(emulator, key), "cn-hangzhou"));
      assert.equal(err.code, "InvalidAccessKeyId.Inactive");
    });

    it("refuses a request whose x-acs-date is more than 15 minutes off", async () => {
      emulator.configure({ clockOffsetMs: 16 * 60 * 1000 });
      const err = await rejectionOf<SdkError>(sdkStatus(client, "cn-hangzhou"));
      assert.equal(err.code, "InvalidTimeStamp.Expired");
      emulator.configure({ clockOffsetMs: 14 * 60 * 1000 });
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
    });

    it("refuses a replayed nonce with SignatureNonceUsed", async () => {
      const [first, second] = await pythonCall(emulator, {
        action: STATUS,
        params: { RegionId: "cn-hangzhou" },
        repeat: 2,
      });
      assert.equal(first.status, 200);
      assert.equal(second.body.Code, "SignatureNonceUsed");
    });

    it("refuses a parameter changed after signing with SignatureDoesNotMatch", async () => {
      const [res] = await pythonCall(emulator, {
        action: OPEN,
        params: { RegionId: "cn-hangzhou" },
        tamper: { RegionId: "cn-beijing" },
      });
      assert.equal(res.body.Code, "SignatureDoesNotMatch");
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), []);
    });

    it("accepts STS keys only with their security token", async () => {
      const sts = { ...generateKey(), securityToken: "sts-token-for-tests" };
      emulator.addAccount({ keys: [sts] });
      assert.equal(await sdkStatus(sdkClient(emulator, sts), "cn-hangzhou"), false);
      const wrong = await rejectionOf<SdkError>(
        sdkStatus(sdkClient(emulator, { ...sts, securityToken: "other" }), "cn-hangzhou"),
      );
      assert.equal(wrong.code, "InvalidSecurityToken.MismatchWithAccessKey");
      const none = await rejectionOf<SdkError>(
        sdkStatus(sdkClient(emulator, { ...sts, securityToken: undefined }), "cn-hangzhou"),
      );
      assert.equal(none.code, "MissingSecurityToken");
    });

    it("refuses a security token sent with a long-term key, and an STS key past its expiry", async () => {
      const longTerm = emulator.defaultAccount.keys[0];
      const withToken = await rejectionOf<SdkError>(
        sdkStatus(
          sdkClient(emulator, { ...longTerm, securityToken: "a-token-from-elsewhere" }),
          "cn-hangzhou",
        ),
      );
      assert.equal(withToken.code, UNCONFIRMED.tokenWithLongTermKey);
      const expired = { ...generateKey(), securityToken: "sts-token-expired", expiresAt: Date.now() - 1000 };
      emulator.addAccount({ keys: [expired] });
      const late = await rejectionOf<SdkError>(sdkStatus(sdkClient(emulator, expired), "cn-hangzhou"));
      assert.equal(late.code, "InvalidSecurityToken.Expired");
      assert.equal(emulator.log().filter((e) => e.outcome === "OK").length, 0);
    });

    it("refuses unsigned and malformed requests without serving them", async () => {
      const raw = (headers: Record<string, string>) =>
        postForJson(`${emulator.endpoint}/?RegionId=cn-hangzhou`, {
          "x-acs-action": OPEN,
          "x-acs-version": "2016-04-28",
          ...headers,
        });
      const unsigned = await raw({});
      assert.equal(unsigned.body.Code, "IncompleteSignature");
      const malformed = await raw({ authorization: "ACS3-HMAC-SHA256 Credential=x" });
      assert.equal(malformed.body.Code, "IncompleteSignature");
      const otherAlgorithm = await raw({
        authorization: "HMAC-SHA1 Credential=x,SignedHeaders=host,Signature=y",
      });
      assert.equal(otherAlgorithm.body.Code, "IncompleteSignature");
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), []);
    });

    it("accepts correctly signed requests from an independent client: query, form body and GET", async () => {
      const [status] = await pythonCall(emulator, { action: STATUS, params: { RegionId: "cn-hangzhou" } });
      assert.deepEqual([status.status, status.body.Enabled], [200, false]);
      const [open] = await pythonCall(emulator, {
        action: OPEN,
        params: { RegionId: "cn-hangzhou", ClientToken: "python token (with spaces) *!'" },
        form: true,
      });
      assert.deepEqual([open.status, open.body.Code], [200, "200"]);
      const [get] = await pythonCall(emulator, {
        action: STATUS,
        params: { RegionId: "cn-hangzhou" },
        method: "GET",
      });
      assert.equal(get.body.Enabled, true);
      assert.equal(emulator.log()[1].clientToken, "python token (with spaces) *!'");
    });
  });

  describe("the error codes the API page documents", () => {
    for (const code of DOCUMENTED_OPEN_ERRORS) {
      it(`answers ${code} when the account is set to, and for one region only when that region is`, async () => {
        const uid = emulator.defaultAccount.uid;
        emulator.setRegion(uid, "cn-shenzhen", { openError: code });
        const regionErr = await rejectionOf<SdkError>(sdkOpen(client, "cn-shenzhen"));
        assert.equal(regionErr.code, code);
        assert.equal(regionErr.statusCode, 400);
        assert.equal((await sdkOpen(client, "cn-beijing"))?.code, "200");

        emulator.setAccount(uid, { openError: code });
        const accountErr = await rejectionOf<SdkError>(sdkOpen(client, "cn-qingdao"));
        assert.equal(accountErr.code, code);
        emulator.setAccount(uid, { openError: null });
        assert.equal((await sdkOpen(client, "cn-qingdao"))?.code, "200");
      });
    }

    it("answers Forbidden.RAM with AccessDeniedDetail for an action the RAM user lacks", async () => {
      emulator.setAccount(emulator.defaultAccount.uid, { deniedActions: [OPEN] });
      const err = await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"));
      assert.equal(err.code, "Forbidden.RAM");
      assert.equal(err.data?.Message, "User not authorized to operate on the specified resource");
      assert.deepEqual((err.data?.AccessDeniedDetail as Record<string, string>).AuthAction, `vpc:${OPEN}`);
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
    });

    it("uses the messages the API page documents", async () => {
      emulator.setAccount(emulator.defaultAccount.uid, { openError: "Forbidden.OpenPublicIpAddressPool" });
      const err = await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"));
      assert.equal(
        err.data?.Message,
        "Authentication is failed for opening public ip address pool. Please apply for permission at the quota center.",
      );
    });
  });

  describe("concurrency", () => {
    it("refuses a second Open of one account while the first is processed, and logs both as overlapped", async () => {
      emulator.configure({ latencyMs: 150 });
      const results = await Promise.allSettled([
        sdkOpen(client, "cn-hangzhou"),
        sdkOpen(client, "cn-beijing"),
      ]);
      const failed = results.filter((r) => r.status === "rejected");
      assert.equal(failed.length, 1);
      assert.equal(
        ((failed[0] as PromiseRejectedResult).reason as { code: string }).code,
        "OperationConflict",
      );
      const opens = emulator.log().filter((e) => e.action === OPEN);
      assert.deepEqual(
        opens.map((e) => e.overlapped),
        [true, true],
      );
    });

    it("serves concurrent Opens of different accounts", async () => {
      emulator.configure({ latencyMs: 100 });
      const other = emulator.addAccount();
      await Promise.all([
        sdkOpen(client, "cn-hangzhou"),
        sdkOpen(sdkClient(emulator, other.keys[0]), "cn-hangzhou"),
      ]);
      assert.ok(emulator.log().every((e) => !e.overlapped));
    });
  });

  describe("fault injection", () => {
    it("throttles with Throttling.User and x-acs-retry-after", async () => {
      emulator.addFault({ kind: "throttling", action: STATUS, count: 1, retryAfterMs: 1500 });
      const err = await rejectionOf<SdkError>(sdkStatus(client, "cn-hangzhou"));
      assert.equal(err.name, "ThrottlingError");
      assert.equal(err.code, "Throttling.User");
      assert.equal(err.retryAfter, 1500);
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
    });

    it("answers ServiceUnavailable 503 and InternalError 500", async () => {
      emulator.addFault({ kind: "unavailable", count: 1 });
      emulator.addFault({ kind: "internal", count: 1 });
      const e503 = await rejectionOf<SdkError>(sdkStatus(client, "cn-hangzhou"));
      assert.deepEqual([e503.name, e503.code, e503.statusCode], ["ServerError", "ServiceUnavailable", 503]);
      const e500 = await rejectionOf<SdkError>(sdkStatus(client, "cn-hangzhou"));
      assert.deepEqual([e500.name, e500.code, e500.statusCode], ["ServerError", "InternalError", 500]);
    });

    it("resets connections, before processing and after it", async () => {
      emulator.addFault({ kind: "reset", action: OPEN, count: 1 });
      const before = await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"));
      assert.match(`${before.code} ${before.message}`, /ECONNRESET|socket hang up/);
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);

      emulator.addFault({ kind: "reset-after", action: OPEN, count: 1 });
      const after = await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"));
      assert.match(`${after.code} ${after.message}`, /ECONNRESET|socket hang up/);
      assert.equal(await sdkStatus(client, "cn-hangzhou"), true);
      assert.deepEqual(
        emulator.log().map((e) => [e.outcome, e.fault]),
        [
          ["reset", "reset"],
          ["OK", undefined],
          ["reset", "reset-after"],
          ["OK", undefined],
        ],
      );
    });

    it("adds latency", async () => {
      emulator.addFault({ kind: "latency", latencyMs: 300, count: 1 });
      const started = Date.now();
      await sdkStatus(client, "cn-hangzhou");
      assert.ok(Date.now() - started >= 300);
      assert.equal(emulator.log()[0].fault, "latency");
    });

    it("counts an Open as in progress until it is processed, not while its reply is held back", async () => {
      emulator.addFault({
        kind: "latency-after",
        action: OPEN,
        regionId: "cn-hangzhou",
        latencyMs: 1_000,
        count: 1,
      });
      emulator.addFault({ kind: "hold", action: OPEN, regionId: "cn-beijing", count: 1 });
      const held = sdkOpen(client, "cn-hangzhou");
      while (!emulator.isEnabled(emulator.defaultAccount.uid, "cn-hangzhou"))
        await new Promise((r) => setTimeout(r, 5));
      // cn-hangzhou is processed (its reply still held): an Open now is not concurrent with it.
      const waiting = sdkOpen(client, "cn-beijing");
      while (!emulator.log().some((e) => e.fault === "hold")) await new Promise((r) => setTimeout(r, 5));
      // cn-beijing waits before processing: an Open now is concurrent with it.
      const conflict = await rejectionOf<SdkError>(sdkOpen(client, "cn-shanghai"));
      assert.equal(conflict.code, "OperationConflict");
      assert.equal(emulator.release(), 1);
      await Promise.all([held, waiting]);
      const overlapped = emulator
        .log()
        .filter((e) => e.overlapped)
        .map((e) => e.regionId)
        .sort();
      assert.deepEqual(overlapped, ["cn-beijing", "cn-shanghai"]);
    });

    it("holds a reply back after processing (latency-after): the Open has taken effect before the client hears", async () => {
      emulator.addFault({ kind: "latency-after", action: OPEN, latencyMs: 400, count: 1 });
      const reply = sdkOpen(client, "cn-hangzhou");
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(emulator.isEnabled(emulator.defaultAccount.uid, "cn-hangzhou"), true);
      assert.equal((await reply)?.code, "200");
      assert.equal(emulator.log()[0].fault, "latency-after");
      assert.ok(emulator.log()[0].endMs! - emulator.log()[0].startMs >= 400);
    });

    it("scripts a sequence: the next 2 Opens for cn-hangzhou answer 503", async () => {
      emulator.addFault({ kind: "unavailable", action: OPEN, regionId: "cn-hangzhou", count: 2 });
      assert.equal((await sdkOpen(client, "cn-beijing"))?.code, "200");
      assert.equal((await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"))).code, "ServiceUnavailable");
      assert.equal((await rejectionOf<SdkError>(sdkOpen(client, "cn-hangzhou"))).code, "ServiceUnavailable");
      assert.equal((await sdkOpen(client, "cn-hangzhou"))?.code, "200");
      assert.deepEqual(emulator.faults(), []);
    });

    it("fails by rate, reproducibly for a seed", async () => {
      const outcomes = async () => {
        emulator.reset();
        emulator.configure({ seed: 42 });
        emulator.addFault({ kind: ["throttling", "unavailable", "internal"], rate: 0.5 });
        const c = sdkClient(emulator);
        const seen: string[] = [];
        for (let i = 0; i < 20; i++) {
          seen.push(
            await sdkStatus(c, "cn-hangzhou").then(
              () => "OK",
              (e: { code: string }) => e.code,
            ),
          );
        }
        return seen;
      };
      const first = await outcomes();
      const second = await outcomes();
      assert.deepEqual(second, first);
      const failures = first.filter((o) => o !== "OK").length;
      assert.ok(failures >= 4 && failures <= 16, `expected about half to fail, got ${failures}/20`);
      assert.ok(new Set(first.filter((o) => o !== "OK")).size >= 2, "expected more than one fault kind");
    });

    it("affects only the key a rule names", async () => {
      const other = emulator.addAccount();
      emulator.addFault({ kind: "internal", accessKeyId: other.keys[0].accessKeyId });
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
      assert.equal(
        (await rejectionOf<SdkError>(sdkStatus(sdkClient(emulator, other.keys[0]), "cn-hangzhou"))).code,
        "InternalError",
      );
    });
  });

  describe("control interface over HTTP", () => {
    const admin = async (method: string, ...args: unknown[]) => {
      const res = await fetch(`${emulator.endpoint}/__emulator/${method}`, {
        method: "POST",
        body: JSON.stringify(args),
      });
      return { status: res.status, json: (await res.json()) as { result?: unknown; error?: string } };
    };

    it("sets state, reads the log, and resets", async () => {
      await admin("setRegion", emulator.defaultAccount.uid, "cn-hangzhou", { enabled: true });
      assert.equal(await sdkStatus(client, "cn-hangzhou"), true);
      const log = await admin("log");
      assert.equal((log.json.result as unknown[]).length, 1);
      await admin("reset");
      assert.equal(await sdkStatus(client, "cn-hangzhou"), false);
    });

    it("names the problem with an unknown method or bad arguments", async () => {
      const unknown = await admin("dropDatabase");
      assert.equal(unknown.status, 404);
      assert.match(unknown.json.error ?? "", /unknown control method 'dropDatabase'/);
      const bad = await admin("addFault", { kind: "throttling", rate: 7 });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error ?? "", /rate must be between 0 and 1/);
    });
  });
});
