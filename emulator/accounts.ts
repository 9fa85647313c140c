import { randomBytes } from "node:crypto";
import type { DocumentedOpenError } from "./errorCatalog";

/** An AccessKey pair (optionally with an STS security token) that signs requests for an account. */
export interface AccessKey {
  /** AccessKey ID. */
  accessKeyId: string;
  /** AccessKey secret. */
  accessKeySecret: string;
  /** STS security token; when set, requests must carry it in `x-acs-security-token`. */
  securityToken?: string;
  /** A disabled key: requests answer `InvalidAccessKeyId.Inactive`. */
  inactive?: boolean;
  /** For STS keys: the token has expired, requests answer `InvalidSecurityToken.Expired`. */
  tokenExpired?: boolean;
  /** For STS keys: epoch milliseconds from which the token is expired. */
  expiresAt?: number;
  /** Actions this key may not call, besides its account's (a role's permissions). */
  deniedActions?: string[];
  /** For keys issued by AssumeRole: the role and session they act as. */
  assumedRole?: { roleArn: string; roleName: string; sessionName: string };
}

/** A RAM role of an account, as `addRole` makes it. */
export interface RoleSpec {
  /** Role name; the ARN is `acs:ram::<account>:role/<name in lower case>`. */
  name: string;
  /** Accounts whose identities may assume the role (default: its own account). */
  trustedAccounts?: string[];
  /** An external ID the caller must send (the trust policy's `sts:ExternalId` condition). */
  externalId?: string;
  /** Longest session the role allows, in seconds (default 3600). */
  maxSessionDurationSeconds?: number;
  /** Actions the role's sessions may not call. */
  deniedActions?: string[];
  /** OIDC identity providers of the account whose tokens may assume the role (by name). */
  oidcProviders?: string[];
}

/** A RAM role of an account. */
export interface Role extends Required<Omit<RoleSpec, "externalId">> {
  /** The role's ARN. */
  arn: string;
  /** The external ID the trust policy requires, if any. */
  externalId?: string;
}

/** An OIDC identity provider of an account, and the tokens it has issued. */
export interface OidcProvider {
  /** Its ARN, `acs:ram::<account>:oidc-provider/<name>`. */
  arn: string;
  /** Tokens it has issued that STS accepts. */
  tokens: Set<string>;
}

/** Per-region settings and state of an account. */
export interface RegionState {
  /** Epoch milliseconds from which the status reports `Enabled: true`; absent = not activated. */
  enabledAt?: number;
  /** Every Open for this region answers this documented error. */
  openError?: DocumentedOpenError;
}

/** How to create an account; every field is optional. */
export interface AccountSpec {
  /** Account UID (16 digits); generated when absent. */
  uid?: string;
  /** Keys that sign for the account; one is generated when absent. */
  keys?: AccessKey[];
  /** Actions the account's RAM user may not call (`Action`, or `Action@region` for one region): they answer `Forbidden.RAM`. */
  deniedActions?: string[];
  /** Every Open of this account answers this documented error (e.g. no real-name verification). */
  openError?: DocumentedOpenError;
  /** Regions that are already active. */
  enabledRegions?: string[];
}

/** An account of the emulator, its keys and its per-region state. */
export interface Account {
  /** Account UID. */
  uid: string;
  /** Keys that sign for the account. */
  keys: AccessKey[];
  /** Actions answered with `Forbidden.RAM` (`Action`, or `Action@region`). */
  deniedActions: string[];
  /** Documented error for every Open of the account. */
  openError?: DocumentedOpenError;
  /** State by region ID. */
  regions: Map<string, RegionState>;
  /** ClientTokens of Open calls already served: token → region and the reply sent. */
  tokens: Map<string, { regionId: string; requestId: string }>;
  /** RAM roles, by name in lower case. */
  roles: Map<string, Role>;
  /** OIDC identity providers, by name. */
  oidcProviders: Map<string, OidcProvider>;
}

/** Generates an AccessKey pair that cannot be mistaken for a real one. */
export function generateKey(): AccessKey {
  return {
    accessKeyId: `EMUAK${randomBytes(8).toString("hex").toUpperCase()}`,
    accessKeySecret: randomBytes(15).toString("hex"), // 30 characters, letters and digits, as Alibaba Cloud issues them
  };
}

