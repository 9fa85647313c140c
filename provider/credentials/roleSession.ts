// The session of a RAM role, from STS through the official client: AssumeRole signed with the
// credentials before it, or AssumeRoleWithOIDC with a token. Each session is checked as it arrives:
// its secrets go to the scrubber before anything else can see them, and the account STS reports
// for it (`AssumedRoleUser.Arn`) must be the one the role's ARN names. It is renewed before it
// expires, with the same checks.
import type Credential from "@alicloud/credentials";
import type { CredentialsProvider } from "@alicloud/credentials";
import {
  DEFAULT_SESSION_NAME,
  roleAccount,
  type ConfiguredRole,
  type OidcRoleSpec,
  type RoleStep,
} from "../config/roles";
import { assertHeaderSafe } from "./values";
import { sessionFrom, type IssuedSession, type StsSessionBody } from "./sessionReply";
import type { CallFailure } from "../transport/classifyError";
import type { Clock } from "../transport/clock";
import { CredentialsError } from "./credentialsError";
import { diagnose } from "../diagnostics/callDiagnostic";
import type { RoleContext } from "../diagnostics/stsAdvice";
import type { HttpExchange } from "../transport/httpExchange";
import { STS_OPERATIONS, type Operation } from "../transport/operations";
import { retriedCall } from "../transport/retriedCall";
import { RetriesFailed, type RetryPolicy } from "../transport/retry";
import { retryProgress, type FaceContext } from "../diagnostics/faceContext";
import { stsClient, stsSdk } from "../transport/stsClient";

/** How STS is reached, and the face's context its calls keep. */
export interface StsAccess {
  /** The STS host (`host[:port]`, HTTPS); undefined means sts.aliyuncs.com. */
  stsHost?: string;
  /** How STS calls are retried. */
  policy: RetryPolicy;
  /** The face's context: the scrubber learns each secret the moment it is obtained; its clock times the sessions. */
  context: FaceContext;
}

/** Where a session comes from: a role assumed with other credentials, or a role assumed with an OIDC token. */
export type SessionIssue =
  | {
      /** AssumeRole, signed with `signer`. */
      kind: "assumeRole";
      /** The role, and where it was configured. */
      role: RoleStep;
      /** The credentials that sign AssumeRole. */
      signer: Credential;
      /** Where those credentials come from, for diagnostics. */
      signerSource: string;
    }
  | {
      /** AssumeRoleWithOIDC: the token authorizes it. */
      kind: "oidcRole";
      /** The role and identity provider, and where they were configured (and how its fields are named). */
      role: ConfiguredRole<OidcRoleSpec>;
      /** Reads the token (again at each renewal: a rotated token is picked up). */
      token: () => string;
    };

/** The role ARN of an issue. */
function roleArnOf(issue: SessionIssue): string {
  return issue.role.value.roleArn;
}

/**
 * A provider of @alicloud/credentials whose credentials are a role's session. It is asked before
 * every request signed with it, and renews the session when less than a quarter of its length
 * (at most 15 minutes) is left; a renewal that fails while the session is still valid is tried
 * again at the next request.
 */
export class RoleSession implements CredentialsProvider {
  private issued?: IssuedSession;
  private renewing?: Promise<void>;

  /** Creates the provider; nothing is sent until it is first asked. */
  constructor(
    private readonly issue: SessionIssue,
    private readonly sts: StsAccess,
  ) {}

  /** The clock the STS calls keep, so sessions expire by the same time. */
  private get clock(): Clock {
    return this.sts.context.clock;
  }

  /** The session's credentials, issued or renewed first when due. */
  async getCredentials(): ReturnType<CredentialsProvider["getCredentials"]> {
    if (!this.issued || this.clock.now() >= this.issued.renewAt) {
      this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
      try {
        await this.renewing;
      } catch (err) {
        if (!this.issued || this.clock.now() >= this.issued.expiresAt) throw err;
      }
    }
    const { accessKeyId, accessKeySecret, securityToken } = this.issued!;
    return { accessKeyId, accessKeySecret, securityToken, providerName: this.getProviderName() };
  }

  /** The account STS reported for the session, once issued. */
  get account(): string | undefined {
    return this.issued?.account;
  }

  /** The provider's name, as @alicloud/credentials reports it. */
  getProviderName(): string {
    return this.issue.kind === "oidcRole" ? "oidc_role_arn" : "ram_role_arn";
  }

  /** The role as diagnostics name it. */
  private roleContext(): RoleContext {
    const { issue } = this;
    return {
      arn: roleArnOf(issue),
      account: roleAccount(roleArnOf(issue)) ?? "unknown",
      where: issue.role.source,
      signer: issue.kind === "oidcRole" ? "the OIDC token" : issue.signerSource,
      field: issue.role.field,
      externalIdSet: issue.kind === "assumeRole" && issue.role.value.externalId !== undefined,
    };
  }

