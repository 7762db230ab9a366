/**
 * Which identity IMDS uses for a token request from a VM (imds.md §1.2): the one named by
 * `client_id` / `object_id` / `msi_res_id` if attached, else system-assigned if on, else the only
 * user-assigned identity; several user-assigned and no selector is an error.
 */
import { errors, ok, type Result } from '../errors';
import { findVm } from '../world/virtual-machines';
import type { VirtualMachine } from '../world/schema';
import type { World } from '../world/world';
import { systemAssignedOf, userAssignedOf } from './vm-identity';

export interface IdentitySelector {
  clientId?: string | null;
  objectId?: string | null;
  msiResId?: string | null;
}

export interface ResolvedIdentity {
  vm: VirtualMachine;
  kind: 'SystemAssigned' | 'UserAssigned';
  principalId: string;
  clientId: string;
  /** ARM id of the identity: the VM for system-assigned, the identity resource for user-assigned. */
  identityResourceId: string;
}

export function resolveVmIdentity(world: World, vm: string | VirtualMachine, selector: IdentitySelector = {}): Result<ResolvedIdentity> {
  const machine = typeof vm === 'string' ? findVm(world, vm) : vm;
  // No VM behind the caller: IMDS has nothing to hand out.
  if (!machine) return errors.identityNotFound();
  if (selector === null || typeof selector !== 'object') selector = {};
  const given = [selector.clientId, selector.objectId, selector.msiResId].filter((s) => s != null && s !== '');
  // A selector that is not text can name no identity.
  if (given.some((s) => typeof s !== 'string')) return errors.identityNotFound();
  if (given.length > 1) return errors.identitySelectorConflict();

  const candidates: ResolvedIdentity[] = [];
  const system = systemAssignedOf(machine);
  if (system) {
    const sp = world.data.servicePrincipals[system.principalId];
    if (sp && sp.deletedAt === null) {
      candidates.push({ vm: machine, kind: 'SystemAssigned', principalId: sp.objectId, clientId: sp.appId, identityResourceId: machine.id });
    }
  }
  for (const [id, ref] of Object.entries(userAssignedOf(machine))) {
    candidates.push({ vm: machine, kind: 'UserAssigned', principalId: ref.principalId, clientId: ref.clientId, identityResourceId: id });
  }

  const norm = (s: string | null | undefined) => (s ?? '').toLowerCase();
  let chosen: ResolvedIdentity | undefined;
  if (selector.clientId) chosen = candidates.find((c) => c.clientId === norm(selector.clientId));
  else if (selector.objectId) chosen = candidates.find((c) => c.principalId === norm(selector.objectId));
  else if (selector.msiResId) chosen = candidates.find((c) => c.identityResourceId.toLowerCase() === norm(selector.msiResId));
  else {
    chosen = candidates.find((c) => c.kind === 'SystemAssigned');
    if (!chosen) {
      const users = candidates.filter((c) => c.kind === 'UserAssigned');
      if (users.length > 1) return errors.multipleUserAssigned();
      chosen = users[0];
    }
  }
  return chosen ? ok(chosen) : errors.identityNotFound();
}
