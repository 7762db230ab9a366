/**
 * Who is calling, and what the handlers learned while answering. The router binds one context to
 * the exact Request object it hands to msw's `getResponse` (msw passes that same object to the
 * resolvers), so handlers know the caller without any request header a user could spoof.
 */
import type { Decision } from '../sim/rbac/index';
import type { World } from '../sim/index';

/**
 * Where a request comes from:
 * - `vm`: a shell or program running on a VM (`vmId` is the VM's vmId GUID or its ARM id); only
 *   these callers can reach IMDS, and IMDS answers as that VM;
 * - `portal`: the mini-portal acting for a signed-in user (an ARM client like any other);
 * - `cloudShell`: a Cloud Shell session opened by a portal user (`userId`); only it reaches Cloud
 *   Shell's local token endpoint (localhost:50342), which answers with that user's token;
 * - `sdk`: code outside any VM (tests, the emulator's own clients) — IMDS is unreachable for it.
 */
export type CallerId = { kind: 'vm'; vmId: string } | { kind: 'portal'; userId?: string } | { kind: 'cloudShell'; userId: string } | { kind: 'sdk' };

export type Service = 'imds' | 'arm' | 'keyvault' | 'storage' | 'graph' | 'cloudshell';

/** The identity a request acted as: the one IMDS issued a token for, or the bearer of the presented token. */
export interface IdentityUsed {
  principalId: string;
  /** Client (app) id for managed identities; the first-party client id for user tokens. */
  clientId: string | null;
  kind: 'SystemAssigned' | 'UserAssigned' | 'User' | 'Unknown';
  /** ARM id of the identity (the VM for system-assigned, the identity resource for user-assigned). */
  resourceId: string | null;
  /** UPN for users. */
  userPrincipalName: string | null;
  /**
   * Set when the token's managed identity had already been deleted (a disabled system-assigned
   * identity, a deleted user-assigned one) when the call was made: its tokens keep working until
   * they expire (imds.md §3.3).
   */
  deleted?: true;
}

export interface AuthorizationRecord {
  action: string;
  scope: string;
  isDataAction: boolean;
  allowed: boolean;
  decision: Decision;
  /**
   * `request`: the check that decides the request; `linked`: a linked-scope check (attaching a
   * user-assigned identity); `listFilter`: one of the per-item checks a list uses to hide what the
   * caller cannot read (a denial there does not fail the request).
   */
  purpose: 'request' | 'linked' | 'listFilter';
}

export interface ImdsTokenFacts {
  resource: string;
  fromCache: boolean;
  /** The selector the request used, if any. */
  selector: { clientId?: string; objectId?: string; msiResId?: string };
}

export interface CallContext {
  readonly from: CallerId;
  readonly world: World;
  readonly service: Service;
  /** Our id for this exchange, echoed as `x-ms-request-id` where the service sends one. */
  readonly requestId: string;
  /** Simulated ms when the request arrived. */
  readonly at: number;
  /** What the handler did, e.g. `imds.token`, `arm.resourceGroups.get`; null when no route matched. */
  operation: string | null;
  identity: IdentityUsed | null;
  /** `uti` of the token issued (IMDS) or presented (ARM, Key Vault, Storage). */
  tokenId: string | null;
  authorizations: AuthorizationRecord[];
  imdsToken: ImdsTokenFacts | null;
  /** Extra latency the fault plan asked for (waited out through `wait`). */
  latencyMs: number;
  /** Waits real time (tests inject an instant one). */
  readonly wait: (ms: number) => Promise<void>;
  /** Where the client really called, when not the service's own host (router FetchOptions.publicBase). */
  readonly publicBase: string | null;
}

const contexts = new WeakMap<Request, CallContext>();

export function bindContext(request: Request, context: CallContext): void {
  contexts.set(request, context);
}

/** The context the router bound; handlers run only under the router or an adapter that binds one. */
export function contextOf(request: Request): CallContext {
  const ctx = contexts.get(request);
  if (!ctx) throw new Error('No call context is bound to this request: send it through createRouter().fetch or an msw adapter from src/cloud/msw.');
  return ctx;
}

export function newContext(input: {
  from: CallerId;
  world: World;
  service: Service;
  requestId: string;
  wait: (ms: number) => Promise<void>;
  publicBase?: string | null;
}): CallContext {
  return {
    ...input,
    publicBase: input.publicBase ?? null,
    at: input.world.now(),
    operation: null,
    identity: null,
    tokenId: null,
    authorizations: [],
    imdsToken: null,
    latencyMs: 0,
  };
}
