/**
 * The "Add role assignment" wizard: Role → Members → Review + assign, as in the portal. Members
 * can be picked only after a role, Review only with at least one member; switching "Assign access
 * to" empties the member list (the two kinds come from different pickers). Assign sends one PUT
 * per member with a fresh GUID name, stopping at the first failure so the learner sees ARM's
 * message for it.
 *
 * Started with a prefill (the Why? panel's fix), it first loads the roles offered at the scope and
 * the members "Assign access to" lists, then opens on Review + assign with the role and member
 * chosen; the learner still presses Review + assign. A prefill that no longer fits (the role is not
 * offered, the member is gone) opens the Role step as usual, with a notice saying why.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { RoleAssignmentResource, RoleDefinitionResource } from './arm-types';
import type { Member } from './member-candidates';
import { toArmErrorInfo } from './arm-error';
import { MESSAGES } from './messages';

export type AssignAccessTo = 'userGroupServicePrincipal' | 'managedIdentity';

export const ASSIGN_ACCESS_TO_LABELS: Record<AssignAccessTo, string> = {
  userGroupServicePrincipal: 'User, group, or service principal',
  managedIdentity: 'Managed identity',
};

/** What to fill in: the role by its GUID, the member by object id in the "Assign access to" list. */
export interface AddRoleAssignmentPrefill {
  roleGuid: string;
  roleName: string;
  assignAccessTo: AssignAccessTo;
  principalId: string;
  principalName: string;
}

/** What a prefill is checked against: the roles offered at the scope and the members of its list. */
export interface PrefillChoices {
  roles: RoleDefinitionResource[];
  members: Member[];
}

export interface PrefillChoicesInput {
  scope: string;
  assignAccessTo: AssignAccessTo;
}

export interface WizardNotice {
  tone: 'info' | 'warning';
  text: string;
}

export interface AddRoleAssignmentContext {
  scope: string;
  prefill: AddRoleAssignmentPrefill | null;
  /** How the wizard was filled in, or why it could not be. */
  notice: WizardNotice | null;
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

/** The prefill checked against what the wizard offers: the choices it makes, or why it cannot. */
function prefillOutcome(prefill: AddRoleAssignmentPrefill, choices: PrefillChoices): Partial<AddRoleAssignmentContext> {
  const role = choices.roles.find((r) => r.name.toLowerCase() === prefill.roleGuid.toLowerCase());
  const member = choices.members.find((m) => m.objectId.toLowerCase() === prefill.principalId.toLowerCase());
  if (!role) return { notice: { tone: 'warning', text: MESSAGES.prefillNoRole(prefill.roleName) } };
  if (!member) return { notice: { tone: 'warning', text: MESSAGES.prefillNoMember(prefill.principalName, ASSIGN_ACCESS_TO_LABELS[prefill.assignAccessTo]) } };
  return {
    role,
    assignAccessTo: prefill.assignAccessTo,
    members: [member],
    notice: { tone: 'info', text: MESSAGES.prefilled(role.properties.roleName, member.displayName) },
  };
}

/** While ARM calls are in flight the steps stay put. */
const LOCKED = { 'role.select': {}, 'tab.role': {}, 'tab.members': {}, 'tab.review': {} } as const;

export const addRoleAssignmentMachine = setup({
  types: {
    context: {} as AddRoleAssignmentContext,
    events: {} as AddRoleAssignmentEvent,
    input: {} as { scope: string; prefill?: AddRoleAssignmentPrefill },
  },
  actors: {
    // Provided by the blade: the roles at the scope and the members listed for "Assign access to".
    loadPrefillChoices: fromPromise<PrefillChoices, PrefillChoicesInput>(async () => {
      throw new Error('loadPrefillChoices is not provided');
    }),
    // Provided by the blade: PUT roleAssignments through the portal's ARM client, one per member.
    createAssignments: fromPromise<RoleAssignmentResource[], AssignInput>(async () => {
      throw new Error('createAssignments is not provided');
    }),
  },
  guards: {
    hasPrefill: ({ context }) => context.prefill !== null,
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
    prefill: input.prefill ?? null,
    notice: null,
    role: null,
    assignAccessTo: 'userGroupServicePrincipal',
    members: [],
    description: '',
    created: [],
    error: null,
  }),
  initial: 'opening',
  on: {
    'role.select': { actions: 'selectRole' },
    'tab.role': '.role',
    'tab.members': { guard: 'hasRole', target: '.members' },
    'tab.review': { guard: 'isReady', target: '.review' },
  },
  states: {
    opening: {
      always: [{ guard: 'hasPrefill', target: 'prefilling' }, { target: 'role' }],
    },
    prefilling: {
      on: LOCKED,
      invoke: {
        src: 'loadPrefillChoices',
        input: ({ context }) => ({ scope: context.scope, assignAccessTo: context.prefill!.assignAccessTo }),
        onDone: { target: 'prefilled', actions: assign(({ context, event }) => prefillOutcome(context.prefill!, event.output)) },
        onError: {
          target: 'role',
          actions: assign({ notice: ({ event }) => ({ tone: 'warning' as const, text: MESSAGES.prefillFailed(toArmErrorInfo(event.error).message) }) }),
        },
      },
    },
    // Review when the prefill fitted, else the Role step with the notice saying why.
    prefilled: {
      always: [{ guard: 'isReady', target: 'review' }, { target: 'role' }],
    },
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
      on: LOCKED,
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
