/**
 * Turning a VM's system-assigned identity on and off, driven by systemAssignedMachine.
 * Direct calls refuse impossible transitions (enable when on, disable when off) with a named
 * error; the ARM PATCH path (vm-identity-patch.ts) only sends the events that change something,
 * because real ARM treats a repeated PATCH as a no-op.
 */
import { createServicePrincipal, softDeleteServicePrincipal } from '../directory/principals';
import { errors, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { step } from '../machine-step';
import { keyOf } from '../world/arm-id';
import type { VirtualMachine } from '../world/schema';
import type { World } from '../world/world';
import { systemAssignedMachine, type SystemAssignedEvent } from './system-assigned.machine';
import { systemAssignedOf, userAssignedOf, writeVmIdentity } from './vm-identity';
import { getVirtualMachine } from '../world/virtual-machines';

function snapshotOf(vm: VirtualMachine | undefined) {
  if (!vm) return systemAssignedMachine.resolveState({ value: 'removed', context: { principalId: null, generations: 0 } });
  const system = systemAssignedOf(vm);
  return systemAssignedMachine.resolveState({
    value: system ? 'on' : 'off',
    context: { principalId: system?.principalId ?? null, generations: 0 },
  });
}

/** The machine state of a VM's system-assigned identity, for inspectors. */
export function systemAssignedState(world: World, vmId: string): 'off' | 'on' | 'removed' {
  if (typeof vmId !== 'string') return 'removed';
  return snapshotOf(world.data.virtualMachines[keyOf(vmId)]).value as 'off' | 'on' | 'removed';
}

/**
 * Applies one lifecycle event to a VM's system-assigned identity, writing data and returning
 * feed entries; the caller commits. Null when the machine refuses the event.
 */
export function applySystemAssigned(world: World, vm: VirtualMachine, event: SystemAssignedEvent): WorldEventBody[] | null {
  const events: WorldEventBody[] = [];
  const before = systemAssignedOf(vm);
  const next = step(systemAssignedMachine, snapshotOf(vm), event, {
    createPrincipal: () => {
      const { principal, event: created } = createServicePrincipal(world, {
        displayName: vm.name,
        identityType: 'SystemAssigned',
        resourceId: vm.id,
      });
      writeVmIdentity(vm, { principalId: principal.objectId, tenantId: world.tenantId }, userAssignedOf(vm));
      events.push(created, { type: 'identity.enabled', resourceId: vm.id, principalId: principal.objectId, clientId: principal.appId });
    },
    retirePrincipal: () => {
      if (!before) return;
      writeVmIdentity(vm, null, userAssignedOf(vm));
      events.push({ type: 'identity.disabled', resourceId: vm.id, principalId: before.principalId });
      events.push(...softDeleteServicePrincipal(world, before.principalId));
    },
  });
  return next ? events : null;
}

function run(world: World, vmId: string, event: SystemAssignedEvent): Result<VirtualMachine> {
  const found = getVirtualMachine(world, vmId);
  if (!found.ok) return found;
  const vm = found.value;
  const events = applySystemAssigned(world, vm, event);
  if (!events) return errors.invalidIdentityTransition('system-assigned identity of ' + vm.name, systemAssignedState(world, vm.id), event.type);
  world.commit(events, { rbac: true });
  return ok(vm);
}

/** off → on: a new service principal with fresh principalId and clientId. */
export const enableSystemAssigned = (world: World, vmId: string): Result<VirtualMachine> => run(world, vmId, { type: 'identity.enable' });

/** on → off: the principal is soft-deleted and its role assignments are orphaned. */
export const disableSystemAssigned = (world: World, vmId: string): Result<VirtualMachine> => run(world, vmId, { type: 'identity.disable' });
