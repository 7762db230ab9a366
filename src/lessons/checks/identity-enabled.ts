/** The VM's system-assigned identity is on, or switched off again (world state). */
import { findVmByName } from '../refs';
import { result, type CheckOf } from './types';

export const systemAssignedEnabled: CheckOf<'systemAssignedEnabled'> = (spec, { world }) => {
  const label = `${spec.vm}'s system-assigned identity is on`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const on = vm.identity?.type.includes('SystemAssigned') ?? false;
  return result(on, label, `Waiting for ${vm.name}'s system-assigned identity to be switched On and saved (VM → Security → Identity → System assigned)`);
};

/**
 * Off, on a VM that still exists: deleting the VM also removes its identity, but that is a
 * different lesson (`vmDeleted`), so a missing VM does not count here.
 */
export const systemAssignedDisabled: CheckOf<'systemAssignedDisabled'> = (spec, { world }) => {
  const label = `${spec.vm}'s system-assigned identity is off`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const on = vm.identity?.type.includes('SystemAssigned') ?? false;
  return result(!on, label, `Waiting for ${vm.name}'s system-assigned identity to be switched Off and saved (VM → Security → Identity → System assigned)`);
};
