import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** What a fault does to a request. */
export type FaultKind =
  /** `Throttling.User`, HTTP 400, with `x-acs-retry-after` when `retryAfterMs` is set. */
  | "throttling"
  /** `ServiceUnavailable`, HTTP 503. */
  | "unavailable"
  /** `InternalError`, HTTP 500. */
  | "internal"
  /** The connection is destroyed before the request is processed. */
  | "reset"
  /** The request is processed (an Open takes effect), then the connection is destroyed: the reply is lost. */
  | "reset-after"
  /** The request is delayed by `latencyMs`, then processed normally. */
  | "latency"
  /** The request is processed (an Open takes effect), then the reply is held back for `latencyMs`. */
  | "latency-after"
  /** The request waits, before it is processed, until the test calls `release()`. */
  | "hold";

/** Every fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "throttling",
  "unavailable",
  "internal",
  "reset",
  "reset-after",
  "latency",
  "latency-after",
  "hold",
];

/** A fault rule: which requests it matches and what it does to them. */
export interface FaultRule {
  /** The fault, or a list of faults from which the seeded generator picks one each time the rule fires. */
  kind: FaultKind | FaultKind[];
  /** Only requests for this action (full name, e.g. `OpenPublicIpAddressPoolService`). */
  action?: string;
  /** Only requests for this region. */
  regionId?: string;
  /** Only requests signed with this AccessKey ID. */
  accessKeyId?: string;
  /** Scripted: the rule fires for the next `count` matching requests, then is removed. */
  count?: number;
  /** The rule fires for each matching request with this probability (0..1), from the seeded generator. */
  rate?: number;
  /** Added delay for `latency` and `latency-after` faults, in milliseconds (default 2000). */
  latencyMs?: number;
  /** For `throttling`: the `x-acs-retry-after` header, in milliseconds. */
  retryAfterMs?: number;
}

/** The request facts a rule matches on. */
export interface FaultTarget {
  /** Action name. */
  action?: string;
  /** Region ID parameter. */
  regionId?: string;
  /** AccessKey ID of the signature. */
  accessKeyId?: string;
}

/** The faults chosen for one request. */
export interface FaultDecision {
  /** Total added latency before processing, in milliseconds. */
  latencyMs: number;
  /** Total delay of the reply after processing, in milliseconds. */
  latencyAfterMs: number;
  /** Whether the request waits for `release()` before it is processed. */
  hold: boolean;
  /** The failing fault, if any (the first rule that fires with a non-latency kind). */
  failure?: { kind: Exclude<FaultKind, "latency" | "latency-after" | "hold">; retryAfterMs?: number };
}

/** The fault rules of one emulator, evaluated with a seeded generator so runs are reproducible. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private rng: RandomGenerator;

  /** Creates an injector whose random choices follow `seed`. */
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** Re-seeds the generator. */
  reseed(seed: number): void {
    this.rng = xoroshiro128plus(seed);
  }

  /** Adds a rule after the existing ones. */
  add(rule: FaultRule): void {
    if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) {
      throw new Error(`fault rate must be between 0 and 1, got ${rule.rate}`);
    }
    if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1)) {
      throw new Error(`fault count must be a positive integer, got ${rule.count}`);
    }
    this.rules.push({ ...rule, kind: Array.isArray(rule.kind) ? [...rule.kind] : rule.kind });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The rules in force, in evaluation order. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Decides the faults for one request, consuming scripted counts. */
  decide(target: FaultTarget): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, latencyAfterMs: 0, hold: false };
    for (const rule of [...this.rules]) {
      if (!matches(rule, target)) continue;
      if (rule.rate !== undefined && uniformFloat64(this.rng) >= rule.rate) continue;
      const kinds = Array.isArray(rule.kind) ? rule.kind : [rule.kind];
      const kind = kinds[Math.floor(uniformFloat64(this.rng) * kinds.length)];
      if (kind === "latency") {
        decision.latencyMs += rule.latencyMs ?? 2000;
      } else if (kind === "latency-after") {
        decision.latencyAfterMs += rule.latencyMs ?? 2000;
      } else if (kind === "hold") {
        decision.hold = true;
      } else if (!decision.failure) {
        decision.failure = { kind, retryAfterMs: rule.retryAfterMs };
      } else {
        continue;
      }
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      }
    }
    return decision;
  }
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  return (
    (rule.action === undefined || rule.action === target.action) &&
    (rule.regionId === undefined || rule.regionId === target.regionId) &&
    (rule.accessKeyId === undefined || rule.accessKeyId === target.accessKeyId)
  );
}

/** Requests held by `hold` faults: each waits until the test releases them. */
export class HeldRequests {
  private waiting: Array<() => void> = [];

  /** Resolves when {@link release} is next called. */
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Lets every held request go on; returns how many there were. */
  release(): number {
    const released = this.waiting;
    this.waiting = [];
    for (const resolve of released) resolve();
    return released.length;
  }
}
