/**
 * Removing resources with their dependants, shared by resource and resource-group deletes.
 * Identities go through their lifecycle machines so deletes look exactly like the individual
 * transitions in the feed. This sits above world/ and identity/ (both of which it uses), so the
 * imports run one way: identity/ reads VMs from world/, and nothing in world/ removes identities.
 */
import type { WorldEventBody } from '../events';
import { applySystemAssigned } from '../identity/system-assigned';
import { applyUserAssigned } from '../identity/user-assigned';
import { userAssignedOf } from '../identity/vm-identity';
import { keyOf } from '../world/arm-id';
import { removeScopeExtensions } from '../assignments/remove-at-scope';
import type { World } from '../world/world';

/** Removes the resources with these lower-cased keys; returns their ids. Caller commits. */
export function removeResources(world: World, keys: readonly string[], events: WorldEventBody[]): string[] {
  const deleted: string[] = [];
  const d = world.data;
  for (const key of keys) {
    const vm = d.virtualMachines[key];
    if (vm) {
      for (const identityId of Object.keys(userAssignedOf(vm))) {
        const identity = d.userAssignedIdentities[keyOf(identityId)];
        if (identity) events.push(...(applyUserAssigned(world, identity, { type: 'identity.detach', resourceId: vm.id }) ?? []));
      }
      events.push(...(applySystemAssigned(world, vm, { type: 'identity.remove' }) ?? []));
      delete d.virtualMachines[key];
      events.push(...removeScopeExtensions(world, vm.id), { type: 'vm.deleted', id: vm.id });
      deleted.push(vm.id);
      continue;
    }
    const identity = d.userAssignedIdentities[key];
    if (identity) {
      events.push(...(applyUserAssigned(world, identity, { type: 'identity.delete' }) ?? []));
      deleted.push(identity.id);
      continue;
    }
    const account = d.storageAccounts[key];
    if (account) {
      for (const [ck, c] of Object.entries(d.blobContainers)) {
        if (keyOf(c.accountId) === key) delete d.blobContainers[ck];
      }
      delete d.storageAccounts[key];
      events.push(...removeScopeExtensions(world, account.id), { type: 'storage.accountDeleted', id: account.id });
      deleted.push(account.id);
      continue;
    }
    const vault = d.keyVaults[key];
    if (vault) {
      for (const [sk, s] of Object.entries(d.secrets)) {
        if (keyOf(s.vaultId) === key) delete d.secrets[sk];
      }
      delete d.keyVaults[key];
      events.push(...removeScopeExtensions(world, vault.id), { type: 'keyVault.deleted', id: vault.id });
      deleted.push(vault.id);
    }
  }
  return deleted;
}
