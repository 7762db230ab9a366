/**
 * Where the learner is in the portal: a stack of blades (the portal's breadcrumb trail) with the
 * open one on top. Opening a blade pushes it; Back pops; Home starts over; a blade's menu switches
 * sections in place, as the portal's resource menus do (no new breadcrumb).
 */
import { assign, setup } from 'xstate';
import { nameOf } from './scopes';

export type ResourceSection = 'overview' | 'identity' | 'iam';

export type Blade =
  | { kind: 'home' }
  | { kind: 'resourceGroups' }
  | { kind: 'allResources' }
  | { kind: 'managedIdentities' }
  | { kind: 'virtualMachines' }
  | { kind: 'subscriptions' }
  | { kind: 'subscription'; id: string; section: 'overview' | 'iam' }
  | { kind: 'resourceGroup'; id: string; section: 'overview' | 'iam' }
  | { kind: 'virtualMachine'; id: string; section: ResourceSection }
  | { kind: 'managedIdentity'; id: string; section: 'overview' | 'iam' }
  /** Storage accounts and key vaults: the narrowest scope the data tutorials grant a role at. */
  | { kind: 'storageAccount'; id: string; section: 'overview' | 'iam' }
  | { kind: 'keyVault'; id: string; section: 'overview' | 'iam' }
  /** The identity's "Azure role assignments" list, opened from a VM's or identity's Identity blade. */
  | { kind: 'identityRoleAssignments'; principalId: string; subscriptionId: string; title: string };

export type BladeKind = Blade['kind'];

export type NavigationEvent =
  | { type: 'nav.open'; blade: Blade }
  /** The portal menu: a top-level blade starts a new trail (Home › that blade). */
  | { type: 'nav.root'; blade: Blade }
  | { type: 'nav.section'; section: ResourceSection }
  | { type: 'nav.back' }
  /** A breadcrumb click: back to the blade at that depth (0 = Home). */
  | { type: 'nav.to'; depth: number }
  | { type: 'nav.home' };

export interface NavigationContext {
  /** Bottom is always Home. */
  stack: Blade[];
}

const HOME: Blade = { kind: 'home' };

/** Max breadcrumb depth: a learner clicking around for an hour must not grow memory without end. */
export const MAX_DEPTH = 20;

function sectionsOf(blade: Blade): readonly ResourceSection[] {
  switch (blade.kind) {
    case 'virtualMachine':
      return ['overview', 'identity', 'iam'];
    case 'subscription':
    case 'resourceGroup':
    case 'managedIdentity':
    case 'storageAccount':
    case 'keyVault':
      return ['overview', 'iam'];
    default:
      return [];
  }
}

export const navigationMachine = setup({
  types: {
    context: {} as NavigationContext,
    events: {} as NavigationEvent,
    input: {} as { start?: Blade },
  },
  guards: {
    canGoBack: ({ context }) => context.stack.length > 1,
    depthExists: ({ context, event }) =>
      event.type === 'nav.to' && Number.isInteger(event.depth) && event.depth >= 0 && event.depth < context.stack.length,
    sectionExists: ({ context, event }) => {
      if (event.type !== 'nav.section') return false;
      const top = context.stack[context.stack.length - 1];
      return top !== undefined && sectionsOf(top).includes(event.section);
    },
  },
  actions: {
    push: assign({
      stack: ({ context, event }) => {
        if (event.type !== 'nav.open') return context.stack;
        if (event.blade.kind === 'home') return [HOME];
        const next = [...context.stack, event.blade];
        return next.length > MAX_DEPTH ? [HOME, ...next.slice(next.length - MAX_DEPTH + 1)] : next;
      },
    }),
    pop: assign({ stack: ({ context }) => context.stack.slice(0, -1) }),
    root: assign({ stack: ({ event }) => (event.type === 'nav.root' && event.blade.kind !== 'home' ? [HOME, event.blade] : [HOME]) }),
    truncate: assign({
      stack: ({ context, event }) => (event.type === 'nav.to' ? context.stack.slice(0, Math.max(1, Math.floor(event.depth) + 1)) : context.stack),
    }),
    reset: assign({ stack: () => [HOME] }),
    switchSection: assign({
      stack: ({ context, event }) => {
        if (event.type !== 'nav.section') return context.stack;
        const top = context.stack[context.stack.length - 1];
        if (!top || !('section' in top)) return context.stack;
        return [...context.stack.slice(0, -1), { ...top, section: event.section } as Blade];
      },
    }),
  },
}).createMachine({
  id: 'portalNavigation',
  context: ({ input }) => ({ stack: input?.start && input.start.kind !== 'home' ? [HOME, input.start] : [HOME] }),
  initial: 'browsing',
  states: {
    browsing: {
      on: {
        'nav.open': { actions: 'push' },
        'nav.root': { actions: 'root' },
        'nav.back': { guard: 'canGoBack', actions: 'pop' },
        'nav.to': { guard: 'depthExists', actions: 'truncate' },
        'nav.home': { actions: 'reset' },
        'nav.section': { guard: 'sectionExists', actions: 'switchSection' },
      },
    },
  },
});

/** The blade a resource of this type opens in, or null for types the portal has no blade for. */
export function bladeForResource(type: string, id: string): Blade | null {
  switch (type.toLowerCase()) {
    case 'microsoft.compute/virtualmachines':
      return { kind: 'virtualMachine', id, section: 'overview' };
    case 'microsoft.managedidentity/userassignedidentities':
      return { kind: 'managedIdentity', id, section: 'overview' };
    case 'microsoft.resources/resourcegroups':
      return { kind: 'resourceGroup', id, section: 'overview' };
    case 'microsoft.storage/storageaccounts':
      return { kind: 'storageAccount', id, section: 'overview' };
    case 'microsoft.keyvault/vaults':
      return { kind: 'keyVault', id, section: 'overview' };
    default:
      return null;
  }
}

export function currentBlade(context: NavigationContext): Blade {
  return context.stack[context.stack.length - 1] ?? HOME;
}

/** The same blade showing the same section (resource ids compare case-insensitively, as ARM's do). */
export function sameBlade(a: Blade, b: Blade): boolean {
  const key = (x: Blade) => ('id' in x ? `${x.id.toLowerCase()}|${x.section}` : x.kind === 'identityRoleAssignments' ? x.principalId : '');
  return a.kind === b.kind && key(a) === key(b);
}


const LIST_TITLES = {
  home: 'Home',
  resourceGroups: 'Resource groups',
  allResources: 'All resources',
  managedIdentities: 'Managed Identities',
  virtualMachines: 'Virtual machines',
  subscriptions: 'Subscriptions',
} as const;

/** The breadcrumb text for a blade (resource blades are named after the resource). */
export function bladeTitle(blade: Blade, subscriptionName?: (id: string) => string | undefined): string {
  switch (blade.kind) {
    case 'subscription':
      return subscriptionName?.(blade.id) ?? nameOf(blade.id);
    case 'resourceGroup':
    case 'virtualMachine':
    case 'managedIdentity':
    case 'storageAccount':
    case 'keyVault':
      return nameOf(blade.id);
    case 'identityRoleAssignments':
      return blade.title;
    default:
      return LIST_TITLES[blade.kind];
  }
}
