import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountStore, isEnabled, regionState, type AccessKey, type AccountSpec } from "./accounts";
import { handleAdminRequest, ADMIN_PREFIX } from "./adminRoute";
import { handleApiRequest, type ApiState } from "./apiHandler";
import { NonceStore } from "./authenticate";
import type { SeedErrorCode } from "./errorCatalog";
import { FaultInjector, FAULT_KINDS, HeldRequests, type FaultRule } from "./faults";
import { DEFAULT_REGIONS, type RegionInfo } from "./regions";
import { RequestLog, type LogEntry } from "./requestLog";

/** Options of an emulator; all optional. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Service time of every call, in milliseconds (default 0). */
  latencyMs?: number;
  /** Delay between a successful Open and the status reporting `Enabled: true`, in milliseconds (default 0). */
  activationDelayMs?: number;
  /** Probability (0..1) that a call meets a random fault of any kind (default 0). */
  faultRate?: number;
  /** Seed of the fault generator (default 1). */
  seed?: number;
  /** The region list (default: Alibaba Cloud's public regions). */
  regions?: readonly RegionInfo[];
  /** The ready account's key (default: generated). */
  defaultKey?: AccessKey;
}

/** An account as the control interface reports it. */
export interface AccountInfo {
  /** Account UID. */
  uid: string;
  /** Its keys. */
  keys: AccessKey[];
}

/** Settings that can be changed while the emulator runs. */
export interface EmulatorSettings {
  /** Service time of every call, in milliseconds. */
  latencyMs?: number;
  /** Delay before a successful Open shows in the status, in milliseconds. */
  activationDelayMs?: number;
  /** Offset of the server clock, in milliseconds (requests signed with the real time look skewed). */
  clockOffsetMs?: number;
  /** Re-seeds the fault generator. */
  seed?: number;
}

/** A running emulator of the Alibaba Cloud VPC API, and its control interface for tests. */
export class Emulator {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** `127.0.0.1:PORT`, as the SDK's `endpoint` setting takes it. */
  readonly host: string;
  /** The ready account created at start (and again by `reset`). */
  defaultAccount!: AccountInfo;

  private readonly state: ApiState;
  private readonly initial: Required<Omit<EmulatorOptions, "port" | "regions" | "defaultKey">> & {
    defaultKey: AccessKey | undefined;
  };

  /** Use {@link startEmulator}. */
  constructor(
    private readonly server: Server,
    options: EmulatorOptions,
  ) {
    const port = (server.address() as AddressInfo).port;
    this.host = `127.0.0.1:${port}`;
    this.endpoint = `http://${this.host}`;
    this.initial = {
      latencyMs: options.latencyMs ?? 0,
      activationDelayMs: options.activationDelayMs ?? 0,
      faultRate: options.faultRate ?? 0,
      seed: options.seed ?? 1,
      defaultKey: options.defaultKey,
    };
    this.state = {
      accounts: new AccountStore(),
      nonces: new NonceStore(),
      faults: new FaultInjector(this.initial.seed),
      log: new RequestLog(),
      regions: options.regions ?? DEFAULT_REGIONS,
      latencyMs: 0,
      activationDelayMs: 0,
      clockOffsetMs: 0,
      opensInFlight: new Map(),
      holds: new HeldRequests(),
    };
    this.reset();
  }

  /** Routes one HTTP request to the admin route or the API. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.url ?? "").startsWith(ADMIN_PREFIX)) return handleAdminRequest(this, req, res);
    return handleApiRequest(this.state, req, res);
  }

  /** Returns to the state right after start: the ready account (same keys), no region enabled, no faults, empty log. */
  reset(): void {
    const s = this.state;
    s.accounts.clear();
    s.nonces.clear();
    s.faults.clear();
    s.faults.reseed(this.initial.seed);
    s.log.clear();
    s.opensInFlight.clear();
    s.holds.release();
    s.latencyMs = this.initial.latencyMs;
    s.activationDelayMs = this.initial.activationDelayMs;
    s.clockOffsetMs = 0;
    if (this.initial.faultRate > 0) {
      s.faults.add({
        kind: FAULT_KINDS.filter((k) => k !== "reset-after" && k !== "latency-after" && k !== "hold"),
        rate: this.initial.faultRate,
      });
    }
    const account = s.accounts.add({ keys: this.initial.defaultKey ? [this.initial.defaultKey] : undefined });
    this.initial.defaultKey = account.keys[0];
    this.defaultAccount = { uid: account.uid, keys: account.keys.map((k) => ({ ...k })) };
  }

