import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  AccountStore,
  isEnabled,
  regionState,
  type AccessKey,
  type AccountSpec,
  type RoleSpec,
} from "./accounts";
import { handleAdminRequest, ADMIN_PREFIX } from "./adminRoute";
import { handleApiRequest, type ApiState } from "./apiHandler";
import { NonceStore } from "./authenticate";
import type { DocumentedOpenError } from "./errorCatalog";
import { FaultInjector, FAULT_KINDS, HeldRequests, type FaultRule } from "./faults";
import { DEFAULT_REGIONS, type RegionInfo } from "./regions";
import { RequestLog, type LogEntry } from "./requestLog";
import { DIRECTORY_ROLE, ResourceDirectory, type Member, type MemberSpec } from "./resourceDirectory";

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

/** The CA that signed the emulator's TLS certificate: trust it with NODE_EXTRA_CA_CERTS (tests only). */
export const EMULATOR_CA = join(__dirname, "tls", "ca.pem");

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
  /** STS keys expire after this many milliseconds, and their Expiration says so (undefined: as requested). */
  stsSessionMs?: number | null;
}

/** A running emulator of the Alibaba Cloud VPC API, and its control interface for tests. */
export class Emulator {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** `127.0.0.1:PORT`, as the SDK's `endpoint` setting takes it. */
  readonly host: string;
  /** The same API over TLS, `https://127.0.0.1:PORT`: where STS is reached (its clients speak only HTTPS). */
  readonly secureEndpoint: string;
  /** `127.0.0.1:PORT` of {@link secureEndpoint}. */
  readonly secureHost: string;
  /** The ready account created at start (and again by `reset`). */
  defaultAccount!: AccountInfo;

  /**
   * The environment that points this package at the emulator: VPC calls to {@link endpoint}, STS
   * and Resource Manager calls (over TLS: the process must trust {@link EMULATOR_CA}) to
   * {@link secureEndpoint}.
   */
  get endpointEnv(): {
    ALICLOUD_VPC_ENDPOINT: string;
    ALICLOUD_STS_ENDPOINT: string;
    ALICLOUD_RESOURCEMANAGER_ENDPOINT: string;
  } {
    return {
      ALICLOUD_VPC_ENDPOINT: this.endpoint,
      ALICLOUD_STS_ENDPOINT: this.secureEndpoint,
      ALICLOUD_RESOURCEMANAGER_ENDPOINT: this.secureEndpoint,
    };
  }

  private readonly state: ApiState;
  private readonly initial: Required<Omit<EmulatorOptions, "port" | "regions" | "defaultKey">> & {
    defaultKey: AccessKey | undefined;
  };

  /** Use {@link startEmulator}. */
  constructor(
    private readonly server: Server,
    private readonly secureServer: Server,
    options: EmulatorOptions,
  ) {
    const port = (server.address() as AddressInfo).port;
    this.host = `127.0.0.1:${port}`;
    this.endpoint = `http://${this.host}`;
    this.secureHost = `127.0.0.1:${(secureServer.address() as AddressInfo).port}`;
    this.secureEndpoint = `https://${this.secureHost}`;
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
      directory: new ResourceDirectory(),
      managementUid: "",
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
    s.directory.clear();
    s.latencyMs = this.initial.latencyMs;
    s.activationDelayMs = this.initial.activationDelayMs;
    s.clockOffsetMs = 0;
    s.stsSessionMs = undefined;
    if (this.initial.faultRate > 0) {
      s.faults.add({
        kind: FAULT_KINDS.filter((k) => k !== "reset-after" && k !== "latency-after" && k !== "hold"),
        rate: this.initial.faultRate,
      });
    }
    const account = s.accounts.add({ keys: this.initial.defaultKey ? [this.initial.defaultKey] : undefined });
    this.initial.defaultKey = account.keys[0];
    this.defaultAccount = { uid: account.uid, keys: account.keys.map((k) => ({ ...k })) };
    s.managementUid = account.uid;
  }

