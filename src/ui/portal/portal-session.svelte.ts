/**
 * One portal per SandboxRuntime: its ARM client (through `runtime.portalFetch`), the directory,
 * notifications and navigation, and a `worldVersion` that bumps when the world changes so every
 * open blade re-reads ARM. Requests from other screens (`runtime.portalRequests`) open their blade
 * and wait there for it to take them; leaving that blade drops a request not yet taken.
 */
import { getContext, setContext } from 'svelte';
import { createActor } from 'xstate';
import { createArmClient, type ArmClient } from '../../cloud/portal-client/arm-client';
import type { AddRoleAssignmentRequest } from '../../cloud/inspect/portal-request';
import type { SubscriptionResource } from '../../cloud/portal-client/arm-types';
import { currentBlade, navigationMachine, sameBlade } from '../../cloud/portal-client/navigation.machine';
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
  /** The subscriptions ARM lists for the signed-in user (names for display). */
  subscriptions = $state.raw<SubscriptionResource[]>([]);
  /** A request opened its blade and waits for the blade to take it. */
  private pending = $state.raw<AddRoleAssignmentRequest | null>(null);
  private readonly stop: () => void;
  private readonly stopRequests: () => void;
  private readonly stopNav: () => void;

  constructor(readonly runtime: SandboxRuntime) {
    this.client = createArmClient((request) => runtime.portalFetch(request));
    this.directory = worldDirectory(() => runtime.world);
    this.propagationDelayMs = runtime.world.data.settings.propagationDelayMs;
    const changed = worldChangeTracker(() => runtime.world);
    this.stop = runtime.subscribe(() => {
      if (!changed()) return;
      this.propagationDelayMs = runtime.world.data.settings.propagationDelayMs;
      this.worldVersion++;
      this.loadSubscriptions();
    });
    this.nav.start();
    const navigated = this.nav.subscribe((s) => {
      if (this.pending && !sameBlade(currentBlade(s.context), this.pending.blade)) this.pending = null;
    });
    this.stopNav = () => navigated.unsubscribe();
    this.stopRequests = runtime.portalRequests.subscribe((request) => {
      // Pending first: opening the blade must not look like leaving it.
      this.pending = request;
      this.nav.send({ type: 'nav.root', blade: request.blade });
    });
    this.loadSubscriptions();
  }

  /** The waiting request for the IAM blade of this scope, handed over once (null if none). */
  takeRequest(scope: string): AddRoleAssignmentRequest | null {
    const request = this.pending;
    if (!request || request.bladeScope.toLowerCase() !== scope.toLowerCase()) return null;
    this.pending = null;
    return request;
  }

  private loadSubscriptions(): void {
    this.client.listSubscriptions().then(
      (list) => (this.subscriptions = list),
      () => (this.subscriptions = []),
    );
  }

  /**
   * The subscription the blades work in. The portal knows its signed-in context's default
   * subscription before any list arrives; the sandbox's worlds have exactly one.
   */
  get subscriptionId(): string {
    return this.subscriptions[0]?.subscriptionId ?? Object.keys(this.runtime.world.data.subscriptions)[0] ?? '';
  }

  /** Display name from ARM's list; the id itself until the list has loaded (or if it is not visible). */
  subscriptionName(id: string): string {
    return this.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase())?.displayName ?? id;
  }

  /** Re-read everything now (e.g. after an operation whose write did not change the world). */
  refresh(): void {
    this.worldVersion++;
  }

  dispose(): void {
    this.stop();
    this.stopRequests();
    this.stopNav();
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
