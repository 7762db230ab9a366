/** The VM's system-assigned identity is on (world state). */
import { findVmByName } from '../refs';
import { result, type CheckOf } from './types';

export const systemAssignedEnabled: CheckOf<'systemAssignedEnabled'> = (spec, { world }) => {
  const label = `${spec.vm}'s system-assigned identity is on`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const on = vm.identity?.type.includes('SystemAssigned') ?? false;
  return result(on, label, `Waiting for ${vm.name}'s system-assigned identity to be switched On and saved (VM → Identity → System assigned)`);
};
