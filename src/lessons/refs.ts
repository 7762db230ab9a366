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
  const m = /^(resourceGroup|vm|identity):(.+)$/.exec(text);
  if (!m || !NAME.test(m[2]!)) {
    return { error: `'${text}' is not a scope: write 'subscription', 'resourceGroup:<name>', 'vm:<name>' or 'identity:<name>'` };
  }
  return { kind: m[1] as 'resourceGroup' | 'vm' | 'identity', name: m[2]! };
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

/** How a principal reference reads in a sentence. */
export const principalPhrase = (ref: PrincipalRef): string =>
  ref.kind === 'vm' ? `${ref.name}'s system-assigned identity` : `the user-assigned identity ${ref.name}`;

/** The same, shorter, for "…using myLinuxVM's identity" at the end of a sentence. */
export const identityPhrase = (ref: PrincipalRef): string => (ref.kind === 'vm' ? `${ref.name}'s identity` : principalPhrase(ref));

export const scopePhrase = (ref: ScopeRef): string =>
  ref.kind === 'subscription' ? 'the subscription' : ref.kind === 'resourceGroup' ? `resource group ${ref.name}` : ref.name;
