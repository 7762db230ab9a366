/**
 * The request log: every exchange the router handled, newest last, bounded (oldest dropped) and
 * observable. Fields are typed so the UI's timeline, the "why?" panel and lesson checks read facts
 * (caller, identity, token id, RBAC decision) instead of re-parsing raw text.
 */
import type { AuthorizationRecord, CallerId, IdentityUsed, ImdsTokenFacts, Service } from './call-context';

export const DEFAULT_LOG_LIMIT = 500;
/**
 * Bytes of each body the log keeps. Whole bodies made 600 one-megabyte uploads cost 575 MB
 * (issue 16); 64 KiB keeps every JSON answer the timeline and lesson checks read.
 */
export const DEFAULT_BODY_PREFIX_BYTES = 64 * 1024;

/**
 * A body as the log keeps it: a UTF-8 prefix (U+FFFD for bytes that are not text), its full size,
 * and whether it was cut. The router always sets both; entries made by hand (fixtures) may leave
 * them out, meaning `body` is the whole body.
 */
export interface LoggedBody {
  body: string;
  /** Bytes the whole body had. */
  bodySize?: number;
  /** True when `body` holds only the first bytes (or none, for a body refused as too large). */
  bodyTruncated?: boolean;
}

export interface LoggedRequest extends LoggedBody {
  method: string;
  url: string;
  /** Header names lower-cased, in the order the Headers object iterates them. */
  headers: [string, string][];
}

export interface LoggedResponse extends LoggedBody {
  status: number;
  statusText: string;
  headers: [string, string][];
}

const decoder = new TextDecoder();

export function loggedBody(bytes: Uint8Array | null, prefixBytes: number = DEFAULT_BODY_PREFIX_BYTES): LoggedBody {
  if (!bytes) return { body: '', bodySize: 0, bodyTruncated: false };
  const cut = bytes.byteLength > prefixBytes;
  // stream: true leaves a UTF-8 sequence split by the cut undecoded instead of printing U+FFFD for it.
  const body = cut ? new TextDecoder().decode(bytes.subarray(0, prefixBytes), { stream: true }) : decoder.decode(bytes);
  return { body, bodySize: bytes.byteLength, bodyTruncated: cut };
}

export interface RequestLogEntry {
  /** 1, 2, 3… within this log. */
  seq: number;
  /** The exchange's request id (`x-ms-request-id` where the service sends one). */
  requestId: string;
  caller: CallerId;
  /** null when the host does not exist (or is unreachable for this caller). */
  service: Service | null;
  operation: string | null;
  request: LoggedRequest;
  /** null when the request failed below HTTP (see `networkError`). */
  response: LoggedResponse | null;
  networkError: { code: string; message: string } | null;
  timing: {
    /** Simulated ms when the request arrived. */
    simulatedAt: number;
    /** Real ms the router spent, latency included. */
    wallMs: number;
    /** Latency the fault plan added (simulated and waited out). */
    latencyMs: number;
  };
  identity: IdentityUsed | null;
  /** `uti` of the token issued (IMDS) or presented (ARM, Key Vault, Storage). */
  tokenId: string | null;
  /** RBAC checks made for this request, in order; the last one decided unless all allowed. */
  authorizations: AuthorizationRecord[];
  imdsToken: ImdsTokenFacts | null;
}

export type RequestLogListener = (entry: RequestLogEntry) => void;

export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private readonly listeners = new Set<RequestLogListener>();
  private seq = 0;

  constructor(
    readonly limit: number = DEFAULT_LOG_LIMIT,
    readonly bodyPrefixBytes: number = DEFAULT_BODY_PREFIX_BYTES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A request log keeps at least 1 entry; got ${String(limit)}.`);
    if (!Number.isInteger(bodyPrefixBytes) || bodyPrefixBytes < 0) throw new RangeError(`A body prefix is a whole number of bytes ≥ 0; got ${String(bodyPrefixBytes)}.`);
  }

  append(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { ...entry, seq: ++this.seq };
    this.items.push(full);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch {
        // A broken panel must not break the request that was already answered.
      }
    }
    return full;
  }

  /** Oldest first. */
  entries(): readonly RequestLogEntry[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }

  subscribe(listener: RequestLogListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
