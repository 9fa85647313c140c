// The official clients' HTTP library (`httpx`) leaves each request's read timer running for the
// whole read timeout after its reply, holding the request in memory; an attempt of this package
// clears them when it settles. This fails when an upgrade of `httpx` stops keeping its timer where
// the package looks for it, as well as when the timers are left running.
import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Emulator } from "../../emulator";
import { HTTPX_READ_TIMER, newExchange, observeExchange } from "../../provider/transport/httpExchange";
import { sdkClient, sdkStatus } from "../support/sdk";
import { emulatorSuite } from "../support/suite";

/** The read timer `httpx` keeps on the socket of `request`: found by its symbol's name. */
function readTimer(request: ClientRequest): NodeJS.Timeout & { _destroyed?: boolean } {
  const socket = request.socket!;
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === HTTPX_READ_TIMER);
  assert.ok(symbol, `httpx no longer keeps its read timer under Symbol(${HTTPX_READ_TIMER})`);
  return (socket as unknown as Record<symbol, NodeJS.Timeout & { _destroyed?: boolean }>)[symbol];
}

describe("the HTTP library's read timers", function () {
  const suite = emulatorSuite();
  let emulator: Emulator;
  beforeEach(() => (emulator = suite.emulator()));

  /** The requests `call` makes, as the diagnostics channel sees them. */
  async function requestsOf(call: () => Promise<unknown>): Promise<ClientRequest[]> {
    const requests: ClientRequest[] = [];
    const listener = (message: unknown) => requests.push((message as { request: ClientRequest }).request);
    subscribe("http.client.request.start", listener);
    try {
      await call();
    } finally {
      unsubscribe("http.client.request.start", listener);
    }
    return requests;
  }

  it("are left running by the official client alone, and cleared when an attempt of this package settles", async () => {
    const client = sdkClient(emulator);
    const alone = await requestsOf(() => sdkStatus(client, "cn-hangzhou"));
    assert.equal(alone.length, 1);
    assert.equal(readTimer(alone[0])._destroyed, false, "the client alone leaves its timer running");
    clearTimeout(readTimer(alone[0]));

    const observed = await requestsOf(() =>
      observeExchange(newExchange(), () => sdkStatus(client, "cn-shanghai")),
    );
    assert.equal(observed.length, 1);
    assert.equal(readTimer(observed[0])._destroyed, true, "the attempt cleared it");
  });
});
