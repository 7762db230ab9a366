/**
 * Lifecycle of a user-assigned identity (rbac-arm.md §4.2–4.3): created (detached) → attached to
 * any number of resources → deleted. Deleting detaches it everywhere and soft-deletes its
 * principal; tokens already issued stay valid until they expire (nothing here revokes them).
 */
import { assign, setup } from 'xstate';

export type UserAssignedEvent =
  | { type: 'identity.attach'; resourceId: string }
  | { type: 'identity.detach'; resourceId: string }
  | { type: 'identity.delete' };

export interface UserAssignedContext {
  /** Lower-cased ARM ids of the resources it is attached to. */
  attachedTo: string[];
}

const target = (e: UserAssignedEvent): string => ('resourceId' in e ? e.resourceId.toLowerCase() : '');

export const userAssignedMachine = setup({
  types: {
    context: {} as UserAssignedContext,
    events: {} as UserAssignedEvent,
    input: {} as Partial<UserAssignedContext> | undefined,
  },
  guards: {
    notAttachedThere: ({ context, event }) => !context.attachedTo.includes(target(event)),
    attachedThere: ({ context, event }) => context.attachedTo.includes(target(event)),
    lastAttachment: ({ context, event }) =>
      context.attachedTo.length === 1 && context.attachedTo[0] === target(event),
  },
  actions: {
    // Effects supplied by the operation (machine-step.ts).
    writeAttachment: () => {},
    eraseAttachment: () => {},
    detachEverywhere: () => {},
    retirePrincipal: () => {},
    rememberAttachment: assign({
      attachedTo: ({ context, event }) => [...context.attachedTo, target(event)],
    }),
    forgetAttachment: assign({
      attachedTo: ({ context, event }) => context.attachedTo.filter((id) => id !== target(event)),
    }),
    forgetAll: assign({ attachedTo: [] }),
  },
}).createMachine({
  id: 'userAssignedIdentity',
  initial: 'detached',
  context: ({ input }) => ({ attachedTo: input?.attachedTo ?? [] }),
  states: {
    detached: {
      on: {
        'identity.attach': { target: 'attached', actions: ['writeAttachment', 'rememberAttachment'] },
        'identity.delete': { target: 'deleted', actions: ['retirePrincipal'] },
      },
    },
    attached: {
      on: {
        'identity.attach': {
          guard: 'notAttachedThere',
          target: 'attached',
          actions: ['writeAttachment', 'rememberAttachment'],
        },
        'identity.detach': [
          { guard: 'lastAttachment', target: 'detached', actions: ['eraseAttachment', 'forgetAttachment'] },
          { guard: 'attachedThere', target: 'attached', actions: ['eraseAttachment', 'forgetAttachment'] },
        ],
        'identity.delete': { target: 'deleted', actions: ['detachEverywhere', 'retirePrincipal', 'forgetAll'] },
      },
    },
    deleted: { type: 'final' },
  },
});