/** The accounts of one emulator, looked up by AccessKey ID. */
export class AccountStore {
  private accounts = new Map<string, Account>();

  /** Creates an account from a spec and returns it. */
  add(spec: AccountSpec = {}, now = Date.now()): Account {
    const uid = spec.uid ?? String(1_000_000_000_000_000 + Math.floor(Math.random() * 8_999_999_999_999_999));
    if (this.accounts.has(uid)) throw new Error(`account ${uid} already exists`);
    const keys = (spec.keys && spec.keys.length > 0 ? spec.keys : [generateKey()]).map((k) => ({ ...k }));
    for (const key of keys) this.assertKeyFree(key.accessKeyId);
    const account: Account = {
      uid,
      keys,
      deniedActions: [...(spec.deniedActions ?? [])],
      openError: spec.openError,
      regions: new Map(),
      tokens: new Map(),
      roles: new Map(),
      oidcProviders: new Map(),
    };
    for (const regionId of spec.enabledRegions ?? []) account.regions.set(regionId, { enabledAt: now });
    this.accounts.set(uid, account);
    return account;
  }

  /** Removes an account and all its keys. */
  remove(uid: string): void {
    this.accounts.delete(uid);
  }

  /** The account with this UID, or an error naming it. */
  get(uid: string): Account {
    const account = this.accounts.get(uid);
    if (!account) throw new Error(`no account ${uid}`);
    return account;
  }

  /** Every account. */
  all(): Account[] {
    return [...this.accounts.values()];
  }

  /** Adds a key to an account (e.g. a rotated key). */
  addKey(uid: string, key: AccessKey): void {
    this.assertKeyFree(key.accessKeyId);
    this.get(uid).keys.push({ ...key });
  }

  /** Adds a RAM role to an account; returns its ARN. */
  addRole(uid: string, spec: RoleSpec): string {
    const account = this.get(uid);
    const arn = `acs:ram::${uid}:role/${spec.name.toLowerCase()}`;
    account.roles.set(spec.name.toLowerCase(), {
      name: spec.name,
      arn,
      trustedAccounts: [...(spec.trustedAccounts ?? [uid])],
      externalId: spec.externalId,
      maxSessionDurationSeconds: spec.maxSessionDurationSeconds ?? 3600,
      deniedActions: [...(spec.deniedActions ?? [])],
      oidcProviders: [...(spec.oidcProviders ?? [])],
    });
    return arn;
  }

  /** Adds an OIDC identity provider to an account, with tokens it has issued; returns its ARN. */
  addOidcProvider(uid: string, name: string, tokens: string[]): string {
    const arn = `acs:ram::${uid}:oidc-provider/${name}`;
    this.get(uid).oidcProviders.set(name, { arn, tokens: new Set(tokens) });
    return arn;
  }

  /** Removes a key wherever it is; requests signed with it then answer `InvalidAccessKeyId.NotFound`. */
  removeKey(accessKeyId: string): void {
    for (const account of this.accounts.values()) {
      account.keys = account.keys.filter((k) => k.accessKeyId !== accessKeyId);
    }
  }

  /** Finds the account and key for an AccessKey ID. */
  findByKey(accessKeyId: string): { account: Account; key: AccessKey } | undefined {
    for (const account of this.accounts.values()) {
      const key = account.keys.find((k) => k.accessKeyId === accessKeyId);
      if (key) return { account, key };
    }
    return undefined;
  }

  /** Removes every account. */
  clear(): void {
    this.accounts.clear();
  }

  private assertKeyFree(accessKeyId: string): void {
    if (this.findByKey(accessKeyId)) throw new Error(`AccessKey ID ${accessKeyId} is already in use`);
  }
}

/** The region state of an account, created on first use. */
export function regionState(account: Account, regionId: string): RegionState {
  let state = account.regions.get(regionId);
  if (!state) {
    state = {};
    account.regions.set(regionId, state);
  }
  return state;
}

/** Whether the status call reports the region enabled at time `now`. */
export function isEnabled(account: Account, regionId: string, now: number): boolean {
  const at = account.regions.get(regionId)?.enabledAt;
  return at !== undefined && now >= at;
}
