// The pure rules behind issue 10's items: scrubbing, the three origins of a failure, retry-after
// beyond the budget, settling an unknown outcome, the bounds of a setting, the component's input.
import type { Clock } from "../../provider/transport/clock";
import assert from "node:assert/strict";
import { classifyError } from "../../provider/transport/classifyError";
import { diagnose } from "../../provider/diagnostics/callDiagnostic";
import { regionIdsProblem } from "../../provider/config/regionId";
import {
  DEFAULT_RETRY_POLICY,
  RetriesFailed,
  withRetries,
  type RetryPolicy,
} from "../../provider/transport/retry";
import { SecretScrubber } from "../../provider/diagnostics/secretScrubber";
import { configSource, type ConfigSource } from "../../provider/config/configSource";
import { readSettings } from "../../provider/config/settings";
import { STACK_TERMS } from "../../provider/config/settingTerms";

const config = (values: Record<string, string>): ConfigSource => configSource({ get: (k) => values[k] });

/** A policy, and a virtual clock that only its waits move. */
function instantPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & Clock & { clock: number } {
  const p = { ...DEFAULT_RETRY_POLICY, random: () => 0.5, clock: 0, ...overrides } as RetryPolicy &
    Clock & {
      clock: number;
    };
  p.now = () => p.clock;
  p.sleep = async (ms) => {
    p.clock += ms;
  };
  return p;
}

const sdkError = (code: string, statusCode: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code}: code: ${statusCode}`), {
    name: statusCode >= 500 ? "ServerError" : "ClientError",
    code,
    statusCode,
    data: { Code: code, Message: "m", RequestId: "R" },
    requestId: "R",
    ...extra,
  });

describe("the secret scrubber", () => {
  it("removes each secret it learned, as written, URL-encoded and JSON-escaped, and leaves short values alone", () => {
    const s = new SecretScrubber();
    s.add('pa ss/word+"1', undefined, "", "abc");
    assert.equal(
      s.scrub(
        `a pa ss/word+"1 b ${encodeURIComponent('pa ss/word+"1')} c ${JSON.stringify('pa ss/word+"1')} abc`,
      ),
      'a *** b *** c "***" abc',
    );
  });

  it("removes a secret that contains another whole", () => {
    const s = new SecretScrubber();
    s.add("secret-1", "secret-1-and-more");
    assert.equal(s.scrub("x secret-1-and-more y secret-1"), "x *** y ***");
  });
});

describe("classifyError: who a failure came from", () => {
  it("a failure of this machine is local, keeps its name and message, and is not Alibaba Cloud's", () => {
    const f = classifyError(new TypeError("x is not a function"));
    assert.deepEqual(
      [f.origin, f.kind, f.code, f.serviceMessage],
      ["local", "client", "LocalError", "TypeError: x is not a function"],
    );
    const text = diagnose(f, {
      operation: "OpenPublicIpAddressPoolService",
      regionId: "cn-hangzhou",
      attempts: 1,
      elapsedMs: 1,
      terms: STACK_TERMS,
    });
    assert.equal(
      text,
      "OpenPublicIpAddressPoolService failed in region cn-hangzhou: LocalError (not sent: a problem on this machine, not an answer from Alibaba Cloud).\n" +
        "Meaning: the request could not be made on this machine: TypeError: x is not a function. Nothing was sent to Alibaba Cloud.\n" +
        "Fix: this is a fault of pulumi-alicloud-ip-pool-service or of its setup: report it to the package's maintainers with this text.",
    );
  });

  it("a header value that cannot be sent is local, with its own code", () => {
    const err = Object.assign(new TypeError('Invalid character in header content ["x-acs-security-token"]'), {
      code: "ERR_INVALID_CHAR",
    });
    assert.deepEqual([classifyError(err).origin, classifyError(err).code], ["local", "InvalidHeaderValue"]);
  });

  it("a reply the client could not read is transport, retried only when it is a 5xx", () => {
    const parse = new SyntaxError("Unexpected token '<'");
    const reply = (statusCode: number) => ({
      statusCode,
      contentType: "text/html",
      body: "<html>",
      complete: true,
    });
    assert.deepEqual(
      [
        classifyError(parse, reply(502)).origin,
        classifyError(parse, reply(502)).kind,
        classifyError(parse, reply(502)).outcomeUnknown,
      ],
      ["transport", "transient", true],
    );
    assert.deepEqual(
      [classifyError(parse, reply(200)).kind, classifyError(parse, reply(200)).outcomeUnknown],
      ["client", false],
    );
  });

  it("the API's own error is the service's, and a 5xx of it leaves an Open's outcome unknown", () => {
    assert.deepEqual(
      [
        classifyError(sdkError("Forbidden.RAM", 400)).origin,
        classifyError(sdkError("Forbidden.RAM", 400)).outcomeUnknown,
      ],
      ["service", false],
    );
    assert.equal(classifyError(sdkError("InternalError", 500)).outcomeUnknown, true);
  });
});