  /** Creates an account; returns its UID and keys. */
  addAccount(spec: AccountSpec = {}): AccountInfo {
    const account = this.state.accounts.add(spec);
    return { uid: account.uid, keys: account.keys.map((k) => ({ ...k })) };
  }

  /** Removes an account. */
  removeAccount(uid: string): void {
    this.state.accounts.remove(uid);
  }

  /** Adds a key to an account (key rotation). */
  addKey(uid: string, key: AccessKey): void {
    this.state.accounts.addKey(uid, key);
  }

  /** Removes a key; requests signed with it then answer `InvalidAccessKeyId.NotFound`. */
  removeKey(accessKeyId: string): void {
    this.state.accounts.removeKey(accessKeyId);
  }

  /** Sets an account's RAM denials and its seed error for every Open (`null` clears it). */
  setAccount(uid: string, patch: { deniedActions?: string[]; openError?: SeedErrorCode | null }): void {
    const account = this.state.accounts.get(uid);
    if (patch.deniedActions !== undefined) account.deniedActions = [...patch.deniedActions];
    if (patch.openError !== undefined) account.openError = patch.openError ?? undefined;
  }

  /** Sets a region of an account: enabled or not (out of band), and its seed error for Open (`null` clears it). */
  setRegion(
    uid: string,
    regionId: string,
    patch: { enabled?: boolean; openError?: SeedErrorCode | null },
  ): void {
    const state = regionState(this.state.accounts.get(uid), regionId);
    if (patch.enabled !== undefined) state.enabledAt = patch.enabled ? Date.now() : undefined;
    if (patch.openError !== undefined) state.openError = patch.openError ?? undefined;
  }

  /** Whether the status call reports the region of an account enabled now. */
  isEnabled(uid: string, regionId: string): boolean {
    return isEnabled(this.state.accounts.get(uid), regionId, Date.now());
  }

  /** The regions of an account that the status reports enabled now, sorted. */
  enabledRegions(uid: string): string[] {
    const account = this.state.accounts.get(uid);
    return [...account.regions.keys()].filter((r) => isEnabled(account, r, Date.now())).sort();
  }

  /** Adds a fault rule. */
  addFault(rule: FaultRule): void {
    this.state.faults.add(rule);
  }

  /** Lets every request held by a `hold` fault go on; returns how many there were. */
  release(): number {
    return this.state.holds.release();
  }

  /** Removes every fault rule. */
  clearFaults(): void {
    this.state.faults.clear();
  }

  /** The fault rules in force. */
  faults(): FaultRule[] {
    return this.state.faults.list();
  }

  /** Changes settings while running. */
  configure(settings: EmulatorSettings): void {
    const s = this.state;
    if (settings.latencyMs !== undefined) s.latencyMs = settings.latencyMs;
    if (settings.activationDelayMs !== undefined) s.activationDelayMs = settings.activationDelayMs;
    if (settings.clockOffsetMs !== undefined) s.clockOffsetMs = settings.clockOffsetMs;
    if (settings.seed !== undefined) s.faults.reseed(settings.seed);
  }

  /** The request log, in arrival order. */
  log(): LogEntry[] {
    return this.state.log.all();
  }

  /** Empties the request log. */
  clearLog(): void {
    this.state.log.clear();
  }

  /** The region list. */
  regions(): RegionInfo[] {
    return [...this.state.regions];
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Starts an emulator on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const server = createServer();
  // Keep idle keep-alive sockets open longer than clients do, so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const emulator = new Emulator(server, options);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    emulator.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`emulator failure: ${String(err)}`);
      }
    });
  });
  return emulator;
}
