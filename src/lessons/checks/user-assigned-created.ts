/** A user-assigned identity of that name exists in that resource group (world state). */
import { findResourceGroupByName } from '../refs';
import { result, type CheckOf } from './types';

export const userAssignedCreated: CheckOf<'userAssignedCreated'> = (spec, { world }) => {
  const label = `The user-assigned identity ${spec.identity} exists in ${spec.resourceGroup}`;
  const group = findResourceGroupByName(world, spec.resourceGroup);
  if (!group) return result(false, label, `Waiting for a resource group named ${spec.resourceGroup} (there is none in this world)`);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const all = Object.values(world.data.userAssignedIdentities).filter((i) => same(i.name, spec.identity));
  if (all.some((i) => i.id.toLowerCase().startsWith(`${group.id.toLowerCase()}/`))) return result(true, label, '');
  // The same name elsewhere is the likeliest slip: the Create form's group left at another value.
  const elsewhere = all[0] ? /\/resourceGroups\/([^/]+)\//i.exec(all[0].id)?.[1] : undefined;
  const hint = elsewhere ? ` (there is one in ${elsewhere}, not in ${group.name})` : '';
  return result(false, label, `Waiting for ${spec.identity} to be created in ${group.name} (Managed Identities → + Create)${hint}`);
};
