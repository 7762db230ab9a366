/** Deleting a VM: its system-assigned identity goes with it, user-assigned ones are detached. */
import { ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { keyOf } from '../world/arm-id';
import { getVirtualMachine } from '../world/virtual-machines';
import type { World } from '../world/world';
import { removeResources } from './remove-resources';

export function deleteVirtualMachine(world: World, id: string): Result<{ id: string }> {
  const vm = getVirtualMachine(world, id);
  if (!vm.ok) return vm;
  const events: WorldEventBody[] = [];
  removeResources(world, [keyOf(vm.value.id)], events);
  world.commit(events, { rbac: true });
  return ok({ id: vm.value.id });
}
