// Each message says what happened: a trickling reply is a timeout, a reply without a request ID is
// not "no answer", an expired session is not a token to set, and STS is HTTPS on every host.
import assert from "node:assert/strict";
import { classifyError, type CallFailure } from "../../provider/transport/classifyError";
import { diagnose } from "../../provider/diagnostics/callDiagnostic";
import { readAlicloudConfig } from "../../provider/config/alicloudConfig";
import { configSource, type ConfigSource } from "../../provider/config/configSource";
import { readSettings } from "../../provider/config/settings";
import { STACK_TERMS } from "../../provider/config/settingTerms";

const config = (values: Record<string, string>): ConfigSource => configSource({ get: (k) => values[k] });

describe("wording of failures", () => {
  it("a reply whose headers came but whose body trickled past the read timeout is a timeout, retried", () => {
    const err = Object.assign(new Error("ReadTimeout(10000). GET http://127.0.0.1/ failed."), {
      name: "RequestTimeoutError",
    });
    const failure = classifyError(err, { statusCode: 200, body: '{"RequestId":"ab', complete: false });
    assert.equal(failure.code, "RequestTimeout");
    assert.equal(failure.kind, "transient");
    assert.equal(failure.foreignReply, undefined, "not reported as a reply that is not the API's");
    const text = diagnose(failure, {
      operation: "GetPublicIpAddressPoolServiceStatus",
      regionId: "cn-hangzhou",
      attempts: 3,
      elapsedMs: 31_000,
      terms: STACK_TERMS,
      endpointHost: "127.0.0.1:1",
    });
    assert.match(text, /did not answer in time \(3 attempts over 31\.0s\)/);
    assert.doesNotMatch(text, /an empty body/);
  });

  const unexpected = (requestId?: string): CallFailure => ({
    kind: "client",
    origin: "transport",
    code: "UnexpectedResponse",
    statusCode: 200,
    requestId,
    serviceMessage: "it has no boolean `Enabled`",
    network: false,
    outcomeUnknown: false,
    cause: undefined,
  });
  const ctx = {
    operation: "GetPublicIpAddressPoolServiceStatus",
    regionId: "cn-hangzhou",
    attempts: 1,
    elapsedMs: 0,
    terms: STACK_TERMS,
  };

  it("HTTP 200 `{}` is a reply without a request ID, not a service that did not answer", () => {
    const text = diagnose(unexpected(), ctx);
    assert.match(text, /\(HTTP 200, no request ID in the reply\)/);
    assert.doesNotMatch(text, /did not answer/);
  });

  it("a request ID in the reply is quoted", () => {
    assert.match(diagnose(unexpected("REQ-IN-BODY"), ctx), /\(HTTP 200, request ID REQ-IN-BODY\)/);
  });

  it("an expired session of an assumed role is to run again, not a token to set", () => {
    const failure: CallFailure = {
      kind: "auth",
      origin: "service",
      code: "InvalidSecurityToken.Expired",
      statusCode: 400,
      requestId: "R",
      serviceMessage: "Specified SecurityToken is expired.",
      network: false,
      outcomeUnknown: false,
      cause: undefined,
    };
    const role = "acs:ram::1234567890123456:role/ip-pool-admin";
    const text = diagnose(failure, { ...ctx, assumedRole: role });
    assert.match(text, new RegExp(`Meaning: the session of role ${role} expired before it was renewed`));
    assert.match(text, /Fix: run again: sessions are renewed before they expire/);
    assert.doesNotMatch(text, /alicloud:securityToken/);
    assert.match(diagnose(failure, ctx), /Fix: get fresh STS credentials and set alicloud:securityToken/);
  });

  it("plain HTTP to STS is refused on any host, without suggesting that loopback would do", () => {
    for (const host of ["sts.example.com", "127.0.0.1:8443"]) {
      const values = { "alicloud:endpoints": JSON.stringify([{ sts: `http://${host}` }]) };
      assert.throws(
        () => readSettings(config(values), {}, {}, readAlicloudConfig(config(values), {})),
        (err: Error) => {
          assert.match(
            err.message,
            new RegExp(`STS is reached over HTTPS only, on any host: use https://${host}`),
          );
          assert.doesNotMatch(err.message, /allowed only for|loopback/);
          return true;
        },
      );
    }
  });
});
