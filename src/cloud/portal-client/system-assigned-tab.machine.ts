/**
 * The Identity blade's "System assigned" tab: the Status switch is only a draft until Save; Save
 * asks for confirmation (enabling registers the VM in Entra ID, disabling deletes its principal
 * and orphans its role assignments), and only "Yes" sends the PATCH. While the PATCH runs the
 * switch and Save are locked.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { VirtualMachineResource } from './arm-types';
import { identityFacts, type VmIdentityFacts } from './vm-identity-changes';
import { toArmErrorInfo } from './arm-error';

export interface SystemAssignedContext {
  vmId: string;
  vmName: string;
  /** What ARM last said. */
  facts: VmIdentityFacts;
  principalId: string | null;
  /** The switch position. */
  desiredOn: boolean;
  error: { code: string; message: string } | null;
}

export type SystemAssignedTabEvent =
  | { type: 'status.set'; on: boolean }
  | { type: 'identity.save' }
  | { type: 'confirm.yes' }
  | { type: 'confirm.no' }
  | { type: 'identity.discard' }
  | { type: 'vm.loaded'; vm: VirtualMachineResource };

export interface SaveInput {
  vmId: string;
  facts: VmIdentityFacts;
  on: boolean;
}

function fromVm(vm: VirtualMachineResource) {
  const facts = identityFacts(vm.identity);
  return { facts, principalId: facts.systemAssigned ? (vm.identity?.principalId ?? null) : null };
}

export const systemAssignedTabMachine = setup({
  types: {
    context: {} as SystemAssignedContext,
    events: {} as SystemAssignedTabEvent,
    input: {} as { vm: VirtualMachineResource },
  },
  actors: {
    // Provided by the blade: the PATCH through the portal's ARM client.
    saveIdentity: fromPromise<VirtualMachineResource, SaveInput>(async () => {
      throw new Error('saveIdentity is not provided');
    }),
  },
  guards: {
    isDirty: ({ context }) => context.desiredOn !== context.facts.systemAssigned,
  },
  actions: {
    setDesired: assign({ desiredOn: ({ context, event }) => (event.type === 'status.set' ? event.on : context.desiredOn) }),
    discard: assign({ desiredOn: ({ context }) => context.facts.systemAssigned }),
    // A fresh read of the VM (after any world change) moves the saved state; an unsaved draft stays.
    takeLoaded: assign(({ context, event }) => {
      if (event.type !== 'vm.loaded') return {};
      const next = fromVm(event.vm);
      const dirty = context.desiredOn !== context.facts.systemAssigned;
      return { ...next, vmName: event.vm.name, desiredOn: dirty ? context.desiredOn : next.facts.systemAssigned };
    }),
    clearError: assign({ error: null }),
    notifySaved: () => {},
    notifyFailed: () => {},
  },
}).createMachine({
  id: 'systemAssignedTab',
  context: ({ input }) => {
    const { facts, principalId } = fromVm(input.vm);
    return { vmId: input.vm.id, vmName: input.vm.name, facts, principalId, desiredOn: facts.systemAssigned, error: null };
  },
  initial: 'editing',
  states: {
    editing: {
      on: {
        'status.set': { actions: ['setDesired', 'clearError'] },
        'identity.discard': { actions: 'discard' },
        'identity.save': { guard: 'isDirty', target: 'confirming' },
        'vm.loaded': { actions: 'takeLoaded' },
      },
    },
    confirming: {
      on: {
        'confirm.yes': 'saving',
        // "No" keeps the draft, as the portal does: the learner can still Save or Discard.
        'confirm.no': 'editing',
        'vm.loaded': { actions: 'takeLoaded' },
      },
    },
    saving: {
      invoke: {
        src: 'saveIdentity',
        input: ({ context }) => ({ vmId: context.vmId, facts: context.facts, on: context.desiredOn }),
        onDone: {
          target: 'editing',
          actions: [
            assign(({ event }) => {
              const next = fromVm(event.output);
              return { ...next, desiredOn: next.facts.systemAssigned, error: null };
            }),
            'notifySaved',
          ],
        },
        onError: {
          target: 'editing',
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
  },
});

/** The portal's confirmation text for the change Save is about to make. */
export function confirmationText(vmName: string, on: boolean): { title: string; body: string } {
  return on
    ? {
        title: 'Enable system assigned managed identity',
        body: `Enable system assigned managed identity for '${vmName}'? '${vmName}' will be registered with Microsoft Entra ID. Once it is registered, '${vmName}' can be granted permissions to access resources protected by Microsoft Entra ID.`,
      }
    : {
        title: 'Disable system assigned managed identity',
        body: `Disable system assigned managed identity for '${vmName}'? Its service principal will be deleted from Microsoft Entra ID. Role assignments made to it are not removed: they will show as "Identity not found", and code on '${vmName}' that uses this identity will stop getting tokens.`,
      };
}
