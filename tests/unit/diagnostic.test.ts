// The one format of every diagnostic: what happened, then Meaning, Fix and the service's words, in
// that order, each on its own line; and the facts its error carries.
import assert from "node:assert/strict";
import {
  carriedError,
  diagnosticError,
  diagnosticText,
  shownError,
} from "../../provider/diagnostics/diagnostic";
import { LOCAL_CODES } from "../../provider/diagnostics/errorCodes";
import { PoolServiceError } from "../../provider/diagnostics/poolServiceError";

describe("the diagnostic builder", () => {
  it("writes what happened, Meaning, Fix and what Alibaba Cloud said, in that order", () => {
    assert.equal(
      diagnosticText({ what: "It failed.", meaning: "it means this.", fix: "do that.", said: "No." }),
      "It failed.\nMeaning: it means this.\nFix: do that.\nAlibaba Cloud said: No.",
    );
  });

  it("leaves out the lines it was not given, but never the fix", () => {
    assert.equal(diagnosticText({ what: "It failed.", fix: "do that." }), "It failed.\nFix: do that.");
  });

  it("makes a local refusal unless told otherwise, with the text as its message, scrubbed whole", () => {
    const err = diagnosticError(
      {
        code: LOCAL_CODES.notActive,
        operation: "read",
        regionId: "cn-hangzhou",
        what: "key AK1 refused.",
        fix: "drop AK1.",
      },
      (text) => text.replaceAll("AK1", "***"),
    );
    assert.ok(err instanceof PoolServiceError);
    assert.equal(err.message, "key *** refused.\nFix: drop ***.");
    assert.deepEqual(
      [err.code, err.operation, err.regionId, err.kind, err.origin, err.attempts],
      [LOCAL_CODES.notActive, "read", "cn-hangzhou", "client", "local", 0],
    );
    const service = diagnosticError({
      code: "Throttling",
      operation: "DescribeRegions",
      kind: "throttling",
      origin: "service",
      attempts: 3,
      what: "w",
      fix: "f",
    });
    assert.deepEqual([service.kind, service.origin, service.attempts], ["throttling", "service", 3]);
  });

  it("carries a text written elsewhere as it is, and shows anything else as a local fault of the package", () => {
    assert.equal(
      carriedError({ code: LOCAL_CODES.badSetting, operation: "configuration" }, "a rule's text").message,
      "a rule's text",
    );
    const shown = shownError(new TypeError("boom"), (t) => t, "create");
    assert.equal(shown.code, LOCAL_CODES.localError);
    assert.match(
      shown.message,
      /^create failed on this machine, before any answer from Alibaba Cloud: TypeError: boom\nFix: this is a fault/,
    );
  });
});
