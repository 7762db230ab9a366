/** Deleting a resource group with everything in it. */
import { removeScopeExtensions } from '../assignments/remove-at-scope';
import { ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { keyOf, parseResourceId } from '../world/arm-id';
import { requireResourceGroup } from '../world/resource-groups';
import { resourcesInGroup } from '../world/tree';
import type { World } from '../world/world';
import { removeResources } from './remove-resources';

/**
 * Deletes a group and everything in it: VMs take their system-assigned identities with them,
 * user-assigned identities are detached everywhere, and role assignments on the group or below
 * are removed with their scopes.
 */
export function deleteResourceGroup(world: World, subscriptionId: string, name: string): Result<{ deleted: string[] }> {
  const rg = requireResourceGroup(world, subscriptionId, name);
  if (!rg.ok) return rg;
  const keys = resourcesInGroup(world, rg.value.id);
  // Identities first would detach them from VMs that are about to go anyway; VMs first keeps the
  // feed readable (vm.deleted, then identity.deleted with no detachments).
  const order = (k: string) => (parseResourceId(k)?.providerType.toLowerCase() === 'microsoft.compute/virtualmachines' ? 0 : 1);
  keys.sort((a, b) => order(a) - order(b));
  const events: WorldEventBody[] = [];
  const deleted = removeResources(world, keys, events);
  events.push(...removeScopeExtensions(world, rg.value.id));
  delete world.data.resourceGroups[keyOf(rg.value.id)];
  events.push({ type: 'resourceGroup.deleted', id: rg.value.id, deletedResources: deleted });
  world.commit(events, { rbac: true });
  return ok({ deleted });
}
