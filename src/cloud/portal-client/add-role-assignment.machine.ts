/**
 * The "Add role assignment" wizard: Role → Members → Review + assign, as in the portal. Members
 * can be picked only after a role, Review only with at least one member; switching "Assign access
 * to" empties the member list (the two kinds come from different pickers). Assign sends one PUT
 * per member with a fresh GUID name, stopping at the first failure so the learner sees ARM's
 * message for it.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { RoleAssignmentResource, RoleDefinitionResource } from './arm-types';
import type { Member } from './member-candidates';
import { toArmErrorInfo } from './arm-error';

export type AssignAccessTo = 'userGroupServicePrincipal' | 'managedIdentity';

export const ASSIGN_ACCESS_TO_LABELS: Record<AssignAccessTo, string> = {
  userGroupServicePrincipal: 'User, group, or service principal',
  managedIdentity: 'Managed identity',
};

export interface AddRoleAssignmentContext {
  scope: string;
  role: RoleDefinitionResource | null;
  assignAccessTo: AssignAccessTo;
  members: Member[];
  description: string;
  created: RoleAssignmentResource[];
  error: { code: string; message: string } | null;
}

export type AddRoleAssignmentEvent =
  | { type: 'role.select'; role: RoleDefinitionResource }
  | { type: 'access.set'; to: AssignAccessTo }
  | { type: 'members.add'; members: Member[] }
  | { type: 'member.remove'; objectId: string }
  | { type: 'description.set'; text: string }
  | { type: 'tab.role' }
  | { type: 'tab.members' }
  | { type: 'tab.review' }
  | { type: 'wizard.next' }
  | { type: 'wizard.previous' }
  | { type: 'wizard.assign' };

export interface AssignInput {
  scope: string;
  role: RoleDefinitionResource;
  members: Member[];
  description: string;
}

export const addRoleAssignmentMachine = setup({
  types: {
    context: {} as AddRoleAssignmentContext,
    events: {} as AddRoleAssignmentEvent,
    input: {} as { scope: string },
  },
  actors: {
    // Provided by the blade: PUT roleAssignments through the portal's ARM client, one per member.
    createAssignments: fromPromise<RoleAssignmentResource[], AssignInput>(async () => {
      throw new Error('createAssignments is not provided');
    }),
  },
  guards: {
    hasRole: ({ context }) => context.role !== null,
    isReady: ({ context }) => context.role !== null && context.members.length > 0,
  },
  actions: {
    selectRole: assign({ role: ({ context, event }) => (event.type === 'role.select' ? event.role : context.role) }),
    setAccess: assign(({ context, event }) => {
      if (event.type !== 'access.set' || event.to === context.assignAccessTo) return {};
      return { assignAccessTo: event.to, members: [] };
    }),
    addMembers: assign({
      members: ({ context, event }) => {
        if (event.type !== 'members.add') return context.members;
        const known = new Set(context.members.map((m) => m.objectId.toLowerCase()));
        const fresh = event.members.filter((m) => {
          const key = m.objectId.toLowerCase();
          if (known.has(key)) return false;
          known.add(key);
          return true;
        });
        return [...context.members, ...fresh];
      },
    }),
    removeMember: assign({
      members: ({ context, event }) =>
        event.type === 'member.remove' ? context.members.filter((m) => m.objectId.toLowerCase() !== event.objectId.toLowerCase()) : context.members,
    }),
    setDescription: assign({ description: ({ context, event }) => (event.type === 'description.set' ? event.text.slice(0, 2048) : context.description) }),
    notifyAssigned: () => {},
    notifyFailed: () => {},
  },
}).createMachine({
  id: 'addRoleAssignment',
  context: ({ input }) => ({
    scope: input.scope,
    role: null,
    assignAccessTo: 'userGroupServicePrincipal',
    members: [],
    description: '',
    created: [],
    error: null,
  }),
  initial: 'role',
  on: {
    'role.select': { actions: 'selectRole' },
    'tab.role': '.role',
    'tab.members': { guard: 'hasRole', target: '.members' },
    'tab.review': { guard: 'isReady', target: '.review' },
  },
  states: {
    role: {
      on: { 'wizard.next': { guard: 'hasRole', target: 'members' } },
    },
    members: {
      on: {
        'access.set': { actions: 'setAccess' },
        'members.add': { actions: 'addMembers' },
        'member.remove': { actions: 'removeMember' },
        'description.set': { actions: 'setDescription' },
        'wizard.next': { guard: 'isReady', target: 'review' },
        'wizard.previous': 'role',
      },
    },
    review: {
      on: {
        'wizard.previous': 'members',
        'wizard.assign': { guard: 'isReady', target: 'assigning' },
      },
    },
    assigning: {
      // Locked: no tab switching or edits while the PUTs are in flight.
      on: { 'role.select': {}, 'tab.role': {}, 'tab.members': {}, 'tab.review': {} },
      invoke: {
        src: 'createAssignments',
        input: ({ context }) => ({ scope: context.scope, role: context.role!, members: context.members, description: context.description }),
        onDone: { target: 'done', actions: [assign({ created: ({ event }) => event.output, error: null }), 'notifyAssigned'] },
        onError: {
          target: 'review',
          actions: [
            assign({
              error: ({ event }) => {
                const { code, message } = toArmErrorInfo(event.error);
                return { code, message };
              },
            }),
            'notifyFailed',
          ],
        },
      },
    },
    done: { type: 'final' },
  },
});
