import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as timer } from "node:timers/promises";
import { ACTION_HANDLERS, API_VERSION, REGIONAL_ACTIONS, type Action } from "./actions";
import type { AccessKey, Account, AccountStore } from "./accounts";
import { authenticate, authenticateRpc, type AuthResult, type NonceStore } from "./authenticate";
import { ERRORS, UNCONFIRMED, type ErrorCode } from "./errorCatalog";
import type { FaultInjector, HeldRequests } from "./faults";
import type { RegionInfo } from "./regions";
import { listAccounts, RESOURCE_MANAGER_VERSION, type ResourceDirectory } from "./resourceDirectory";
import type { LogEntry, RequestLog } from "./requestLog";
import {
  assumeRole,
  assumeRoleWithOidc,
  getCallerIdentity,
  STS_VERSION,
  type StsContext,
} from "./stsActions";

/**
 * Waits `ms` as the log measures it (`Date.now()`): a timer may fire a millisecond early by that
 * clock, and a hold the log shows as shorter than asked would not be the fault it claims to be.
 */
async function hold(ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) await timer(left);
}

/** The emulator state an API request reads and changes. */
export interface ApiState {
  /** Accounts and keys. */
  accounts: AccountStore;
  /** Nonces seen. */
  nonces: NonceStore;
  /** Fault rules. */
  faults: FaultInjector;
  /** Request log. */
  log: RequestLog;
  /** Region list. */
  regions: readonly RegionInfo[];
  /** Service time of every call, in milliseconds. */
  latencyMs: number;
  /** Delay between a successful Open and the status reporting it, in milliseconds. */
  activationDelayMs: number;
  /** Offset of the server's clock from the machine's, in milliseconds (to test clock skew). */
  clockOffsetMs: number;
  /** Open calls being processed, by account UID. */
  opensInFlight: Map<string, Set<LogEntry>>;
  /** Requests held by a `hold` fault until released. */
  holds: HeldRequests;
  /** When set, STS keys really expire after this many milliseconds (see {@link StsContext}). */
  stsSessionMs?: number;
  /** The resource directory, and the UID of its management account (the ready account). */
  directory: ResourceDirectory;
  /** The management account of {@link directory}. */
  managementUid: string;
}

/** How a request of an action is signed. */
/**
 * How an action's requests are signed: `signed` takes either signature its real clients send
 * (ACS3-HMAC-SHA256 from the generated SDKs, RPC HMAC-SHA1 from @alicloud/credentials), told
 * apart by the Authorization header; `none` is AssumeRoleWithOIDC, which the token authorizes.
 */
type Signing = "acs3" | "signed" | "none";

/** What the emulator knows of each action: its API version, its signing, and how it runs. */
interface ActionSpec {
  /** API version the action belongs to. */
  version: string;
  /** How its requests are signed (`none`: AssumeRoleWithOIDC, which the token itself authorizes). */
  signing: Signing;
  /** Runs it. */
  run(facts: {
    caller?: { account: Account; key: AccessKey };
    params: Record<string, string>;
    requestId: string;
    now: number;
    state: ApiState;
  }):
    | { ok: true; body: Record<string, unknown>; wrote?: boolean; issued?: AccessKey }
    | { ok: false; code: ErrorCode; detail?: string };
}

const vpc = (action: Action): ActionSpec => ({
  version: API_VERSION,
  signing: "acs3",
  run: ({ caller, params, requestId, now, state }) =>
    ACTION_HANDLERS[action]({
      account: caller!.account,
      params,
      requestId,
      now,
      activationDelayMs: state.activationDelayMs,
      regions: state.regions,
    }),
});

const sts = (signing: Signing, handler: (ctx: StsContext) => ReturnType<ActionSpec["run"]>): ActionSpec => ({
  version: STS_VERSION,
  signing,
  run: ({ caller, params, requestId, now, state }) =>
    handler({ accounts: state.accounts, caller, params, requestId, now, stsSessionMs: state.stsSessionMs }),
});

