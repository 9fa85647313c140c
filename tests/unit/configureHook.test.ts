// The Configure hook: it hands an explicit provider's inputs to the plugin as the SDK's gRPC
// server registers the provider service, answers an unreadable request with an error, and
// restores the server class when asked.
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ConfigureRequest } from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { LanguageRuntimeService } from "@pulumi/pulumi/proto/language_grpc_pb";
import {
  configureInputs,
  explicitProviderName,
  interceptConfigure,
  type ConfigureRequest as Request,
} from "../../provider/plugin/configureHook";

type Handler = (
  call: { request: unknown },
  callback: (err: Error | null, reply?: unknown) => void,
) => unknown;

/** A provider service implementation whose Configure records what reached it. */
function implementation(reached: unknown[]): grpc.UntypedServiceImplementation {
  return {
    getSchema: () => undefined,
    configure: (call: { request: unknown }, callback: (err: Error | null, reply?: unknown) => void) => {
      reached.push(call.request);
      callback(null, "configured");
    },
  } as unknown as grpc.UntypedServiceImplementation;
}

/** Configure's handler as the server registered it. */
function registeredConfigure(server: grpc.Server): Handler {
  const handlers = (server as unknown as { handlers: Map<string, { func: Handler }> }).handlers;
  return handlers.get("/pulumirpc.ResourceProvider/Configure")!.func;
}

describe("the plugin's Configure hook", () => {
  it("hands an explicit provider's inputs over, then lets the SDK answer, on grpc-js's own Server", () => {
    const seen: Array<Record<string, unknown>> = [];
    const restore = interceptConfigure({
      inputs: (i) => seen.push(i),
      unreadable: () => assert.fail("unreadable"),
    });
    const server = new grpc.Server();
    const reached: unknown[] = [];
    server.addService(ResourceProviderService, implementation(reached));
    assert.equal(restore(), true, "the provider service was wrapped");

    const request = new ConfigureRequest();
    request.setArgs(
      Struct.fromJavaScript({ assumeRole: { roleArn: "acs:ram::1:role/x" }, region: "cn-hangzhou" }),
    );
    const replies: unknown[] = [];
    registeredConfigure(server)({ request }, (err, reply) => replies.push(err ?? reply));
    assert.deepEqual(seen, [{ assumeRole: { roleArn: "acs:ram::1:role/x" }, region: "cn-hangzhou" }]);
    assert.deepEqual(replies, ["configured"]);
    assert.equal(reached.length, 1);

    const after = new grpc.Server();
    after.addService(ResourceProviderService, implementation([]));
    assert.equal(seen.length, 1);
    registeredConfigure(after)({ request }, () => undefined);
    assert.equal(seen.length, 1, "restored: a later server is not wrapped");
  });

  it("answers a request it cannot read with an error naming the cause, and tells the plugin", () => {
    const causes: Error[] = [];
    const restore = interceptConfigure({
      inputs: () => assert.fail("inputs"),
      unreadable: (c) => causes.push(c),
    });
    const server = new grpc.Server();
    const reached: unknown[] = [];
    server.addService(ResourceProviderService, implementation(reached));
    restore();
    const broken: Request = {
      hasArgs: () => true,
      getArgs: () => ({
        toJavaScript: () => {
          throw new Error("a value of an unknown kind");
        },
      }),
      getVariablesMap: () => ({ toObject: () => [] }),
    };
    const replies: Array<Error | null> = [];
    registeredConfigure(server)({ request: broken }, (err) => replies.push(err));
    assert.equal(causes.length, 1);
    assert.match(
      causes[0].message,
      /inputs in the engine's Configure cannot be read: a value of an unknown kind/,
    );
    assert.equal(replies[0], causes[0]);
    assert.deepEqual(reached, [], "the SDK is not told it is configured");
  });

  it("says when no provider service was registered, so the plugin can refuse every call", () => {
    const restore = interceptConfigure({
      inputs: () => assert.fail("inputs"),
      unreadable: () => assert.fail("unreadable"),
    });
    new grpc.Server().addService(LanguageRuntimeService, {});
    assert.equal(restore(), false);
  });

  it("reads variables by key when the engine sends no args", () => {
    const request = new ConfigureRequest();
    request.getVariablesMap().set("alicloud-ip-pool-service:config:region", "cn-hangzhou");
    assert.deepEqual(configureInputs(request), { region: "cn-hangzhou" });
  });

  it("tells an explicit provider by its name, and the stack's default provider by the engine's name for it", () => {
    const request = new ConfigureRequest();
    assert.equal(explicitProviderName(request), undefined, "an engine that names no provider");
    request.setUrn("urn:pulumi:dev::proj::pulumi:providers:alicloud-ip-pool-service::default_0_4_0");
    assert.equal(explicitProviderName(request), undefined);
    request.setName("default");
    assert.equal(explicitProviderName(request), undefined);
    request.setName("member");
    assert.equal(explicitProviderName(request), "member");
    const byUrn = new ConfigureRequest();
    byUrn.setUrn("urn:pulumi:dev::proj::pulumi:providers:alicloud-ip-pool-service::defaults-of-team");
    assert.equal(explicitProviderName(byUrn), "defaults-of-team");
  });
});
