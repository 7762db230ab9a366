/**
 * User-assigned identities: an ARM resource with its own service principal, attachable to any
 * number of VMs, driven by userAssignedMachine. Deleting one detaches it everywhere and
 * soft-deletes its principal; assignments stay (orphaned) and issued tokens stay valid.
 */
import { createServicePrincipal, softDeleteServicePrincipal } from '../directory/principals';
import { errors, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { step } from '../machine-step';
import { keyOf, parseResourceId, providerResourceId, UAI_TYPE } from '../world/arm-id';
import { removeScopeExtensions } from '../assignments/remove-at-scope';
import { requireResourceGroup } from '../world/resource-groups';
import { getVirtualMachine } from '../world/virtual-machines';
import type { UserAssignedIdentity, VirtualMachine } from '../world/schema';
import type { World } from '../world/world';
import { userAssignedMachine, type UserAssignedEvent } from './user-assigned.machine';
import { userAssignedKey, userAssignedOf, systemAssignedOf, writeVmIdentity } from './vm-identity';
import * as v from 'valibot';
import { optionalTags, parseInput, requireStrings, show } from '../input';

/** Azure's rule: 3–128 characters, letters, digits, hyphens and underscores, starting with a letter or digit. */
const UAI_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

const UAI_INPUT = v.object({ subscriptionId: v.string(), resourceGroup: v.string(), name: v.unknown(), location: v.unknown(), tags: optionalTags });

/** Lower-cased ids of the VMs an identity is attached to. */
export function attachmentsOf(world: World, identityId: string): string[] {
  const want = identityId.toLowerCase();
  return Object.entries(world.data.virtualMachines)
    .filter(([, vm]) => userAssignedKey(vm, want) !== undefined)
    .map(([k]) => k);
}

function snapshotOf(world: World, identity: UserAssignedIdentity | undefined) {
  if (!identity) return userAssignedMachine.resolveState({ value: 'deleted', context: { attachedTo: [] } });
  const attachedTo = attachmentsOf(world, identity.id);
  return userAssignedMachine.resolveState({ value: attachedTo.length > 0 ? 'attached' : 'detached', context: { attachedTo } });
}

export function userAssignedState(world: World, identityId: string): 'detached' | 'attached' | 'deleted' {
  if (typeof identityId !== 'string') return 'deleted';
  return snapshotOf(world, world.data.userAssignedIdentities[keyOf(identityId)]).value as 'detached' | 'attached' | 'deleted';
}

export function findUserAssignedIdentity(world: World, id: string): UserAssignedIdentity | null {
  if (typeof id !== 'string') return null;
  return world.data.userAssignedIdentities[keyOf(id)] ?? null;
}

/** PUT: creates (with a new principal) or updates tags of an existing identity. */
export function createUserAssignedIdentity(
  world: World,
  input: { subscriptionId: string; resourceGroup: string; name: string; location: string; tags?: Record<string, string> },
): Result<{ identity: UserAssignedIdentity; created: boolean }> {
  const checked = parseInput(UAI_INPUT, input, 'user-assigned identity');
  if (!checked.ok) return checked;
  const rg = requireResourceGroup(world, input.subscriptionId, input.resourceGroup);
  if (!rg.ok) return rg;
  if (typeof input.name !== 'string' || !UAI_NAME.test(input.name)) {
    return errors.invalidResourceName(
      'user assigned identity',
      show(input.name),
      'Names are 3-128 characters of letters, digits, hyphens and underscores and start with a letter or digit.',
    );
  }
  if (typeof input.location !== 'string' || input.location.trim() === '') {
    return errors.invalidParameter("The 'location' property is required.");
  }
  const id = providerResourceId(rg.value.id.split('/')[2]!, rg.value.name, UAI_TYPE, input.name);
  const existing = findUserAssignedIdentity(world, id);
  if (existing) {
    if (input.tags) existing.tags = { ...input.tags };
    world.commit([]);
    return ok({ identity: existing, created: false });
  }
  const { principal, event } = createServicePrincipal(world, { displayName: input.name, identityType: 'UserAssigned', resourceId: id });
  const identity: UserAssignedIdentity = {
    id,
    name: input.name,
    type: UAI_TYPE,
    location: input.location,
    ...(input.tags ? { tags: { ...input.tags } } : {}),
    properties: { clientId: principal.appId, isolationScope: 'None', principalId: principal.objectId, tenantId: world.tenantId },
  };
  world.data.userAssignedIdentities[keyOf(id)] = identity;
  world.commit([event, { type: 'identity.created', id, principalId: principal.objectId, clientId: principal.appId }], { rbac: true });
  return ok({ identity, created: true });
}

export function getUserAssignedIdentity(world: World, id: string): Result<UserAssignedIdentity> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const parsed = parseResourceId(id);
  if (!parsed) return errors.invalidParameter(`'${id}' is not a user-assigned identity id.`);
  const rg = requireResourceGroup(world, parsed.subscriptionId, parsed.resourceGroup);
  if (!rg.ok) return rg;
  const identity = findUserAssignedIdentity(world, id);
  return identity ? ok(identity) : errors.resourceNotFound(`${UAI_TYPE}/${parsed.name}`, parsed.resourceGroup);
}

