// The Node.js provider SDK (`@pulumi/pulumi/provider`, 3.248 to 3.276 at least) answers the
// engine's Configure without reading it, and PULUMI_CONFIG holds only the stack's configuration:
// an explicit provider's inputs would never reach the plugin. This hook hands them over. It wraps
// the Configure handler of the provider service as `main` registers it with the SDK's gRPC server,
// then lets the SDK answer as before.
import { dirname } from "node:path";

/** The parts of a ConfigureRequest read here. */
interface ConfigureRequest {
  hasArgs(): boolean;
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
  getVariablesMap(): { toObject(): Array<[string, string]> };
}

/** A gRPC service implementation, by method name. */
type Implementation = Record<string, unknown>;

/** The provider's inputs in a ConfigureRequest, by key without its namespace. */
export function configureInputs(request: ConfigureRequest): Record<string, unknown> {
  if (request.hasArgs()) return request.getArgs()?.toJavaScript() ?? {};
  // Engines that send only variables name them `<package>:config:<key>`, with text values.
  return Object.fromEntries(
    request
      .getVariablesMap()
      .toObject()
      .map(([key, value]) => [key.slice(key.lastIndexOf(":") + 1), value]),
  );
}

/** Calls `listener` with the inputs of every Configure the engine sends this process. */
export function onConfigure(listener: (inputs: Record<string, unknown>) => void): void {
  // The gRPC library the SDK serves with, not another copy.
  const sdk = dirname(require.resolve("@pulumi/pulumi/package.json"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's own copy, found from its folder
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] })) as {
    Server: { prototype: { addService(service: unknown, implementation: Implementation): void } };
  };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, implementation: Implementation) {
    const configure = implementation.configure;
    if (typeof configure === "function" && typeof implementation.getSchema === "function") {
      implementation.configure = (call: { request: ConfigureRequest }, callback: unknown) => {
        listener(configureInputs(call.request));
        return (configure as (c: unknown, cb: unknown) => unknown).call(implementation, call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
}
