/**
 * Lifecycle of a role assignment: requested → propagating → effective → removed, or orphaned when
 * its principal is deleted (it stays, shown as "Identity not found", rbac-arm.md §4.3). With a
 * propagation delay of 0 an accepted assignment passes through propagating immediately.
 */
import { setup } from 'xstate';

export type AssignmentEvent =
  | { type: 'assignment.accept' }
  | { type: 'assignment.propagated' }
  | { type: 'assignment.remove' }
  | { type: 'assignment.orphan' };

export type AssignmentState = 'requested' | 'propagating' | 'effective' | 'removed' | 'orphaned';

export const assignmentMachine = setup({
  types: { events: {} as AssignmentEvent },
  actions: {
    // Effects supplied by the operation (machine-step.ts).
    store: () => {},
    markRemoved: () => {},
  },
}).createMachine({
  id: 'roleAssignment',
  initial: 'requested',
  states: {
    requested: { on: { 'assignment.accept': { target: 'propagating', actions: 'store' } } },
    propagating: {
      on: {
        'assignment.propagated': { target: 'effective' },
        'assignment.remove': { target: 'removed', actions: 'markRemoved' },
        'assignment.orphan': { target: 'orphaned' },
      },
    },
    effective: {
      on: {
        'assignment.remove': { target: 'removed', actions: 'markRemoved' },
        'assignment.orphan': { target: 'orphaned' },
      },
    },
    orphaned: { on: { 'assignment.remove': { target: 'removed', actions: 'markRemoved' } } },
    removed: { type: 'final' },
  },
});
