/**
 * The user-assigned tutorial's world: the quickstart plus `myUserAssignedIdentity`, shared by both
 * VMs, and `myLinuxVM` also running a system-assigned identity (both kinds on one VM, which is
 * when IMDS needs `client_id` to pick the user-assigned one).
 */
import { enableSystemAssigned } from '../identity/system-assigned';
import { attachUserAssigned, createUserAssignedIdentity } from '../identity/user-assigned';
import { must, type NewWorldOptions } from '../world/create';
import { quickstartWorld, QUICKSTART, type QuickstartWorld } from './quickstart';

export interface UserAssignedWorld extends QuickstartWorld {
  identityId: string;
}

export function userAssignedWorld(opts: NewWorldOptions = {}): UserAssignedWorld {
  const base = quickstartWorld(opts);
  const { world, subscriptionId } = base;
  const { identity } = must(
    createUserAssignedIdentity(world, { subscriptionId, resourceGroup: QUICKSTART.resourceGroup, name: 'myUserAssignedIdentity', location: QUICKSTART.location }),
    'user-assigned identity',
  );
  must(attachUserAssigned(world, identity.id, base.linuxVmId), 'attach to linux');
  must(attachUserAssigned(world, identity.id, base.windowsVmId), 'attach to windows');
  must(enableSystemAssigned(world, base.linuxVmId), 'system-assigned on linux');
  return { ...base, identityId: identity.id };
}
