// The credentials of each source and chain of roles, and the account they act in, for the life of
// their owner (a provider object, a status read, a command run). The account is always what STS
// reports: the account of a role's session (AssumedRoleUser.Arn), or GetCallerIdentity's answer
// for other credentials; a label (a role ARN, `alicloud:accountId`, the state) is only ever checked
// against it.
import Credential, {
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  type CredentialsProvider,
} from "@alicloud/credentials";
import { createHash } from "node:crypto";
import { type Sourced } from "../config/configSource";
import { type RoleStep } from "../config/roles";
import { noCredentialsMessage } from "./noCredentials";
import type { CredentialPlan } from "./plan";
import type { BaseCredential } from "./chain";
import { expandPlan } from "./plan";
import { CredentialsError } from "./credentialsError";
import { diagnosticText } from "../diagnostics/diagnostic";
import { LOCAL_CODES } from "../diagnostics/errorCodes";
import { guarded } from "./libraryProvider";
import { RoleSession, type StsAccess } from "./roleSession";

/** A credential that answered, and what it signs with. */
export interface ResolvedCredential {
  /** The credential object the SDK signs with (a role's is renewed before it expires). */
  credential: Credential;
  /** Where the credentials come from, naming the roles assumed, for diagnostics. */
  source: string;
  /** The role's session, when the credentials are one: it knows the account STS reported. */
  session?: RoleSession;
  /** The ARN of that role. */
  roleArn?: string;
}

/** What resolving credentials needs besides the plan. */
export interface ResolveOptions extends StsAccess {
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
}

/** Where the account a call acts in is checked. */
export interface AccountOptions {
  /** `alicloud:accountId` (or its variable), when it applies to these credentials: checked, never trusted. */
  configured?: Sourced<string>;
  /** Asks STS which account credentials belong to (GetCallerIdentity). */
  callerIdentity: (resolved: ResolvedCredential) => Promise<string>;
}

/**
 * A cache of resolved credentials and of their accounts, for the life of its owner: one session
 * per role, renewed before it expires, and at most one GetCallerIdentity per source. A failure is
 * not kept: the next caller tries again.
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
   * behind many resource roles is assumed once. Throws {@link CredentialsError}.
   */
  resolve(
    plan: CredentialPlan,
    roles: readonly RoleStep[],
    options: ResolveOptions,
  ): Promise<ResolvedCredential> {
    return this.cached(this.credentials, this.key(plan, roles, options.stsHost), async () => {
      if (roles.length > 0) {
        const previous = await this.resolve(plan, roles.slice(0, -1), options);
        return assume(previous, roles[roles.length - 1], options);
      }
      if (plan.kind === "none") {
        throw new CredentialsError(noCredentialsMessage(options.context.terms), {
          code: LOCAL_CODES.noCredentials,
          origin: "local",
        });
      }
      const chain = expandPlan(plan, options.env, options.context.terms);
      let resolved = await first(chain.base, options);
      for (const role of chain.roles) resolved = await assume(resolved, role, options);
      return resolved;
    });
  }

  /**
   * The account a plan and its roles act in, as STS reports it: the last role's session's, else
   * GetCallerIdentity's (asked once). A configured account that differs is an error naming both.
   */
  async accountId(
    plan: CredentialPlan,
    roles: readonly RoleStep[],
    options: ResolveOptions & AccountOptions,
  ): Promise<string> {
    const resolved = await this.resolve(plan, roles, options);
    const observed =
      resolved.session?.account ??
      (await this.cached(this.accounts, this.key(plan, roles, options.stsHost), () =>
        options.callerIdentity(resolved),
      ));
    const { configured } = options;
    if (configured && configured.value !== observed) {
      const how = resolved.session
        ? `STS issued a session of account ${observed}`
        : `STS (GetCallerIdentity) reports account ${observed}`;
      throw new CredentialsError(
        diagnosticText({
          what: `The account check failed: ${configured.source} is ${configured.value}, but the credentials act in account ${observed}: ${LOCAL_CODES.accountMismatch}.`,
          meaning: `${how} for ${resolved.source}. Nothing is sent while the two disagree.`,
          fix:
            `set ${configured.name ?? configured.source} to ${observed} if that is the account you mean, ` +
            `or use credentials of account ${configured.value}.`,
        }),
        { code: LOCAL_CODES.accountMismatch, origin: "local" },
      );
    }
    return observed;
  }
}

/** The first credentials of a chain, asked for once so that a source that cannot answer fails here, naming it. */
async function first(base: BaseCredential, options: ResolveOptions): Promise<ResolvedCredential> {
  if (base.kind === "static") {
    options.context.scrubber.add(
      ...[base.accessKeySecret, base.securityToken].filter((v): v is string => !!v),
    );
    const provider = base.securityToken
      ? StaticSTSCredentialsProvider.builder()
          .withAccessKeyId(base.accessKeyId)
          .withAccessKeySecret(base.accessKeySecret)
          .withSecurityToken(base.securityToken)
          .build()
      : StaticAKCredentialsProvider.builder()
          .withAccessKeyId(base.accessKeyId)
          .withAccessKeySecret(base.accessKeySecret)
          .build();
    return { credential: new Credential(null, provider), source: base.source };
  }
  if (base.kind === "oidcRole") {
    const session = new RoleSession({ kind: "oidcRole", role: base.role, token: base.token }, options);
    await session.getCredentials();
    const roleArn = base.role.value.roleArn;
    return {
      credential: new Credential(null, session),
      source: `role ${roleArn} (${base.source})`,
      session,
      roleArn,
    };
  }
  let inner: CredentialsProvider;
  try {
    inner = base.make();
  } catch (err) {
    throw new CredentialsError(
      `${base.source} cannot be used here: @alicloud/credentials refused to build its provider for ${base.what}. ` +
        "Check that setting and the ALIBABA_CLOUD_* variables that switch sources off.",
      { code: LOCAL_CODES.noCredentials, origin: "local", cause: err },
    );
  }
  const provider = guarded(inner, base, (...values) => options.context.scrubber.add(...values));
  await provider.getCredentials();
  return { credential: new Credential(null, provider), source: base.source };
}

/** The session of `role`, assumed with `previous`, issued once here so that a refusal fails here. */
async function assume(
  previous: ResolvedCredential,
  role: RoleStep,
  options: ResolveOptions,
): Promise<ResolvedCredential> {
  const session = new RoleSession(
    { kind: "assumeRole", role, signer: previous.credential, signerSource: previous.source },
    options,
  );
  await session.getCredentials();
  return {
    credential: new Credential(null, session),
    source: `role ${role.value.roleArn} (${role.source}), assumed with ${previous.source}`,
    session,
    roleArn: role.value.roleArn,
  };
}
