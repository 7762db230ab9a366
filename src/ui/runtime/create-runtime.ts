// Referenced here, not left to tsconfig's include: tests type-check this file under tsconfig.node.json too.
/// <reference path="./virtual-signing-key.d.ts" />
/**
 * The app's one simulated cloud: a world (from a preset, a lesson step or an imported file), the
 * router that serves it, and the request log. Screens read it through SandboxRuntime; the portal's
 * calls and every VM shell's calls go through the same router, so they all land in the same log.
 */
import { createRouter, type Router } from '../../cloud/router';
import type { RequestLog } from '../../cloud/request-log';
import { createWorld, importSigningPair, issueUserToken, offerSigningKey, restoreWorld, serializeWorld, unfreezeClock, type World } from '../../sim/index';
import buildKey from 'virtual:signing-key';
import { createPortalRequests } from './portal-requests';
import type { SandboxRuntime } from './sandbox-runtime';

// The first world here to sign a token (a lesson step's replay signs the portal's) takes the key
// made with the build instead of making one while the page starts (build/signing-key-plugin.ts).
offerSigningKey(importSigningPair(buildKey));

const ARM_RESOURCE = 'https://management.azure.com/';

export interface AppRuntime extends SandboxRuntime {
  /** The router's fetch as a program on the VM with this vmId (or ARM id) — what the VM's shell gets. */
  vmFetch(vmId: string): (request: Request) => Promise<Response>;
  /** The router's fetch as a Cloud Shell opened by this portal user (object id): its token endpoint answers as them. */
  cloudShellFetch(userId: string): (request: Request) => Promise<Response>;
  /** Starts over from a preset. Returns an error message for an unknown preset. */
  reset(preset: string): string | null;
  /** Replaces the world with an imported JSON snapshot; on any problem nothing changes. */
  importWorld(json: string): { ok: true } | { ok: false; error: string };
  exportWorld(): string;
  /** Replaces the world with one built elsewhere (a lesson step's start). */
  replaceWorld(world: World): void;
  dispose(): void;
}

/** The user the portal signs in as: the preset's admin (an Owner of the subscription). */
function portalUserOf(world: World): SandboxRuntime['portalUser'] {
  const users = Object.values(world.data.users);
  const user = users.find((u) => u.userPrincipalName.toLowerCase().startsWith('admin@')) ?? users[0];
  if (!user) return { objectId: '', userPrincipalName: '', displayName: 'Nobody' };
  return { objectId: user.objectId, userPrincipalName: user.userPrincipalName, displayName: user.displayName };
}

/**
 * A preset world for people: its clock runs with real time (tokens count down, propagation happens),
 * where tests and lessons get frozen clocks they advance on purpose.
 */
function livePreset(preset: string): ReturnType<typeof createWorld> {
  const made = createWorld(preset);
  if (made.ok) unfreezeClock(made.value);
  return made;
}

export function createAppRuntime(initial: World | string = 'quickstart'): AppRuntime {
  const first = typeof initial === 'string' ? livePreset(initial) : { ok: true as const, value: initial };
  if (!first.ok) throw new Error(first.error.message);
  const router: Router = createRouter(first.value);
  const listeners = new Set<() => void>();
  let revision = 0;
  let portalToken: { jwt: string; expiresOn: number; world: World } | null = null;
  // A write commits the world inside its handler, before the router logs the request. Listeners
  // (a lesson judging its step and opening the next step's request window at the newest entry)
  // must see the change and its request together, so a change made while requests are in flight is
  // told with the next log entry, or when the last request settles without one.
  let inFlight = 0;
  let worldChangePending = false;
  const onWorldChange = () => {
    if (inFlight > 0) worldChangePending = true;
    else notify();
  };
  let unsubscribeWorld = router.world.subscribe(onWorldChange);
  const unsubscribeLog = router.log.subscribe(() => {
    worldChangePending = false;
    notify();
  });

  async function routed(request: Request, opts: Parameters<Router['fetch']>[1]): Promise<Response> {
    inFlight++;
    try {
      return await router.fetch(request, opts);
    } finally {
      inFlight--;
      if (inFlight === 0 && worldChangePending) {
        worldChangePending = false;
        notify();
      }
    }
  }

  function notify(): void {
    revision++;
    for (const listener of listeners) {
      try {
        listener();
      } catch {
        // One broken view must not stop the others from updating.
      }
    }
  }

  function swap(world: World): void {
    unsubscribeWorld();
    router.replaceWorld(world);
    portalToken = null;
    unsubscribeWorld = world.subscribe(onWorldChange);
    notify();
  }

  async function bearerForPortal(): Promise<string | null> {
    const world = router.world;
    const nowS = world.now() / 1000;
    if (portalToken && portalToken.world === world && portalToken.expiresOn - 300 > nowS) return portalToken.jwt;
    const user = portalUserOf(world);
    const issued = await issueUserToken(world, { user: user.userPrincipalName, resource: ARM_RESOURCE });
    if (!issued.ok) return null;
    portalToken = { jwt: issued.value.record.jwt, expiresOn: issued.value.expiresOn, world };
    return portalToken.jwt;
  }

  const runtime: AppRuntime = {
    get world() {
      return router.world;
    },
    get log(): RequestLog {
      return router.log;
    },
    get portalUser() {
      return portalUserOf(router.world);
    },
    get revision() {
      return revision;
    },
    portalRequests: createPortalRequests(),
    async portalFetch(request) {
      if (!request.headers.has('authorization')) {
        const jwt = await bearerForPortal();
        if (jwt) {
          const headers = new Headers(request.headers);
          headers.set('Authorization', `Bearer ${jwt}`);
          request = new Request(request, { headers });
        }
      }
      return routed(request, { from: { kind: 'portal', userId: portalUserOf(router.world).objectId } });
    },
    vmFetch(vmId) {
      return (request) => routed(request, { from: { kind: 'vm', vmId } });
    },
    cloudShellFetch(userId) {
      return (request) => routed(request, { from: { kind: 'cloudShell', userId } });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset(preset) {
      const made = livePreset(preset);
      if (!made.ok) return made.error.message;
      swap(made.value);
      return null;
    },
    importWorld(json) {
      const restored = restoreWorld(json);
      if (!restored.ok) {
        const where = restored.error.path ? ` (at ${restored.error.path})` : '';
        return { ok: false, error: `${restored.error.message}${where}` };
      }
      swap(restored.value);
      return { ok: true };
    },
    exportWorld: () => serializeWorld(router.world),
    replaceWorld: swap,
    dispose() {
      unsubscribeWorld();
      unsubscribeLog();
      listeners.clear();
    },
  };
  return runtime;
}
