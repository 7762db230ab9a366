/**
 * The VM PATCH bodies behind the Identity blade's buttons, with Compute's semantics (rbac-arm.md
 * §3.2): a PATCH that names only `SystemAssigned` drops user-assigned identities, so every body
 * restates the kind that stays; a `null` map entry detaches one user-assigned identity; `None`
 * removes everything. Compute's combined spelling has a comma and a space.
 */
import type { VmIdentity, VmIdentityPatchBody, VmIdentityType } from './arm-types';

export interface VmIdentityFacts {
  systemAssigned: boolean;
  /** ARM ids of the attached user-assigned identities, as the VM lists them. */
  userAssigned: string[];
}

export function identityFacts(identity: VmIdentity | undefined): VmIdentityFacts {
  const type = (identity?.type ?? 'None').replace(/\s/g, '').toLowerCase();
  return {
    systemAssigned: type === 'systemassigned' || type === 'systemassigned,userassigned',
    userAssigned: Object.keys(identity?.userAssignedIdentities ?? {}),
  };
}

function typeOf(system: boolean, userCount: number): VmIdentityType {
  if (system && userCount > 0) return 'SystemAssigned, UserAssigned';
  if (system) return 'SystemAssigned';
  return userCount > 0 ? 'UserAssigned' : 'None';
}

/** Switches the system-assigned identity on or off, keeping the user-assigned ones attached. */
export function setSystemAssigned(current: VmIdentityFacts, on: boolean): VmIdentityPatchBody {
  const type = typeOf(on, current.userAssigned.length);
  if (current.userAssigned.length === 0) return { identity: { type } };
  return { identity: { type, userAssignedIdentities: Object.fromEntries(current.userAssigned.map((id) => [id, {}])) } };
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Attaches user-assigned identities (ids already attached are left as they are). */
export function addUserAssigned(current: VmIdentityFacts, ids: readonly string[]): VmIdentityPatchBody {
  const added = ids.filter((id, i) => !current.userAssigned.some((x) => sameId(x, id)) && ids.findIndex((y) => sameId(y, id)) === i);
  const all = [...current.userAssigned, ...added];
  if (all.length === 0) return { identity: { type: typeOf(current.systemAssigned, 0) } };
  return {
    identity: { type: typeOf(current.systemAssigned, all.length), userAssignedIdentities: Object.fromEntries(all.map((id) => [id, {}])) },
  };
}

/** Detaches user-assigned identities with `null` entries; the last one out leaves only what remains. */
export function removeUserAssigned(current: VmIdentityFacts, ids: readonly string[]): VmIdentityPatchBody {
  const removed = current.userAssigned.filter((x) => ids.some((id) => sameId(x, id)));
  const remaining = current.userAssigned.length - removed.length;
  const type = typeOf(current.systemAssigned, remaining);
  // With no user-assigned identity left, the type alone says so; `None` may not carry a map.
  if (remaining === 0) return { identity: { type } };
  return { identity: { type, userAssignedIdentities: Object.fromEntries(removed.map((id) => [id, null])) } };
}
