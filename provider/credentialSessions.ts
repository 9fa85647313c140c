import { createHash } from "node:crypto";
import { roleAccount, type Sourced } from "./alicloudConfig";
import type { RoleStep } from "./assumedRole";
import {
  assumeRole,
  resolvePlan,
  type CredentialPlan,
  type ResolveOptions,
  type ResolvedCredential,
} from "./credentials";

/** Where the account a call acts in comes from. */
export interface AccountOptions {
  /** `alicloud:accountId` (or its environment variable), when configured. */
  configured?: Sourced<string>;
  /** Asks STS which account the credentials belong to (GetCallerIdentity). */
  callerIdentity: (resolved: ResolvedCredential) => Promise<string>;
}

/**
 * A cache of the credentials of each source and chain of roles, and of the account they act in,
 * for the life of its owner (a provider object): one AssumeRole per role, which the library renews
 * shortly before it expires, and at most one GetCallerIdentity per source. A failure is not kept.
 */
export class CredentialSessions {
  private readonly credentials = new Map<string, Promise<ResolvedCredential>>();
  private readonly accounts = new Map<string, Promise<string>>();

  /** The key of a plan and its roles; secrets are hashed, never kept as text. */
  private key(plan: CredentialPlan, roles: readonly RoleStep[], stsHost: string | undefined): string {
    const secretHash =
      plan.kind === "static"
        ? createHash("sha256")
            .update(`${plan.accessKeySecret}\u0000${plan.securityToken ?? ""}`)
            .digest("hex")
        : "";
    const identity =
      plan.kind === "static" ? { ...plan, accessKeySecret: secretHash, securityToken: undefined } : plan;
    return JSON.stringify([identity, roles.map((r) => r.value), stsHost ?? null]);
  }

  private cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let value = map.get(key);
    if (!value) {
      value = make();
      map.set(key, value);
      value.catch(() => map.delete(key));
    }
    return value;
  }

  /**
   * The credentials of a plan and its roles: resolved on first use, then shared. Each role is
   * assumed once with the credentials of the roles before it, which are shared too: a stack role
   * behind many resource roles is assumed once.
   */
  resolve(
    plan: CredentialPlan,
    roles: readonly RoleStep[],
    options: ResolveOptions,
  ): Promise<ResolvedCredential> {
    return this.cached(this.credentials, this.key(plan, roles, options.stsHost), async () => {
      if (roles.length === 0) return resolvePlan(plan, options);
      const previous = await this.resolve(plan, roles.slice(0, -1), options);
      return assumeRole(previous, roles[roles.length - 1], options);
    });
  }

  /**
   * The account a plan and its roles act in: the last role's (from its ARN), else the configured
   * account ID, else STS's answer to GetCallerIdentity, asked once.
   */
  accountId(
    plan: CredentialPlan,
    roles: readonly RoleStep[],
    options: ResolveOptions & AccountOptions,
  ): Promise<string> {
    const last = roles[roles.length - 1];
    const fromRole = last && roleAccount(last.value.roleArn);
    if (fromRole) return Promise.resolve(fromRole);
    if (options.configured) return Promise.resolve(options.configured.value);
    return this.cached(this.accounts, this.key(plan, roles, options.stsHost), async () =>
      options.callerIdentity(await this.resolve(plan, roles, options)),
    );
  }
}
