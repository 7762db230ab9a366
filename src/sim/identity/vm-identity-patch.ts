/**
 * The real PATCH semantics of a VM's `identity` property (rbac-arm.md §3.2, E4):
 * - `type` may be SystemAssigned, UserAssigned, "SystemAssigned, UserAssigned" or the common-types
 *   spelling "SystemAssigned,UserAssigned", or None (removes every identity);
 * - a type without UserAssigned drops all user-assigned identities;
 * - `userAssignedIdentities` merges: `{}` attaches, `null` detaches that entry, absent keys stay;
 * - a repeated PATCH changes nothing (no error, no feed entries).
 * Everything is validated before anything is written, so a bad PATCH never half-applies.
 */
import { errors, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { keyOf, parseResourceId, UAI_TYPE } from '../world/arm-id';
import type { UserAssignedIdentity, VirtualMachine } from '../world/schema';
import { getVirtualMachine } from '../world/virtual-machines';
import type { World } from '../world/world';
import { applySystemAssigned } from './system-assigned';
import { applyUserAssigned } from './user-assigned';
import { systemAssignedOf, userAssignedKey, userAssignedOf } from './vm-identity';
import { show } from '../input';

export interface VmIdentityPatch {
  type?: string;
  userAssignedIdentities?: Record<string, object | null>;
}

interface Plan {
  system: boolean;
  attach: UserAssignedIdentity[];
  detach: UserAssignedIdentity[];
}

function parseType(type: unknown): Result<{ system: boolean; user: boolean }> {
  if (typeof type !== 'string') return errors.invalidIdentityType(show(type));
  const parts = type.split(',').map((p) => p.trim().toLowerCase());
  const known = new Set(['systemassigned', 'userassigned']);
  if (parts.length === 1 && parts[0] === 'none') return ok({ system: false, user: false });
  if (parts.length > 2 || parts.some((p) => !known.has(p)) || new Set(parts).size !== parts.length) {
    return errors.invalidIdentityType(type);
  }
  return ok({ system: parts.includes('systemassigned'), user: parts.includes('userassigned') });
}

function plan(world: World, vm: VirtualMachine, patch: VmIdentityPatch | null): Result<Plan> {
  // A JSON merge-patch `"identity": null` deletes the property: the same as type None.
  if (patch === null) patch = { type: 'None' };
  if (typeof patch !== 'object' || Array.isArray(patch)) {
    return errors.invalidParameter("The 'identity' property must be an object with a 'type'.");
  }
  const parsedType = parseType(patch.type);
  if (!parsedType.ok) return parsedType;
  const type = parsedType.value;
  const current = userAssignedOf(vm);
  const find = (id: string) => world.data.userAssignedIdentities[keyOf(id)];
  const keep = new Map<string, UserAssignedIdentity>();
  for (const id of Object.keys(current)) {
    const identity = find(id);
    if (identity) keep.set(keyOf(id), identity);
  }
  const map = patch.userAssignedIdentities;
  if (map !== undefined && map !== null && (typeof map !== 'object' || Array.isArray(map))) {
    return errors.invalidParameter("'userAssignedIdentities' must be an object keyed by identity resource id.");
  }
  if (map && !type.user && Object.values(map).some((v) => v !== null)) {
    // Compute's wording for the same mistake with the older identityIds list (aad-pod-identity#214).
    return errors.invalidParameter(
      `ResourceIdentity userAssignedIdentities should not be provided if the type is "${type.system ? 'SystemAssigned' : 'None'}".`,
    );
  }
  for (const [id, value] of Object.entries(map ?? {})) {
    const parsed = parseResourceId(id);
    if (!parsed || parsed.providerType.toLowerCase() !== UAI_TYPE.toLowerCase()) {
      return errors.invalidParameter(`'${id}' is not a user-assigned identity resource id.`);
    }
    if (value === null) {
      keep.delete(keyOf(id));
      continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return errors.invalidParameter(`The value for user-assigned identity '${id}' must be {} or null.`);
    }
    const identity = find(id);
    if (!identity) return errors.identityNotAccessible(vm.id, id);
    keep.set(keyOf(id), identity);
  }
  if (!type.user) keep.clear();
  if (type.user && keep.size === 0) {
    return errors.invalidParameter(
      "The identity type includes 'UserAssigned' but no user-assigned identities are specified in 'userAssignedIdentities'.",
    );
  }
  const attach = [...keep.values()].filter((i) => userAssignedKey(vm, i.id) === undefined);
  const detach = Object.keys(current)
    .filter((id) => !keep.has(keyOf(id)))
    .map(find)
    .filter((i): i is UserAssignedIdentity => i !== undefined);
  return ok({ system: type.system, attach, detach });
}

/** Applies a PATCH of `identity` to a VM; returns the VM as ARM would echo it. */
export function patchVmIdentity(world: World, vmId: string, patch: VmIdentityPatch | null): Result<VirtualMachine> {
  const found = getVirtualMachine(world, vmId);
  if (!found.ok) return found;
  const vm = found.value;
  const p = plan(world, vm, patch);
  if (!p.ok) return p;
  const events: WorldEventBody[] = [];
  const hasSystem = systemAssignedOf(vm) !== null;
  if (p.value.system !== hasSystem) {
    events.push(...(applySystemAssigned(world, vm, { type: p.value.system ? 'identity.enable' : 'identity.disable' }) ?? []));
  }
  for (const identity of p.value.detach) {
    events.push(...(applyUserAssigned(world, identity, { type: 'identity.detach', resourceId: vm.id }) ?? []));
  }
  for (const identity of p.value.attach) {
    events.push(...(applyUserAssigned(world, identity, { type: 'identity.attach', resourceId: vm.id }) ?? []));
  }
  world.commit(events, { rbac: events.length > 0 });
  return ok(vm);
}
