/** A user-assigned identity is attached to the VM (world state). */
import { findIdentityByName, findVmByName } from '../refs';
import { result, type CheckOf } from './types';

export const userAssignedAttached: CheckOf<'userAssignedAttached'> = (spec, { world }) => {
  const label = `${spec.identity} is attached to ${spec.vm}`;
  const vm = findVmByName(world, spec.vm);
  if (!vm) return result(false, label, `Waiting for a VM named ${spec.vm} (there is none in this world)`);
  const identity = findIdentityByName(world, spec.identity);
  if (!identity) return result(false, label, `Waiting for a user-assigned identity named ${spec.identity} to exist`);
  const attached = Object.keys(vm.identity?.userAssignedIdentities ?? {}).some((k) => k.toLowerCase() === identity.id.toLowerCase());
  return result(attached, label, `Waiting for ${identity.name} to be added to ${vm.name} (VM → Identity → User assigned → Add)`);
};