export function listUserAssignedIdentities(world: World, subscriptionId: string, resourceGroup?: string): UserAssignedIdentity[] {
  const prefix = resourceGroup
    ? keyOf(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/`)
    : keyOf(`/subscriptions/${subscriptionId}/`);
  return Object.entries(world.data.userAssignedIdentities).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

/**
 * Applies one lifecycle event, writing data and returning feed entries (caller commits);
 * null when the machine refuses it.
 */
export function applyUserAssigned(
  world: World,
  identity: UserAssignedIdentity,
  event: UserAssignedEvent,
): WorldEventBody[] | null {
  const events: WorldEventBody[] = [];
  const ref = { principalId: identity.properties.principalId, clientId: identity.properties.clientId };
  const vmFor = (e: unknown): VirtualMachine | undefined =>
    world.data.virtualMachines[keyOf((e as { resourceId?: string }).resourceId ?? '')];
  const detach = (vm: VirtualMachine) => {
    const ua = userAssignedOf(vm);
    const key = userAssignedKey(vm, identity.id);
    if (key === undefined) return;
    delete ua[key];
    writeVmIdentity(vm, systemAssignedOf(vm), ua);
    events.push({ type: 'identity.detached', identityId: identity.id, resourceId: vm.id });
  };
  const next = step(userAssignedMachine, snapshotOf(world, identity), event, {
    writeAttachment: () => {
      const vm = vmFor(event);
      if (!vm) return;
      writeVmIdentity(vm, systemAssignedOf(vm), { ...userAssignedOf(vm), [identity.id]: ref });
      events.push({ type: 'identity.attached', identityId: identity.id, resourceId: vm.id });
    },
    eraseAttachment: () => {
      const vm = vmFor(event);
      if (vm) detach(vm);
    },
    detachEverywhere: () => {
      for (const key of attachmentsOf(world, identity.id)) detach(world.data.virtualMachines[key]!);
    },
    retirePrincipal: () => {
      const detachedFrom = events.filter((e) => e.type === 'identity.detached').map((e) => (e as { resourceId: string }).resourceId);
      delete world.data.userAssignedIdentities[keyOf(identity.id)];
      events.push({ type: 'identity.deleted', id: identity.id, principalId: ref.principalId, detachedFrom });
      events.push(...softDeleteServicePrincipal(world, ref.principalId));
      events.push(...removeScopeExtensions(world, identity.id));
    },
  });
  return next ? events : null;
}

function run(world: World, identityId: string, event: UserAssignedEvent): Result<UserAssignedIdentity> {
  const args = requireStrings('resourceId' in event ? { identityId, resourceId: event.resourceId } : { identityId });
  if (!args.ok) return args;
  const found = getUserAssignedIdentity(world, identityId);
  if (!found.ok) return found;
  if ('resourceId' in event) {
    const vm = getVirtualMachine(world, event.resourceId);
    if (!vm.ok) return vm;
  }
  const events = applyUserAssigned(world, found.value, event);
  if (!events) {
    const state = userAssignedState(world, identityId);
    const where =
      'resourceId' in event ? (attachmentsOf(world, identityId).includes(keyOf(event.resourceId)) ? ', attached there' : ', not attached there') : '';
    return errors.invalidIdentityTransition(`user-assigned identity ${found.value.name}`, `${state}${where}`, event.type);
  }
  world.commit(events, { rbac: true });
  return ok(found.value);
}

export const attachUserAssigned = (world: World, identityId: string, vmId: string) =>
  run(world, identityId, { type: 'identity.attach', resourceId: vmId });
export const detachUserAssigned = (world: World, identityId: string, vmId: string) =>
  run(world, identityId, { type: 'identity.detach', resourceId: vmId });
/** Deletes the identity: detached everywhere, principal soft-deleted, assignments orphaned. */
export const deleteUserAssignedIdentity = (world: World, identityId: string) => run(world, identityId, { type: 'identity.delete' });
