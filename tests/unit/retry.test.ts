import type { Clock } from "../../provider/transport/clock";
import assert from "node:assert/strict";
import { classifyError, type CallFailure } from "../../provider/transport/classifyError";
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  RetriesFailed,
  withRetries,
  type RetryPolicy,
} from "../../provider/transport/retry";
import { OUTCOME_SETTLE_MS, settleWindowMs } from "../../provider/core/activation";

function sdkError(name: string, code: string, statusCode: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${code}: code: ${statusCode}, msg request id: R1`), {
    name,
    code,
    statusCode,
    requestId: "R1",
    data: { Code: code, Message: "msg", RequestId: "R1", Recommend: "https://example.invalid/r" },
    ...extra,
  });
}

describe("classifyError", () => {
  const table: Array<[string, unknown, CallFailure["kind"], string]> = [
    ["throttling", sdkError("ThrottlingError", "Throttling.User", 400), "throttling", "Throttling.User"],
    ["throttling API", sdkError("ThrottlingError", "Throttling.Api", 503), "throttling", "Throttling.Api"],
    ["503", sdkError("ServerError", "ServiceUnavailable", 503), "transient", "ServiceUnavailable"],
    ["500", sdkError("ServerError", "InternalError", 500), "transient", "InternalError"],
    ["unknown 5xx", sdkError("ServerError", "Whatever", 502), "transient", "Whatever"],
    ["conflict", sdkError("ClientError", "OperationConflict", 400), "transient", "OperationConflict"],
    ["last token", sdkError("ClientError", "LastTokenProcessing", 400), "transient", "LastTokenProcessing"],
    ["system busy", sdkError("ClientError", "SystemBusy", 400), "transient", "SystemBusy"],
    ["incorrect status", sdkError("ClientError", "IncorrectStatus", 400), "transient", "IncorrectStatus"],
    ["signature", sdkError("ClientError", "SignatureDoesNotMatch", 400), "auth", "SignatureDoesNotMatch"],
    [
      "unknown key",
      sdkError("ClientError", "InvalidAccessKeyId.NotFound", 404),
      "auth",
      "InvalidAccessKeyId.NotFound",
    ],
    ["clock", sdkError("ClientError", "InvalidTimeStamp.Expired", 400), "auth", "InvalidTimeStamp.Expired"],
    ["nonce", sdkError("ClientError", "SignatureNonceUsed", 400), "auth", "SignatureNonceUsed"],
    ["RAM", sdkError("ClientError", "Forbidden.RAM", 400), "client", "Forbidden.RAM"],
    [
      "seed",
      sdkError("ClientError", "Order.NoRealNameAuthentication", 400),
      "client",
      "Order.NoRealNameAuthentication",
    ],
    ["reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), "transient", "ECONNRESET"],
    [
      "refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      "transient",
      "ECONNREFUSED",
    ],
    ["hang up", new Error("socket hang up"), "transient", "ECONNRESET"],
    [
      "read timeout",
      Object.assign(new Error("ReadTimeout: 10000. POST / failed."), { name: "RequestTimeoutError" }),
      "transient",
      "RequestTimeout",
    ],
    [
      "no credentials",
      new Error("unable to get credentials from any of the providers in the chain: x"),
      "auth",
      "NoCredentials",
    ],
    ["plain bug", new TypeError("x is not a function"), "client", "LocalError"],
  ];
  for (const [label, err, kind, code] of table) {
    it(`classifies ${label} as ${kind}`, () => {
      const f = classifyError(err);
      assert.deepEqual([f.kind, f.code], [kind, code]);
    });
  }

  it("keeps the service's facts", () => {
    const f = classifyError(sdkError("ThrottlingError", "Throttling.User", 400, { retryAfter: 1500 }));
    assert.deepEqual(
      [f.statusCode, f.requestId, f.serviceMessage, f.recommend, f.retryAfterMs, f.network],
      [400, "R1", "msg", "https://example.invalid/r", 1500, false],
    );
    assert.equal(classifyError(Object.assign(new Error("x"), { code: "ECONNRESET" })).network, true);
  });
});

/** A policy, and a virtual clock that only its waits move. */
function policy(
  overrides: Partial<RetryPolicy> = {},
): RetryPolicy & Clock & { slept: number[]; clock: number } {
  const p = {
    ...DEFAULT_RETRY_POLICY,
    slept: [] as number[],
    clock: 0,
    random: () => 0.5,
    ...overrides,
  } as RetryPolicy & Clock & { slept: number[]; clock: number };
  p.now = () => p.clock;
  p.sleep = async (ms: number) => {
    p.slept.push(ms);
    p.clock += ms;
  };
  return p;
}

describe("backoffDelay", () => {
  const throttled = classifyError(sdkError("ThrottlingError", "Throttling.User", 400));
  const transient = classifyError(sdkError("ServerError", "ServiceUnavailable", 503));

  it("grows exponentially under full jitter, with a larger base for throttling", () => {
    const p = policy();
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelay(n, transient, p)),
      [125, 250, 500],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelay(n, throttled, p)),
      [500, 1000, 2000],
    );
  });

  it("is capped", () => {
    assert.equal(backoffDelay(30, throttled, policy({ random: () => 0.999999 })), 19_999);
  });

  it("jitters over the whole range", () => {
    assert.equal(backoffDelay(3, transient, policy({ random: () => 0 })), 0);
  });

  it("waits at least the server's retry-after", () => {
    assert.equal(backoffDelay(1, { ...throttled, retryAfterMs: 4000 }, policy()), 4000);
  });
});

describe("withRetries", () => {
  it("retries throttling and transient failures, then succeeds", async () => {
    const p = policy();
    const errors = [
      sdkError("ThrottlingError", "Throttling.User", 400),
      sdkError("ServerError", "InternalError", 500),
    ];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        const e = errors.shift();
        if (e) throw e;
        return "done";
      },
      p,
      { clock: p },
    );
    assert.deepEqual([result, calls, p.slept], ["done", 3, [500, 250]]);
  });

  for (const [label, err] of [
    ["authentication", sdkError("ClientError", "SignatureDoesNotMatch", 400)],
    ["client", sdkError("ClientError", "Forbidden.RAM", 400)],
  ] as const) {
    it(`never retries ${label} errors`, async () => {
      const p = policy();
      let calls = 0;
      await assert.rejects(
        withRetries(
          async () => {
            calls++;
            throw err;
          },
          p,
          { clock: p },
        ),
        (e: RetriesFailed) => e.attempts === 1 && e.stoppedBy === "notRetryable",
      );
      assert.equal(calls, 1);
      assert.deepEqual(p.slept, []);
    });
  }

  it("stops within the time budget and records the attempts", async () => {
    const p = policy({ budgetMs: 5_000, random: () => 0.999 });
    await assert.rejects(
      withRetries(
        async () => {
          throw sdkError("ThrottlingError", "Throttling.User", 400);
        },
        p,
        { clock: p },
      ),
      (e: RetriesFailed) =>
        e.stoppedBy !== "notRetryable" && e.attempts === 3 && e.failure.code === "Throttling.User",
    );
    assert.ok(p.clock <= 5_000, `waited ${p.clock}ms`);
  });

  it("stops at the attempt limit", async () => {
    const p = policy({ maxAttempts: 4 });
    let calls = 0;
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw sdkError("ServerError", "ServiceUnavailable", 503);
        },
        p,
        { clock: p },
      ),
      (e: RetriesFailed) => e.attempts === 4,
    );
    assert.equal(calls, 4);
  });

  it("tells the caller about each retry", async () => {
    const p = policy();
    const seen: string[] = [];
    let first = true;
    await withRetries(
      async () => {
        if (first) {
          first = false;
          throw sdkError("ServerError", "ServiceUnavailable", 503);
        }
      },
      p,
      { clock: p, onRetry: (n) => seen.push(`${n.failure.code}#${n.attempt}@${n.delayMs}`) },
    );
    assert.deepEqual(seen, ["ServiceUnavailable#1@125"]);
  });
});

describe("the settle window after an Open whose outcome is unknown", () => {
  const cases: Array<[string, { statusCode?: number; attemptMs?: number }, number, number]> = [
    ["a 5xx answer: one status read, no window", { statusCode: 503, attemptMs: 4_000 }, 300_000, 0],
    ["no answer after 200 ms: at least a second", { attemptMs: 200 }, 300_000, 1_000],
    ["no answer after 3 s: as long again", { attemptMs: 3_000 }, 300_000, 3_000],
    ["no answer after 30 s: at most the settle bound", { attemptMs: 30_000 }, 300_000, OUTCOME_SETTLE_MS],
    ["no answer, time unknown: the settle bound", {}, 300_000, OUTCOME_SETTLE_MS],
    ["never past the activation wait", { attemptMs: 3_000 }, 2_000, 2_000],
  ];
  for (const [label, failure, activationTimeoutMs, expected] of cases) {
    it(label, () => assert.equal(settleWindowMs(failure, activationTimeoutMs), expected));
  }
});
