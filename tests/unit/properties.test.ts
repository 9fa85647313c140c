// Property-based tests of the pure rules: what they accept and refuse for any input, not only
// for the examples the table-driven tests list.
import assert from "node:assert/strict";
import fc from "fast-check";
import { classifyError } from "../../provider/transport/classifyError";
import { parseEndpoint } from "../../provider/config/endpoint";
import { MAX_REGION_ID_LENGTH, regionIdProblem } from "../../provider/config/regionId";
import { backoffDelay, DEFAULT_RETRY_POLICY } from "../../provider/transport/retry";

const REGION_ID = /^[a-z]+(-[a-z0-9]+)+$/;
const lower = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz".split(""));
const lowerOrDigit = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
/** Strings shaped like region IDs: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`. */
const regionIds = fc
  .tuple(
    fc.string({ unit: lower, minLength: 1, maxLength: 6 }),
    fc.array(fc.string({ unit: lowerOrDigit, minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }),
  )
  .map(([head, rest]) => [head, ...rest].join("-"));

describe("regionIdProblem, for any value", () => {
  it("accepts every lower-case, hyphenated region ID up to the length limit", () => {
    fc.assert(
      fc.property(regionIds, (id) => {
        fc.pre(id.length <= MAX_REGION_ID_LENGTH);
        assert.equal(regionIdProblem(id), undefined);
      }),
    );
  });

  it("refuses everything else, naming the subject it is given, and never throws", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.constantFrom("regionId", "the region", "ALIBABA_CLOUD_REGION"),
        (value, subject) => {
          const valid =
            typeof value === "string" && REGION_ID.test(value) && value.length <= MAX_REGION_ID_LENGTH;
          const problem = regionIdProblem(value, subject);
          assert.equal(problem === undefined, valid);
          if (problem) assert.ok(problem.startsWith(subject), problem);
        },
      ),
    );
  });

  it("suggests the lower-case form of an ID written in capitals", () => {
    fc.assert(
      fc.property(regionIds, fc.nat(), (id, seed) => {
        fc.pre(id.length <= MAX_REGION_ID_LENGTH);
        const chars = [...id];
        const i = seed % chars.length;
        fc.pre(/[a-z]/.test(chars[i]));
        chars[i] = chars[i].toUpperCase();
        assert.match(regionIdProblem(chars.join(""))!, new RegExp(`use "${id}"`));
      }),
    );
  });
});

describe("parseEndpoint, for any value", () => {
  const port = fc.integer({ min: 1, max: 65535 });
  const nonLoopbackIPv4 = fc
    .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
    .filter(([a]) => a !== 127)
    .map((parts) => parts.join("."));

  it("never throws, and either parses or says what is wrong, naming the setting", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const result = parseEndpoint(value, "SETTING");
        if (typeof result === "string") assert.ok(result.startsWith("SETTING"), result);
        else assert.ok(result.protocol === "HTTPS" || result.protocol === "HTTP");
      }),
    );
  });

  it("takes plain HTTP to any loopback address and port", () => {
    const loopback = fc.oneof(
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => `127.${p.join(".")}`),
      fc.constantFrom("localhost", "[::1]"),
    );
    fc.assert(
      fc.property(loopback, port, (host, p) => {
        assert.deepEqual(parseEndpoint(`http://${host}:${p}`, "S"), {
          host: `${host}:${p}`,
          protocol: "HTTP",
        });
      }),
    );
  });

  it("refuses plain HTTP to any other address, and takes HTTPS to it", () => {
    fc.assert(
      fc.property(nonLoopbackIPv4, port, (host, p) => {
        assert.match(
          parseEndpoint(`http://${host}:${p}`, "S") as string,
          /plain HTTP to a non-loopback host/,
        );
        assert.deepEqual(parseEndpoint(`https://${host}:${p}`, "S"), {
          host: p === 443 ? host : `${host}:${p}`,
          protocol: "HTTPS",
        });
      }),
    );
  });

  it("refuses any path, query or user part", () => {
    const extra = fc.oneof(fc.stringMatching(/^\/[a-z]{1,8}$/), fc.stringMatching(/^\?[a-z]=[a-z]$/));
    fc.assert(
      fc.property(extra, (suffix) => {
        assert.match(
          parseEndpoint(`https://vpc.example.com${suffix}`, "S") as string,
          /path, query or user part/,
        );
        assert.match(
          parseEndpoint(`https://user:pw@vpc.example.com`, "S") as string,
          /path, query or user part/,
        );
      }),
    );
  });
});

describe("backoffDelay, for any retry and random draw", () => {
  const failures = fc.constantFrom(
    classifyError(Object.assign(new Error("t"), { code: "Throttling.User", statusCode: 400 })),
    classifyError(Object.assign(new Error("s"), { code: "ServiceUnavailable", statusCode: 503 })),
  );
  const draws = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it("stays within [0, min(cap, base × 2^(retry−1))), by the kind's base", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), failures, draws, (retry, failure, draw) => {
        const policy = { ...DEFAULT_RETRY_POLICY, random: () => draw };
        const base = failure.kind === "throttling" ? policy.throttlingBaseMs : policy.transientBaseMs;
        const ceiling = Math.min(policy.maxDelayMs, base * 2 ** (retry - 1));
        const delay = backoffDelay(retry, failure, policy);
        assert.ok(
          Number.isInteger(delay) && delay >= 0 && delay < ceiling,
          `${delay} for ceiling ${ceiling}`,
        );
      }),
    );
  });

  it("waits at least the server's retry-after, whatever the draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        failures,
        draws,
        fc.nat(600_000),
        (retry, failure, draw, after) => {
          const policy = { ...DEFAULT_RETRY_POLICY, random: () => draw };
          assert.ok(backoffDelay(retry, { ...failure, retryAfterMs: after }, policy) >= after);
        },
      ),
    );
  });
});