  /** Asks STS for a session and checks it; the old one stays until a new one is accepted. */
  private async renew(): Promise<void> {
    const { issue, sts } = this;
    const operation =
      issue.kind === "oidcRole" ? STS_OPERATIONS.assumeRoleWithOidc : STS_OPERATIONS.assumeRole;
    const sdk = stsSdk();
    const { client, endpointHost } = stsClient(
      issue.kind === "oidcRole" ? undefined : issue.signer,
      sts.stsHost,
    );
    let reply: { body?: StsSessionBody; exchange: HttpExchange };
    try {
      if (issue.kind === "oidcRole") {
        const spec = issue.role.value;
        const token = issue.token();
        sts.context.scrubber.add(token);
        const request = new sdk.AssumeRoleWithOIDCRequest({
          roleArn: spec.roleArn,
          OIDCProviderArn: spec.oidcProviderArn,
          OIDCToken: token,
          roleSessionName: spec.roleSessionName ?? DEFAULT_SESSION_NAME,
          policy: spec.policy,
          durationSeconds: spec.sessionExpiration,
        });
        reply = await retriedCall(() => client.assumeRoleWithOIDC(request), sts.policy, {
          clock: sts.context.clock,
          onRetry: (notice) => retryProgress(sts.context, { ...notice, operation, subject: spec.roleArn }),
        });
      } else {
        const spec = issue.role.value;
        const request = new sdk.AssumeRoleRequest({
          roleArn: spec.roleArn,
          roleSessionName: spec.sessionName ?? DEFAULT_SESSION_NAME,
          policy: spec.policy,
          externalId: spec.externalId,
          durationSeconds: spec.sessionExpiration,
        });
        reply = await retriedCall(() => client.assumeRole(request), sts.policy, {
          clock: sts.context.clock,
          onRetry: (notice) => retryProgress(sts.context, { ...notice, operation, subject: spec.roleArn }),
        });
      }
    } catch (err) {
      if (!(err instanceof RetriesFailed)) throw err;
      // The credentials that sign it could not be had: their own diagnostic says why.
      if (err.failure.cause instanceof CredentialsError) throw err.failure.cause;
      throw this.refused(operation, err, endpointHost);
    }
    this.accept(operation, reply, endpointHost);
  }

  /** The diagnostic of an STS call that failed for good. */
  private refused(operation: Operation, err: RetriesFailed, endpointHost: string): CredentialsError {
    const { failure } = err;
    const message = diagnose(failure, {
      operation,
      attempts: err.attempts,
      elapsedMs: err.elapsedMs,
      stoppedBy: err.stoppedBy,
      budgetLeftMs: err.budgetLeftMs,
      endpointHost,
      role: this.roleContext(),
      terms: this.sts.context.terms,
    });
    return new CredentialsError(this.sts.context.scrubber.scrub(message), {
      code: failure.code,
      origin: failure.origin,
      requestId: failure.requestId,
      cause: failure.cause,
    });
  }

  /** Checks a reply and makes it the session: its secrets are learned first, then its account is checked. */
  private accept(
    operation: Operation,
    { body, exchange }: { body?: StsSessionBody; exchange: HttpExchange },
    endpointHost: string,
  ): void {
    const c = body?.credentials;
    this.sts.context.scrubber.add(...[c?.accessKeySecret, c?.securityToken].filter((v): v is string => !!v));
    const role = this.roleContext();
    const reading = sessionFrom(body, role, this.clock.now(), this.issued?.account);
    if (reading.problem) {
      const { code, what, meaning } = reading.problem;
      const requestId = body?.requestId ?? exchange.requestId;
      const failure: CallFailure = {
        kind: "client",
        origin: "transport",
        code,
        statusCode: exchange.statusCode,
        requestId,
        serviceMessage: what,
        network: false,
        outcomeUnknown: false,
        cause: undefined,
      };
      const ctx = {
        operation,
        attempts: 1,
        elapsedMs: 0,
        endpointHost,
        role,
        terms: this.sts.context.terms,
        meaning,
      };
      throw new CredentialsError(this.sts.context.scrubber.scrub(diagnose(failure, ctx)), {
        code,
        origin: "transport",
        requestId,
      });
    }
    const source = `the session of role ${role.arn}`;
    assertHeaderSafe(reading.session.accessKeyId, "AccessKey ID", source);
    assertHeaderSafe(reading.session.securityToken, "security token", source);
    this.issued = reading.session;
  }
}
