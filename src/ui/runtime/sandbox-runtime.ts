/**
 * What every screen of the app shares: the current simulated world, the request log, and the ways
 * in — the portal's fetch (ARM calls as the signed-in admin), requests to the portal, and a shell
 * per VM. Components get it from Svelte context (`getSandbox()`), never import the world directly.
 *
 * The world object is replaced on reset or import; read it through `runtime.world` each time rather
 * than keeping a reference.
 */
import type { World } from '../../sim/index';
import type { RequestLog } from '../../cloud/request-log';
import type { PortalRequests } from './portal-requests';

export interface SandboxRuntime {
  /** The current world (replaced on reset/import). */
  readonly world: World;
  readonly log: RequestLog;
  /** The signed-in portal user (the preset's admin). */
  readonly portalUser: { objectId: string; userPrincipalName: string; displayName: string };
  /**
   * Sends a request as the portal: through the router, with the caller set to the portal and an ARM
   * bearer token for the signed-in user added when the request has no Authorization header.
   */
  portalFetch(request: Request): Promise<Response>;
  /** Asks the portal for something (the Why? panel's fix); the portal subscribes. */
  readonly portalRequests: PortalRequests;
  /** Called after any world change, request-log entry, reset or import. Returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Bumps on every notification; handy as a reactive dependency. */
  readonly revision: number;
}

export const SANDBOX_CONTEXT = Symbol('mi-sandbox-runtime');
