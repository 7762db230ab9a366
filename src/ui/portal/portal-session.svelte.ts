/**
 * One portal per SandboxRuntime: its ARM client (through `runtime.portalFetch`), the directory,
 * notifications and navigation, and a `worldVersion` that bumps when the world changes so every
 * open blade re-reads ARM.
 */
import { getContext, setContext } from 'svelte';
import { createActor } from 'xstate';
import { createArmClient, type ArmClient } from '../../cloud/portal-client/arm-client';
import { navigationMachine } from '../../cloud/portal-client/navigation.machine';
import { NotificationCenter } from '../../cloud/portal-client/notifications';
import { worldDirectory, type PrincipalDirectory } from '../../cloud/portal-client/principal-directory';
import { worldChangeTracker } from '../../cloud/portal-client/world-changes';
import { SANDBOX_CONTEXT, type SandboxRuntime } from '../runtime/sandbox-runtime';

const PORTAL_CONTEXT = Symbol('mi-portal-session');

export class PortalSession {
  readonly client: ArmClient;
  readonly directory: PrincipalDirectory;
  readonly notifications = new NotificationCenter();
  readonly nav = createActor(navigationMachine, { input: {} });
  worldVersion = $state(0);
  propagationDelayMs = $state(0);
  private readonly stop: () => void;

  constructor(readonly runtime: SandboxRuntime) {
    this.client = createArmClient((request) => runtime.portalFetch(request));
    this.directory = worldDirectory(() => runtime.world);
    this.propagationDelayMs = runtime.world.data.settings.propagationDelayMs;
    const changed = worldChangeTracker(() => runtime.world);
    this.stop = runtime.subscribe(() => {
      if (!changed()) return;
      this.propagationDelayMs = runtime.world.data.settings.propagationDelayMs;
      this.worldVersion++;
    });
    this.nav.start();
  }

  get subscriptionId(): string {
    return Object.keys(this.runtime.world.data.subscriptions)[0] ?? '';
  }

  /** Re-read everything now (e.g. after an operation whose write did not change the world). */
  refresh(): void {
    this.worldVersion++;
  }

  dispose(): void {
    this.stop();
    this.nav.stop();
  }
}

export function providePortalSession(): PortalSession {
  const runtime = getContext<SandboxRuntime | undefined>(SANDBOX_CONTEXT);
  if (!runtime) throw new Error('PortalView needs a SandboxRuntime in Svelte context (setContext(SANDBOX_CONTEXT, runtime)).');
  const session = new PortalSession(runtime);
  setContext(PORTAL_CONTEXT, session);
  return session;
}

export function portal(): PortalSession {
  const session = getContext<PortalSession | undefined>(PORTAL_CONTEXT);
  if (!session) throw new Error('Portal blades must be rendered inside PortalView.');
  return session;
}
