// Replies that are not the VPC API's, and Opens whose outcome is unknown, through the official
// client: a hostile endpoint stands between the provider and the emulator.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { PROXY_PAGE, hostileEndpointFor, type HostileEndpoint } from "../support/hostileEndpoint";
import { providerHarness } from "../support/providerHarness";
import { rejectionOf } from "../support/rejection";
import { emulatorSuite } from "../support/suite";
import { stackConfigFor } from "../../scripts/harness/stackConfig";

/** This file's provider harness. */
const harness = providerHarness();
const { checkAndCreate, provider, useStackConfig } = harness;

const OPEN = "OpenPublicIpAddressPoolService";
const STATUS = "GetPublicIpAddressPoolServiceStatus";
const PROPS = { regionId: "cn-hangzhou", enabled: true, adopted: false };

describe("replies that are not the API's, through the official client", function () {
  this.timeout(120_000);
  const suite = emulatorSuite();
  let emulator: Emulator;
  const hostileEndpoint = hostileEndpointFor(suite.emulator);
  let hostile: HostileEndpoint;
  beforeEach(() => {
    emulator = suite.emulator();
    hostile = hostileEndpoint();
    useStackConfig(
      stackConfigFor(emulator.defaultAccount.keys[0], {
        "pulumi-alicloud-ip-pool-service:vpcEndpoint": hostile.endpoint,
        // The VPC API is under test here; STS, asked once which account the key acts in, is the emulator's.
        "alicloud:endpoints": JSON.stringify([{ sts: emulator.secureHost }]),
      }),
    );
  });

  const seen = (action: string) => hostile.requests().filter((r) => r.action === action);

  describe("a status reply without a boolean Enabled", () => {
    for (const [label, body] of [
      ["{}", {}],
      ["null", null],
      ['{"Enabled": "true"}', { Enabled: "true" }],
    ] as const) {
      it(`${label}: read fails with UnexpectedResponse, naming operation, region, status and request ID; it never reports the region gone`, async () => {
        hostile.on({ action: STATUS, reply: { kind: "json", body, requestId: "REQ-HOSTILE-1" } });
        const err = await rejectionOf(provider().read("cn-hangzhou", PROPS));
        assert.equal(
          err.message,
          `${STATUS} failed in region cn-hangzhou: UnexpectedResponse (HTTP 200, request ID REQ-HOSTILE-1).\n` +
            `Meaning: the reply is not what ${STATUS} returns: it has no boolean \`Enabled\`. Nothing was concluded ` +
            "from it, and nothing in the stack was changed.\n" +
            `Fix: check that the endpoint (pulumi-alicloud-ip-pool-service:vpcEndpoint, alicloud:endpoints vpc or ALICLOUD_VPC_ENDPOINT, if set) ` +
            "is the VPC API, then run again; if it persists, quote the request ID to Alibaba Cloud support.",
        );
        assert.deepEqual([err.code, err.origin, err.statusCode], ["UnexpectedResponse", "transport", 200]);
      });
    }

    it("a reply that has a RequestId in its body, and no header, is reported with it", async () => {
      hostile.on({ action: STATUS, reply: { kind: "json", body: { RequestId: "REQ-IN-BODY" } } });
      const err = await rejectionOf(provider().read("cn-hangzhou", PROPS));
      assert.match(err.message, /UnexpectedResponse \(HTTP 200, request ID REQ-IN-BODY\)\./);
      assert.equal(err.requestId, "REQ-IN-BODY");
    });

    it("create fails at once, sending no Open and waiting for no timeout", async () => {
      hostile.on({ action: STATUS, reply: { kind: "json", body: {} } });
      const started = Date.now();
      const err = await rejectionOf(checkAndCreate("cn-hangzhou"));
      assert.equal(err.code, "UnexpectedResponse");
      assert.ok(Date.now() - started < 2_000, `create took ${Date.now() - started} ms`);
      assert.equal(seen(OPEN).length, 0);
    });
  });

  describe("a body that is not the API's JSON", () => {
    it("a 502 with an HTML page is retried, then reported with its status, content type and first 200 characters", async () => {
      hostile.on({ action: STATUS, reply: { kind: "html", status: 502 } });
      const err = await rejectionOf(provider().read("cn-hangzhou", PROPS));
      assert.ok(seen(STATUS).length > 1, "a 5xx was not retried");
      const [first, meaning, fix, ...rest] = err.message.split("\n");
      assert.equal(
        first,
        `${STATUS} failed in region cn-hangzhou: NonApiResponse (HTTP 502, no request ID: not an answer of the VPC API).`,
      );
      assert.ok(
        meaning.startsWith(
          `Meaning: the reply did not come from the VPC API, every time (${seen(STATUS).length} attempts over `,
        ),
        meaning,
      );
      assert.ok(
        meaning.includes(
          `HTTP 502, content type text/html, a body that begins: ${JSON.stringify(`${PROXY_PAGE.slice(0, 200)}…`)}`,
        ),
        meaning,
      );
      assert.match(fix, /^Fix: check the endpoint .*, the proxy settings \(HTTPS_PROXY\)/);
      assert.deepEqual(rest, [], "nothing is presented as Alibaba Cloud's words");
      assert.ok(!/Alibaba Cloud refused|Alibaba Cloud said/.test(err.message));
      assert.deepEqual([err.origin, err.kind], ["transport", "transient"]);
    });

    for (const [label, reply, says] of [
      [
        "invalid JSON",
        { kind: "text", status: 200, body: "{not json", contentType: "application/json" },
        'a body that begins: "{not json"',
      ],
      ["an empty body", { kind: "empty" }, "an empty body"],
      [
        "a JSON error without the API's Code",
        { kind: "json", status: 400, body: { error: "denied by gateway" } },
        'a body that begins: "{\\"error\\":\\"denied by gateway\\"}"',
      ],
      [
        "a null error body (the client itself fails on it)",
        { kind: "json", status: 400, body: null },
        'a body that begins: "null"',
      ],
    ] as const) {
      it(`${label}: reported as not the API's, once, never as Alibaba Cloud's refusal`, async () => {
        hostile.on({ action: STATUS, reply });
        const err = await rejectionOf(provider().read("cn-hangzhou", PROPS));
        assert.equal(err.code, "NonApiResponse");
        assert.ok(err.message.includes(says), err.message);
        assert.equal(seen(STATUS).length, 1, "a reply below 500 is not retried");
        assert.ok(!/Alibaba Cloud refused|Alibaba Cloud said/.test(err.message));
      });
    }

    it("quotes a reply scrubbed of the stack's secrets", async () => {
      const secret = emulator.defaultAccount.keys[0].accessKeySecret;
      hostile.on({
        action: STATUS,
        reply: { kind: "text", status: 403, body: `<p>denied for ${secret}</p>` },
      });
      const err = await rejectionOf(provider().read("cn-hangzhou", PROPS));
      assert.ok(err.message.includes("denied for ***"), err.message);
      assert.ok(!err.message.includes(secret));
    });
  });

  describe("local failures and values that cannot be sent", () => {
    for (const [label, extra, setting] of [
      [
        "a line break in the AccessKey ID",
        { "alicloud:accessKey": "EMUAK\nINJECTED" },
        "stack config alicloud:accessKey",
      ],
      ["a non-ASCII AccessKey ID", { "alicloud:accessKey": "EMUAKé" }, "stack config alicloud:accessKey"],
      [
        "a carriage return in the token",
        { "alicloud:securityToken": "tok\r\nx-evil: 1" },
        "stack config alicloud:securityToken",
      ],
    ] as const) {
      it(`refuses ${label} in check, naming the setting, before any request`, async () => {
        useStackConfig(stackConfigFor(emulator.defaultAccount.keys[0], { ...extra }));
        const err = await rejectionOf(provider().check({} as never, { regionId: "cn-hangzhou" } as never));
        assert.match(
          err.message,
          new RegExp(`from ${setting} contains a character that cannot be sent in an HTTP header`),
        );
        assert.equal(err.origin, "local");
        assert.equal(hostile.requests().length + emulator.log().length, 0);
      });
    }
  });

  describe("an Open whose reply never comes", () => {
    // Straight to the emulator, with the default budgets.
    const defaults = () =>
      useStackConfig(
        stackConfigFor(emulator.defaultAccount.keys[0], {
          "pulumi-alicloud-ip-pool-service:vpcEndpoint": emulator.endpoint,
          "pulumi-alicloud-ip-pool-service:retryTimeoutSeconds": "",
          "alicloud:endpoints": JSON.stringify([{ sts: emulator.secureHost }]),
        }),
      );

    /** Creates the regions at once and checks that their Opens never overlapped, one per region. */
    async function createApart(regions: string[]) {
      const results = await Promise.all(regions.map((r) => checkAndCreate(r)));
      assert.ok(results.every((r) => r.outs?.enabled === true));
      const opens = emulator.log().filter((e) => e.action === OPEN);
      assert.deepEqual(
        opens.filter((e) => e.overlapped),
        [],
        "two Opens of the account overlapped",
      );
      assert.equal(opens.length, regions.length, "an Open was sent twice");
      assert.deepEqual(emulator.enabledRegions(emulator.defaultAccount.uid), [...regions].sort());
      return opens;
    }

    it("waits for an Open still being processed after the client gave up, sending nothing else meanwhile", async () => {
      defaults();
      // Held past the client's 10 s read timeout, and done 1 s before the 5 s settle window that
      // follows it ends: the last settle read sees it enabled even on a loaded machine.
      emulator.addFault({
        kind: "latency",
        action: OPEN,
        regionId: "cn-qingdao",
        latencyMs: 14_000,
        count: 1,
      });
      const regions = ["cn-qingdao", "cn-beijing", "cn-shanghai"];
      const opens = await createApart(regions);
      const held = opens.find((e) => e.regionId === "cn-qingdao")!;
      assert.ok(
        opens.every((e) => e === held || e.startMs < held.startMs || e.startMs >= held.endMs!),
        "an Open went out while the held one was being processed",
      );
    });

    it("keeps the account's Opens apart until the status shows the region, then goes on: no overlap, every region enabled", async () => {
      defaults();
      emulator.configure({ latencyMs: 5 });
      const regions = emulator
        .regions()
        .slice(0, 8)
        .map((r) => r.regionId);
      emulator.addFault({
        kind: "latency-after",
        action: OPEN,
        regionId: regions[0],
        latencyMs: 15_000,
        count: 1,
      });
      const opens = await createApart(regions);
      // The client waited its full read timeout (10 s, not 5 s) before settling the held Open.
      const held = opens.find((e) => e.regionId === regions[0])!;
      const next = Math.min(
        ...opens.filter((e) => e !== held && e.startMs > held.startMs).map((e) => e.startMs),
      );
      assert.ok(
        next - held.startMs >= 9_500,
        `the next Open came ${next - held.startMs} ms after the held one`,
      );
    });
  });
});