/** Every action the emulator serves. */
const ACTION_SPECS: Record<string, ActionSpec> = {
  OpenPublicIpAddressPoolService: vpc("OpenPublicIpAddressPoolService"),
  GetPublicIpAddressPoolServiceStatus: vpc("GetPublicIpAddressPoolServiceStatus"),
  DescribeRegions: vpc("DescribeRegions"),
  AssumeRole: sts("signed", assumeRole),
  AssumeRoleWithOIDC: sts("none", assumeRoleWithOidc),
  GetCallerIdentity: sts("signed", getCallerIdentity),
  ListAccounts: {
    version: RESOURCE_MANAGER_VERSION,
    signing: "acs3",
    run: ({ caller, params, requestId, state }) =>
      listAccounts({
        directory: state.directory,
        managementUid: state.managementUid,
        callerUid: caller!.account.uid,
        params,
        requestId,
      }),
  },
};

const JSON_TYPE = "application/json;charset=utf-8";

function send(
  res: ServerResponse,
  entry: LogEntry,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  entry.status = status;
  entry.endMs = Date.now();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": JSON_TYPE,
    "content-length": Buffer.byteLength(text),
    "x-acs-request-id": String(body.RequestId ?? ""),
    ...headers,
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  req: IncomingMessage,
  entry: LogEntry,
  code: ErrorCode,
  detail?: string,
  headers: Record<string, string> = {},
): void {
  const spec = ERRORS[code];
  const requestId = entry.requestId ?? randomUUID().toUpperCase();
  entry.requestId = requestId;
  entry.outcome = code;
  const body: Record<string, unknown> = {
    RequestId: requestId,
    HostId: req.headers.host ?? "vpc.aliyuncs.com",
    Code: code,
    Message: detail ? `${spec.message} ${detail}` : spec.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Vpc&requestId=${requestId}`,
  };
  if (code === "Forbidden.RAM" && entry.action) {
    body.AccessDeniedDetail = {
      AuthAction: `vpc:${entry.action}`,
      NoPermissionType: "ImplicitDeny",
      PolicyType: "AccountLevelIdentityBasedPolicy",
      AuthPrincipalType: "SubUser",
    };
  }
  send(res, entry, spec.status, body, headers);
}

function dropConnection(req: IncomingMessage, entry: LogEntry): void {
  entry.outcome = "reset";
  entry.endMs = Date.now();
  req.socket.destroy();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error("request body over 1 MiB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseParams(rawQuery: string, req: IncomingMessage, body: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (text: string) => {
    for (const part of text.split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      params[key] = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    }
  };
  add(rawQuery);
  if ((req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    add(body.toString("utf8").replace(/\+/g, "%20"));
  }
  return params;
}

/** Marks overlapping Opens of one account and registers this one; returns whether it overlapped. */
function enterOpen(state: ApiState, uid: string, entry: LogEntry): boolean {
  let inFlight = state.opensInFlight.get(uid);
  if (!inFlight) {
    inFlight = new Set();
    state.opensInFlight.set(uid, inFlight);
  }
  const overlapped = inFlight.size > 0;
  if (overlapped) {
    entry.overlapped = true;
    for (const other of inFlight) other.overlapped = true;
  }
  inFlight.add(entry);
  return overlapped;
}

/** Serves one API request: authentication, validation, faults, then the action. */
export async function handleApiRequest(
  state: ApiState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const entry = state.log.begin(Date.now());
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  let body: Buffer;
  let params: Record<string, string>;
  try {
    body = await readBody(req);
    params = parseParams(rawQuery, req, body);
  } catch (err) {
    return sendError(res, req, entry, "IncompleteSignature", `The request cannot be read: ${String(err)}.`);
  }
  const actionHeader = req.headers["x-acs-action"];
  entry.action = (Array.isArray(actionHeader) ? actionHeader[0] : actionHeader) ?? params.Action;
  entry.regionId = params.RegionId;
  entry.clientToken = params.ClientToken;

  if (req.method !== "POST" && req.method !== "GET") {
    return sendError(res, req, entry, "UnsupportedHTTPMethod");
  }
  const spec = entry.action ? ACTION_SPECS[entry.action] : undefined;
  if (!spec) {
    return sendError(res, req, entry, "InvalidAction.NotFound", `Action: ${entry.action ?? "(none)"}.`);
  }
  const action = entry.action as string;
  const versionHeader = req.headers["x-acs-version"];
  const version = (Array.isArray(versionHeader) ? versionHeader[0] : versionHeader) ?? params.Version;
  if (version !== spec.version) {
    return sendError(res, req, entry, "InvalidVersion", `Version: ${String(version)}.`);
  }

  const now = Date.now() + state.clockOffsetMs;
  let auth: AuthResult | undefined;
  const acs3 =
    spec.signing === "acs3" || (spec.signing === "signed" && req.headers.authorization !== undefined);
  if (acs3) {
    auth = authenticate(
      { method: req.method, path, rawQuery, headers: req.headers, body },
      state.accounts,
      state.nonces,
      now,
    );
  } else if (spec.signing === "signed") {
    auth = authenticateRpc(req.method, params, state.accounts, state.nonces, now);
  }
  if (auth) {
    entry.accessKeyId = auth.ok ? auth.key.accessKeyId : auth.accessKeyId;
    if (!auth.ok) return sendError(res, req, entry, auth.code, auth.detail);
  }
  const caller = auth?.ok ? { account: auth.account, key: auth.key } : undefined;
  const account = caller?.account;
  entry.accountUid = account?.uid;

  const isOpen = action === "OpenPublicIpAddressPoolService" && account !== undefined;
  const conflict = isOpen && enterOpen(state, account.uid, entry);
  // An Open is in progress until it has been processed: a reply held back or lost after that is
  // not activation work, and does not make a later Open of the account concurrent with it.
  const processed = () => {
    if (isOpen) state.opensInFlight.get(account.uid)?.delete(entry);
  };
  try {
    const decision = state.faults.decide({
      action,
      regionId: params.RegionId,
      accessKeyId: entry.accessKeyId,
    });
    if (decision.latencyMs > 0) entry.fault = "latency";
    const delay = state.latencyMs + decision.latencyMs;
    if (delay > 0) await hold(delay);
    if (decision.hold) {
      entry.fault = "hold";
      await state.holds.wait();
    }

    const failure = decision.failure;
    if (failure) entry.fault = failure.kind;
    if (failure?.kind === "reset") return dropConnection(req, entry);
    if (failure?.kind === "throttling") {
      const headers: Record<string, string> =
        failure.retryAfterMs !== undefined ? { "x-acs-retry-after": String(failure.retryAfterMs) } : {};
      return sendError(res, req, entry, "Throttling.User", undefined, headers);
    }
    if (failure?.kind === "unavailable") return sendError(res, req, entry, "ServiceUnavailable");
    if (failure?.kind === "internal") return sendError(res, req, entry, "InternalError");

    const denied = [...(account?.deniedActions ?? []), ...(caller?.key.deniedActions ?? [])];
    if (denied.includes(action) || denied.includes(`${action}@${params.RegionId}`)) {
      return sendError(res, req, entry, "Forbidden.RAM");
    }
    if (REGIONAL_ACTIONS.has(action)) {
      if (!params.RegionId) return sendError(res, req, entry, "MissingRegionId");
      if (!state.regions.some((r) => r.regionId === params.RegionId)) {
        return sendError(res, req, entry, UNCONFIRMED.invalidRegion, `RegionId: ${params.RegionId}.`);
      }
    }
    if (params.ClientToken !== undefined && !/^[\x20-\x7e]{1,64}$/.test(params.ClientToken)) {
      return sendError(res, req, entry, "InvalidParameter.ClientToken");
    }
    if (conflict) return sendError(res, req, entry, UNCONFIRMED.concurrentOpen);

    entry.requestId = randomUUID().toUpperCase();
    const result = spec.run({ caller, params, requestId: entry.requestId, now: Date.now(), state });
    processed();
    if (result.ok && result.issued) entry.issuedKeyId = result.issued.accessKeyId;
    if (!result.ok) return sendError(res, req, entry, result.code, result.detail);
    entry.wrote = result.wrote === true;
    entry.outcome = "OK";
    if (decision.latencyAfterMs > 0) {
      entry.fault = "latency-after";
      await hold(decision.latencyAfterMs);
    }
    if (failure?.kind === "reset-after") return dropConnection(req, entry);
    send(res, entry, 200, result.body);
  } finally {
    processed();
  }
}
