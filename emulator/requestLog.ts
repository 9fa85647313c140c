/** One request the emulator received, as tests read it. */
export interface LogEntry {
  /** Sequence number, from 1. */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  /** Epoch milliseconds the request arrived. */
  startMs: number;
  /** Epoch milliseconds the reply was sent or the connection dropped (undefined while in flight). */
  endMs?: number;
  /** AccessKey ID from the signature, when one could be read. */
  accessKeyId?: string;
  /** UID of the account the key belongs to, when authenticated. */
  accountUid?: string;
  /** Action name from `x-acs-action` (or the `Action` query parameter). */
  action?: string;
  /** `RegionId` parameter. */
  regionId?: string;
  /** `ClientToken` parameter. */
  clientToken?: string;
  /** HTTP status sent, or undefined when the connection was dropped. */
  status?: number;
  /** `OK`, the error code sent, or `reset` when the connection was dropped. */
  outcome: string;
  /** Request ID sent in the reply. */
  requestId?: string;
  /** The injected fault, if any (`latency` included). */
  fault?: string;
  /** For Open calls: whether another Open of the same account was being processed at the same time. */
  overlapped: boolean;
  /** Whether the request changed state (an Open that activated a region). */
  wrote: boolean;
  /** For AssumeRole and AssumeRoleWithOIDC: the temporary AccessKey ID issued. */
  issuedKeyId?: string;
}

/** The emulator's request log, in arrival order. */
export class RequestLog {
  private entries: LogEntry[] = [];
  private seq = 0;

  /** Starts an entry for a request that just arrived. */
  begin(now: number): LogEntry {
    const entry: LogEntry = {
      seq: ++this.seq,
      time: new Date(now).toISOString(),
      startMs: now,
      outcome: "pending",
      overlapped: false,
      wrote: false,
    };
    this.entries.push(entry);
    return entry;
  }

  /** Copies of every entry. */
  all(): LogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Removes every entry. */
  clear(): void {
    this.entries = [];
  }
}
