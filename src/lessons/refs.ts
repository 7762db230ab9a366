/**
 * Scope and principal references as authors write them (`resourceGroup:myResourceGroup`,
 * `vm:myLinuxVM`) and their resolution against a world. Authors never write ARM ids: the ids
 * differ per world (the subscription id is generated), the names do not.
 */
import { armId, listResourceGroups, rbac, type VirtualMachine, type World } from '../sim/index';
import type { PrincipalRef, ScopeRef } from './types';

const NAME = /^[\w.()-]{1,90}$/;

export function parseScopeRef(text: string): ScopeRef | { error: string } {
  if (text === 'subscription') return { kind: 'subscription' };
  const m = /^(resourceGroup|vm|identity|storageAccount|keyVault):(.+)$/.exec(text);
  if (!m || !NAME.test(m[2]!)) {
    return {
      error: `'${text}' is not a scope: write 'subscription', 'resourceGroup:<name>', 'vm:<name>', 'identity:<name>', 'storageAccount:<name>' or 'keyVault:<name>'`,
    };
  }
  return { kind: m[1] as Exclude<ScopeRef['kind'], 'subscription'>, name: m[2]! };
}

export function parsePrincipalRef(text: string): PrincipalRef | { error: string } {
  const m = /^(vm|identity):(.+)$/.exec(text);
  if (!m || !NAME.test(m[2]!)) {
    return { error: `'${text}' is not a principal: write 'vm:<name>' (its system-assigned identity) or 'identity:<name>' (a user-assigned identity)` };
  }
  return { kind: m[1] as 'vm' | 'identity', name: m[2]! };
}

export const roleExists = (name: string): boolean => rbac.findRole(name) !== undefined;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findVmByName(world: World, name: string): VirtualMachine | undefined {
  return Object.values(world.data.virtualMachines).find((vm) => sameName(vm.name, name));
}

export function findIdentityByName(world: World, name: string) {
  return Object.values(world.data.userAssignedIdentities).find((i) => sameName(i.name, name));
}

/** A resource group of the lesson's subscription, by name. */
export function findResourceGroupByName(world: World, name: string) {
  const sub = lessonSubscriptionId(world);
  const groups = sub ? listResourceGroups(world, sub) : undefined;
  return groups?.ok ? groups.value.find((g) => sameName(g.name, name)) : undefined;
}

/** The subscription lessons talk about: the only one in every preset, else the first. */
export function lessonSubscriptionId(world: World): string | undefined {
  return Object.values(world.data.subscriptions)[0]?.subscriptionId;
}

/** The ARM id a scope reference names in this world, or a sentence saying why there is none. */
export function resolveScope(world: World, ref: ScopeRef): { id: string } | { missing: string } {
  const sub = lessonSubscriptionId(world);
  if (!sub) return { missing: 'the world has no subscription' };
  switch (ref.kind) {
    case 'subscription':
      return { id: armId.subscriptionId(sub) };
    case 'resourceGroup': {
      const rg = findResourceGroupByName(world, ref.name);
      return rg ? { id: rg.id } : { missing: `there is no resource group named ${ref.name}` };
    }
    case 'vm': {
      const vm = findVmByName(world, ref.name);
      return vm ? { id: vm.id } : { missing: `there is no VM named ${ref.name}` };
    }
    case 'identity': {
      const id = findIdentityByName(world, ref.name);
      return id ? { id: id.id } : { missing: `there is no user-assigned identity named ${ref.name}` };
    }
    case 'storageAccount': {
      const account = Object.values(world.data.storageAccounts).find((a) => sameName(a.name, ref.name));
      return account ? { id: account.id } : { missing: `there is no storage account named ${ref.name}` };
    }
    case 'keyVault': {
      const vault = Object.values(world.data.keyVaults).find((k) => sameName(k.name, ref.name));
      return vault ? { id: vault.id } : { missing: `there is no key vault named ${ref.name}` };
    }
  }
}

/** The principal (object) id a reference names right now, or why there is none. */
export function resolvePrincipal(world: World, ref: PrincipalRef): { principalId: string } | { missing: string } {
  if (ref.kind === 'vm') {
    const vm = findVmByName(world, ref.name);
    if (!vm) return { missing: `there is no VM named ${ref.name}` };
    const principalId = vm.identity?.type.includes('SystemAssigned') ? vm.identity.principalId : undefined;
    return principalId ? { principalId } : { missing: `${vm.name} has no system-assigned identity yet` };
  }
  const identity = findIdentityByName(world, ref.name);
  return identity ? { principalId: identity.properties.principalId } : { missing: `there is no user-assigned identity named ${ref.name}` };
}

/**
 * The principal ids a name has had and lost: soft-deleted service principals of that VM's
 * system-assigned identity (disabled, or the VM deleted) or of a user-assigned identity of that
 * name (deleted). Tokens issued to them keep working until they expire (imds.md §3.3).
 */
export function formerPrincipalIds(world: World, ref: PrincipalRef): string[] {
  const suffix = ref.kind === 'vm' ? `/providers/microsoft.compute/virtualmachines/${ref.name}` : `/providers/microsoft.managedidentity/userassignedidentities/${ref.name}`;
  const type = ref.kind === 'vm' ? 'SystemAssigned' : 'UserAssigned';
  return Object.values(world.data.servicePrincipals)
    .filter((sp) => sp.deletedAt !== null && sp.identityType === type && sp.managedIdentityResourceId.toLowerCase().endsWith(suffix.toLowerCase()))
    .map((sp) => sp.objectId.toLowerCase());
}

/**
 * Which principals a log check accepts for a reference: the one it names now or, with `former`,
 * the ones it had before (see formerPrincipalIds); or why there are none yet.
 */
export function acceptedPrincipals(world: World, ref: PrincipalRef, former: boolean): { ids: ReadonlySet<string> } | { missing: string } {
  if (former) {
    const ids = formerPrincipalIds(world, ref);
    return ids.length ? { ids: new Set(ids) } : { missing: `${principalPhrase(ref)} has not been deleted or disabled yet` };
  }
  const now = resolvePrincipal(world, ref);
  return 'missing' in now ? now : { ids: new Set([now.principalId.toLowerCase()]) };
}

/** How a principal reference reads in a sentence. */
export const principalPhrase = (ref: PrincipalRef): string =>
  ref.kind === 'vm' ? `${ref.name}'s system-assigned identity` : `the user-assigned identity ${ref.name}`;

/** The same, shorter, for "…using myLinuxVM's identity" at the end of a sentence. */
export const identityPhrase = (ref: PrincipalRef, former = false): string =>
  former
    ? ref.kind === 'vm'
      ? `${ref.name}'s former identity (now disabled or deleted)`
      : `the deleted user-assigned identity ${ref.name}`
    : ref.kind === 'vm'
      ? `${ref.name}'s identity`
      : principalPhrase(ref);

export const scopePhrase = (ref: ScopeRef): string => {
  switch (ref.kind) {
    case 'subscription':
      return 'the subscription';
    case 'resourceGroup':
      return `resource group ${ref.name}`;
    case 'storageAccount':
      return `storage account ${ref.name}`;
    case 'keyVault':
      return `key vault ${ref.name}`;
    default:
      return ref.name;
  }
};
