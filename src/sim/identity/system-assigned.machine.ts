/**
 * Lifecycle of a resource's system-assigned identity (rbac-arm.md §4.2–4.3): off → on creates a
 * service principal with fresh ids; on → off soft-deletes it and orphans its role assignments;
 * turning it on again creates a *new* principal; deleting the resource removes it for good.
 */
import { assign, setup } from 'xstate';

export type SystemAssignedEvent =
  | { type: 'identity.enable' }
  | { type: 'identity.disable' }
  | { type: 'identity.remove' };

export interface SystemAssignedContext {
  principalId: string | null;
  /** Principals this resource has had; each enable adds one, none is ever reused. */
  generations: number;
}

export const systemAssignedMachine = setup({
  types: {
    context: {} as SystemAssignedContext,
    events: {} as SystemAssignedEvent,
    input: {} as Partial<SystemAssignedContext> | undefined,
  },
  actions: {
    // Effects supplied by the operation (see machine-step.ts); pure transitions only name them.
    createPrincipal: () => {},
    retirePrincipal: () => {},
    countGeneration: assign({ generations: ({ context }) => context.generations + 1 }),
    forgetPrincipal: assign({ principalId: null }),
  },
}).createMachine({
  id: 'systemAssignedIdentity',
  initial: 'off',
  context: ({ input }) => ({ principalId: input?.principalId ?? null, generations: input?.generations ?? 0 }),
  states: {
    off: {
      on: {
        'identity.enable': { target: 'on', actions: ['createPrincipal', 'countGeneration'] },
        'identity.remove': { target: 'removed' },
      },
    },
    on: {
      on: {
        'identity.disable': { target: 'off', actions: ['retirePrincipal', 'forgetPrincipal'] },
        'identity.remove': { target: 'removed', actions: ['retirePrincipal', 'forgetPrincipal'] },
      },
    },
    removed: { type: 'final' },
  },
});
