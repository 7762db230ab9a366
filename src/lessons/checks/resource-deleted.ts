/**
 * A resource is gone (world state): a user-assigned identity, or a whole VM. Either leaves its role
 * assignments behind as "Identity not found" (rbac-arm.md §4.3), which other checks look at.
 */
import { findResourceGroupByName, findVmByName } from '../refs';
import { result, type CheckOf } from './types';

export const userAssignedDeleted: CheckOf<'userAssignedDeleted'> = (spec, { world }) => {
  const label = `The user-assigned identity ${spec.identity} is deleted from ${spec.resourceGroup}`;
  const group = findResourceGroupByName(world, spec.resourceGroup);
  if (!group) return result(false, label, `Waiting for a resource group named ${spec.resourceGroup} (there is none in this world)`);
  const prefix = `${group.id.toLowerCase()}/`;
  const still = Object.values(world.data.userAssignedIdentities).find(
    (i) => i.name.toLowerCase() === spec.identity.toLowerCase() && i.id.toLowerCase().startsWith(prefix),
  );
  return result(still === undefined, label, `Waiting for ${spec.identity} to be deleted (Managed Identities → ${spec.identity} → Delete)`);
};

export const vmDeleted: CheckOf<'vmDeleted'> = (spec, { world }) => {
  const label = `The VM ${spec.vm} is deleted`;
  const vm = findVmByName(world, spec.vm);
  return result(vm === undefined, label, `Waiting for ${spec.vm} to be deleted (Virtual machines → ${spec.vm} → Overview → Delete)`);
};
