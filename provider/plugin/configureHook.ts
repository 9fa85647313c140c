// The Node.js provider SDK (`@pulumi/pulumi/provider`, 3.248 is the version installed and tested)
// answers the engine's Configure without reading it, and PULUMI_CONFIG holds only the stack's
// configuration: an explicit provider's inputs would never reach the plugin. This hook hands them
// over. While it is installed, it wraps the Configure handler of the provider service that `main`
// registers with the gRPC server, then lets the SDK answer as before. The gRPC library is imported
// by name, so a bundle holds one copy, shared with the SDK (the bundle's build checks it).
import * as grpc from "@grpc/grpc-js";

/** The parts of a ConfigureRequest read here. */
export interface ConfigureRequest {
  hasArgs(): boolean;
  getArgs(): { toJavaScript(): Record<string, unknown> } | undefined;
  getVariablesMap(): { toObject(): Array<[string, string]> };
  /** The provider resource's name and URN, which engines since 3.1xx send. */
  getName?(): string | undefined;
  getUrn?(): string | undefined;
}

/** A gRPC service implementation, by method name. */
type Implementation = Record<string, unknown>;

/** The server class whose `addService` is wrapped: grpc-js's, or a test's. */
export interface ServerClass {
  prototype: { addService(service: unknown, implementation: Implementation): void };
}

/** What the hook tells: a Configure's inputs, or why they could not be read. */
export interface ConfigureListener {
  /** `explicitProvider` is the provider resource's name, unless it is the stack's default provider. */
  inputs(inputs: Record<string, unknown>, explicitProvider?: string): void;
  unreadable(cause: Error): void;
}

/** The provider's inputs in a ConfigureRequest, by key without its namespace; throws when unreadable. */
export function configureInputs(request: ConfigureRequest): Record<string, unknown> {
  if (request.hasArgs()) {
    const args = request.getArgs()?.toJavaScript();
    if (typeof args !== "object" || args === null) throw new Error("its args are not an object");
    return args;
  }
  // Engines that send only variables name them `<package>:config:<key>`, with text values.
  return Object.fromEntries(
    request
      .getVariablesMap()
      .toObject()
      .map(([key, value]) => [key.slice(key.lastIndexOf(":") + 1), value]),
  );
}

/**
 * The name of the provider resource a ConfigureRequest configures, when it is an explicit one: the
 * engine names a default provider `default` or `default_<version>`. Undefined when the engine
 * does not say (the messages then name the stack's configuration, as for a default provider).
 */
export function explicitProviderName(request: ConfigureRequest): string | undefined {
  const name = request.getName?.() || request.getUrn?.()?.split("::").pop() || undefined;
  return name === undefined || /^default(_|$)/.test(name) ? undefined : name;
}

/**
 * Wraps the Configure of the provider service registered on `server` until `restore` is called:
 * `listener` gets the inputs of every Configure, or the cause when a request cannot be read (the
 * engine is then answered with that error). `restore` puts `addService` back and says whether a
 * provider service was wrapped.
 */
export function interceptConfigure(
  listener: ConfigureListener,
  server: ServerClass = grpc.Server as unknown as ServerClass,
): () => boolean {
  const addService = server.prototype.addService;
  let wrapped = false;
  server.prototype.addService = function (service: unknown, implementation: Implementation) {
    const configure = implementation.configure;
    if (typeof configure === "function" && typeof implementation.getSchema === "function") {
      wrapped = true;
      implementation.configure = (call: { request: ConfigureRequest }, callback: (err: Error) => void) => {
        let inputs: Record<string, unknown>;
        try {
          inputs = configureInputs(call.request);
        } catch (err) {
          const cause = new Error(
            `the provider's inputs in the engine's Configure cannot be read: ${(err as Error).message}`,
          );
          listener.unreadable(cause);
          callback(cause);
          return;
        }
        listener.inputs(inputs, explicitProviderName(call.request));
        return (configure as (c: unknown, cb: unknown) => unknown).call(implementation, call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
  return () => {
    server.prototype.addService = addService;
    return wrapped;
  };
}