describe("withRetries beyond the basics", () => {
  it("stops when the server asks to wait longer than the budget left, and says so", async () => {
    const p = instantPolicy({ budgetMs: 5_000 });
    const err = await withRetries(
      async () => {
        throw sdkError("Throttling.User", 400, { retryAfter: 60_000 });
      },
      p,
      { clock: p },
    ).catch((e: RetriesFailed) => e);
    assert.ok(err instanceof RetriesFailed);
    assert.deepEqual([err.stoppedBy, err.attempts, err.budgetLeftMs], ["retryAfter", 1, 5_000]);
    const text = diagnose(err.failure, {
      operation: "GetPublicIpAddressPoolServiceStatus",
      regionId: "cn-hangzhou",
      terms: STACK_TERMS,
      ...err,
    });
    assert.match(
      text,
      /\nMeaning: Alibaba Cloud throttled the requests of this account and asked to wait 60\.0s before retrying, more than the 5\.0s left of the retry budget \(1 attempt over 0\.0s\)\.\nFix: run again later, or allow longer retries with pulumi-alicloud-ip-pool-service:retryTimeoutSeconds\./,
    );
  });

  it("settles an unknown outcome before anything else is sent: a success ends the call, otherwise it is sent again after what is left of the backoff", async () => {
    const p = instantPolicy();
    const settled: string[] = [];
    let calls = 0;
    const value = await withRetries(
      async () => {
        calls++;
        throw sdkError("InternalError", 500);
      },
      p,
      {
        clock: p,
        settle: async (f) => {
          settled.push(f.code);
          return settled.length === 2 ? { value: "found enabled" } : undefined;
        },
      },
    );
    // The settling took no time here: the first backoff (half of 250 ms, random 0.5) was waited in full.
    assert.deepEqual(
      [value, calls, settled, p.clock],
      ["found enabled", 2, ["InternalError", "InternalError"], 125],
    );
  });

  it("counts the time spent settling towards the backoff: a long settling sends again at once", async () => {
    const p = instantPolicy();
    let calls = 0;
    await withRetries(
      async () => {
        if (++calls === 1) throw sdkError("ServiceUnavailable", 503);
        return "sent again";
      },
      p,
      {
        clock: p,
        settle: async () => {
          p.clock += 5_000;
          return undefined;
        },
      },
    );
    assert.deepEqual([calls, p.clock], [2, 5_000]);
  });
});

describe("settings and the component's input", () => {
  it("refuses an activation wait of 0 with a message that agrees with the bound", () => {
    assert.throws(
      () => readSettings(config({ "pulumi-alicloud-ip-pool-service:activationTimeoutSeconds": "0" }), {}),
      /^SettingsError: pulumi-alicloud-ip-pool-service:activationTimeoutSeconds must be a number of seconds greater than 0 and at most 86400, got "0"\.$/,
    );
    assert.equal(
      readSettings(config({ "pulumi-alicloud-ip-pool-service:activationTimeoutSeconds": "0.5" }), {})
        .activationTimeoutMs,
      500,
    );
  });

  const cases: Array<[string, unknown, RegExp | undefined]> = [
    ["a list of regions", ["cn-hangzhou", "ap-southeast-1"], undefined],
    ["__proto__", ["cn-hangzhou", "__proto__"], /^regionIds\[1\] "__proto__" is not a region ID/],
    ["a string", "cn-hangzhou", /^regionIds must be a list of region IDs, .* got a string\.$/],
    ["nothing", undefined, /got undefined\.$/],
    ["a number inside", ["cn-hangzhou", 7], /^regionIds\[1\] must be a region ID string/],
    ["a region twice", ["cn-hangzhou", "cn-hangzhou"], /lists cn-hangzhou more than once/],
  ];
  for (const [label, value, problem] of cases) {
    it(`regionIds: ${label}`, () => {
      const found = regionIdsProblem(value);
      if (problem) assert.match(found ?? "", problem);
      else assert.equal(found, undefined);
    });
  }
});
