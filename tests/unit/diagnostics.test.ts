import assert from "node:assert/strict";
import type { CallFailure } from "../../provider/transport/classifyError";
import { diagnose } from "../../provider/diagnostics/callDiagnostic";
import { STACK_TERMS } from "../../provider/config/settingTerms";

const ctx = {
  operation: "OpenPublicIpAddressPoolService",
  regionId: "cn-hangzhou",
  attempts: 1,
  elapsedMs: 30,
  terms: STACK_TERMS,
};

describe("diagnose", () => {
  it("keeps an unknown code, the service's message and its troubleshooting link", () => {
    const failure: CallFailure = {
      kind: "client",
      code: "Some.NewCode",
      statusCode: 400,
      requestId: "REQ-1",
      serviceMessage: "Something new happened.",
      recommend: "https://api.aliyun.com/troubleshoot?q=Some.NewCode",
      network: false,
      origin: "service",
      outcomeUnknown: false,
      cause: undefined,
    };
    assert.equal(
      diagnose(failure, ctx),
      [
        "OpenPublicIpAddressPoolService failed in region cn-hangzhou: Some.NewCode (HTTP 400, request ID REQ-1).",
        "Meaning: Alibaba Cloud refused the request with an error this package has no advice for.",
        "Fix: see https://api.aliyun.com/troubleshoot?q=Some.NewCode",
        "Alibaba Cloud said: Something new happened.",
      ].join("\n"),
    );
  });

  it("explains exhausted 5xx retries and quotes the last request ID", () => {
    const failure: CallFailure = {
      kind: "transient",
      code: "ServiceUnavailable",
      statusCode: 503,
      requestId: "REQ-9",
      serviceMessage: "The request has failed due to a temporary failure of the server.",
      network: false,
      origin: "service",
      outcomeUnknown: false,
      cause: undefined,
    };
    const text = diagnose(failure, { ...ctx, attempts: 6, elapsedMs: 61_500 });
    assert.match(
      text,
      /^OpenPublicIpAddressPoolService failed in region cn-hangzhou: ServiceUnavailable \(HTTP 503, request ID REQ-9\)\./,
    );
    assert.match(
      text,
      /Meaning: Alibaba Cloud answered with a server error every time \(6 attempts over 61\.5s\)\./,
    );
    assert.match(
      text,
      /Fix: run again later; if it persists, quote the request ID to Alibaba Cloud support\./,
    );
  });

  it("explains a conflict that never cleared", () => {
    const failure: CallFailure = {
      kind: "transient",
      code: "OperationConflict",
      statusCode: 400,
      requestId: "REQ-2",
      serviceMessage: "Request was denied due to conflict with a previous request.",
      network: false,
      origin: "service",
      outcomeUnknown: false,
      cause: undefined,
    };
    assert.match(
      diagnose(failure, { ...ctx, attempts: 10 }),
      /another stack may be activating a region at the same time/,
    );
  });

  it("explains a timeout without a request ID", () => {
    const failure: CallFailure = {
      kind: "transient",
      code: "RequestTimeout",
      serviceMessage: "ReadTimeout: 10000",
      network: true,
      origin: "transport",
      outcomeUnknown: true,
      cause: undefined,
    };
    const text = diagnose(failure, {
      ...ctx,
      attempts: 3,
      elapsedMs: 31_000,
      terms: STACK_TERMS,
      endpointHost: "vpc.aliyuncs.com",
    });
    assert.equal(
      text.split("\n")[0],
      "OpenPublicIpAddressPoolService failed in region cn-hangzhou: RequestTimeout (no request ID: the service did not answer).",
    );
    assert.match(
      text,
      /the VPC endpoint vpc\.aliyuncs\.com did not answer in time \(3 attempts over 31\.0s\)/,
    );
    assert.ok(!text.includes("Alibaba Cloud said"));
  });
});