  /** Adds a folder to the ready account's resource directory (under the root, or `parentId`); returns its ID. */
  addFolder(name: string, parentId?: string): string {
    return this.state.directory.addFolder(name, parentId);
  }

  /**
   * Creates an account as a member of the ready account's resource directory, with the role the
   * directory creates in it (ResourceDirectoryAccountAccessRole, trusted by the ready account);
   * returns its UID and keys, and its role's ARN.
   */
  addMember(spec: MemberSpec & Pick<AccountSpec, "enabledRegions" | "openError"> = {}): AccountInfo & {
    roleArn: string;
  } {
    const { enabledRegions, openError, ...member } = spec;
    const info = this.addAccount({ enabledRegions, openError });
    const roleArn = this.addRole(info.uid, {
      name: DIRECTORY_ROLE,
      trustedAccounts: [this.defaultAccount.uid],
    });
    this.state.directory.add(info.uid, member);
    return { ...info, roleArn };
  }

  /** Changes a member of the directory: its status, folder, display name or tags. */
  setMember(uid: string, patch: MemberSpec): void {
    this.state.directory.update(uid, patch);
  }

  /** Removes a member from the directory (its account stays). */
  removeMember(uid: string): void {
    this.state.directory.remove(uid);
  }

  /** The members of the directory, in the order they joined, with their paths. */
  members(): Array<Member & { path: string }> {
    return this.state.directory
      .list()
      .map((m) => ({ ...m, tags: { ...m.tags }, path: this.state.directory.path(m) }));
  }

  /** Creates an account; returns its UID and keys. */
  addAccount(spec: AccountSpec = {}): AccountInfo {
    const account = this.state.accounts.add(spec);
    return { uid: account.uid, keys: account.keys.map((k) => ({ ...k })) };
  }

  /** Adds a RAM role to an account (trusted by the accounts it names); returns its ARN. */
  addRole(uid: string, spec: RoleSpec): string {
    return this.state.accounts.addRole(uid, spec);
  }

  /** Adds an OIDC identity provider to an account, with the tokens it has issued; returns its ARN. */
  addOidcProvider(uid: string, name: string, tokens: string[]): string {
    return this.state.accounts.addOidcProvider(uid, name, tokens);
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

  /** Sets an account's RAM denials and its documented error for every Open (`null` clears it). */
  setAccount(uid: string, patch: { deniedActions?: string[]; openError?: DocumentedOpenError | null }): void {
    const account = this.state.accounts.get(uid);
    if (patch.deniedActions !== undefined) account.deniedActions = [...patch.deniedActions];
    if (patch.openError !== undefined) account.openError = patch.openError ?? undefined;
  }

  /** Sets a region of an account: enabled or not (out of band), and its documented error for Open (`null` clears it). */
  setRegion(
    uid: string,
    regionId: string,
    patch: { enabled?: boolean; openError?: DocumentedOpenError | null },
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
    if (settings.stsSessionMs !== undefined) s.stsSessionMs = settings.stsSessionMs ?? undefined;
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

  /** Stops both servers and drops open connections. */
  async close(): Promise<void> {
    await Promise.all(
      [this.server, this.secureServer].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }
}

function listen(server: Server, port: number): Promise<void> {
  // Keep idle keep-alive sockets open longer than clients do, so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** Starts an emulator on 127.0.0.1: plain HTTP on `port`, and TLS (for STS) on a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const tls = join(__dirname, "tls");
  const server = createServer();
  const secureServer = createTlsServer({
    key: readFileSync(join(tls, "server-key.pem")),
    cert: readFileSync(join(tls, "server.pem")),
  });
  await Promise.all([listen(server, options.port ?? 0), listen(secureServer, 0)]);
  const emulator = new Emulator(server, secureServer, options);
  for (const s of [server, secureServer]) {
    s.on("request", (req: IncomingMessage, res: ServerResponse) => {
      emulator.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(`emulator failure: ${String(err)}`);
        }
      });
    });
  }
  return emulator;
}
