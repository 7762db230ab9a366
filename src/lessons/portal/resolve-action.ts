/**
 * A portal action (data, by names) resolved against a world to the ids it touches. Both ways of
 * performing an action start here: applying it to the sim (start-world setup) and sending the
 * ARM calls the portal would (a learner's "solve").
 */
import { describePrincipal, listRoleAssignments, rbac, type World } from '../../sim/index';
import { findIdentityByName, findResourceGroupByName, findVmByName, lessonSubscriptionId, parsePrincipalRef, parseScopeRef, resolvePrincipal, resolveScope } from '../refs';
import type { PortalAction } from '../types';

export type ResolvedAction =
  | { kind: 'createIdentity'; subscriptionId: string; resourceGroup: string; name: string; location: string; alreadyDone: boolean }
  | { kind: 'systemAssigned'; vmId: string; enable: boolean; alreadyDone: boolean }
  | { kind: 'userAssigned'; vmId: string; identityId: string; attach: boolean; alreadyDone: boolean }
  | { kind: 'createAssignment'; scope: string; roleGuid: string; principalId: string; alreadyDone: boolean }
  | { kind: 'deleteAssignment'; scope: string; assignmentName: string | null }
  /** Every assignment named (at its own scope); none left to remove is "already done". */
  | { kind: 'deleteAssignments'; assignments: { scope: string; name: string }[] }
  | { kind: 'deleteIdentity'; identityId: string | null }
  | { kind: 'deleteVm'; vmId: string | null };

export type Resolution = { ok: true; action: ResolvedAction } | { ok: false; message: string };

const missing = (message: string): Resolution => ({ ok: false, message });

export function resolvePortalAction(world: World, action: PortalAction): Resolution {
  switch (action.portal) {
    case 'createUserAssignedIdentity': {
      const subscriptionId = lessonSubscriptionId(world);
      const group = findResourceGroupByName(world, action.resourceGroup);
      if (!subscriptionId || !group) return missing(`there is no resource group named ${action.resourceGroup}`);
      // The portal's Create form places the identity in its group's region; so does this action.
      const exists = findIdentityByName(world, action.identity) !== undefined;
      return {
        ok: true,
        action: { kind: 'createIdentity', subscriptionId, resourceGroup: group.name, name: action.identity, location: group.location, alreadyDone: exists },
      };
    }
    case 'enableSystemAssigned':
    case 'disableSystemAssigned': {
      const vm = findVmByName(world, action.vm);
      if (!vm) return missing(`there is no VM named ${action.vm}`);
      const on = vm.identity?.type.includes('SystemAssigned') ?? false;
      const enable = action.portal === 'enableSystemAssigned';
      return { ok: true, action: { kind: 'systemAssigned', vmId: vm.id, enable, alreadyDone: on === enable } };
    }
    case 'attachUserAssigned':
    case 'detachUserAssigned': {
      const vm = findVmByName(world, action.vm);
      if (!vm) return missing(`there is no VM named ${action.vm}`);
      const identity = findIdentityByName(world, action.identity);
      if (!identity) return missing(`there is no user-assigned identity named ${action.identity}`);
      const attached = Object.keys(vm.identity?.userAssignedIdentities ?? {}).some((k) => k.toLowerCase() === identity.id.toLowerCase());
      const attach = action.portal === 'attachUserAssigned';
      return { ok: true, action: { kind: 'userAssigned', vmId: vm.id, identityId: identity.id, attach, alreadyDone: attached === attach } };
    }
    case 'assignRole':
    case 'removeRoleAssignment': {
      const role = rbac.findRole(action.role);
      if (!role) return missing(`unknown role '${action.role}'`);
      const scopeRef = parseScopeRef(action.scope);
      const principalRef = parsePrincipalRef(action.principal);
      if ('error' in scopeRef) return missing(scopeRef.error);
      if ('error' in principalRef) return missing(principalRef.error);
      const scope = resolveScope(world, scopeRef);
      if ('missing' in scope) return missing(scope.missing);
      const principal = resolvePrincipal(world, principalRef);
      if ('missing' in principal) return missing(principal.missing);
      const existing = exactAssignment(world, scope.id, role.name, principal.principalId);
      if (action.portal === 'assignRole') {
        return {
          ok: true,
          action: { kind: 'createAssignment', scope: scope.id, roleGuid: role.name, principalId: principal.principalId, alreadyDone: existing !== null },
        };
      }
      return { ok: true, action: { kind: 'deleteAssignment', scope: scope.id, assignmentName: existing } };
    }
    case 'removeOrphanedAssignments': {
      const role = rbac.findRole(action.role);
      if (!role) return missing(`unknown role '${action.role}'`);
      const scopeRef = parseScopeRef(action.scope);
      if ('error' in scopeRef) return missing(scopeRef.error);
      const scope = resolveScope(world, scopeRef);
      if ('missing' in scope) return missing(scope.missing);
      const listed = listRoleAssignments(world, { scope: scope.id, atScope: true });
      const key = rbac.normalizeScope(scope.id);
      const orphans = (listed.ok ? listed.value : [])
        .map((l) => l.assignment)
        .filter(
          (a) =>
            rbac.normalizeScope(a.scope) === key &&
            rbac.roleGuidOf(a.roleDefinitionId) === role.name.toLowerCase() &&
            describePrincipal(world, a.principalId).type === 'Unknown',
        );
      return { ok: true, action: { kind: 'deleteAssignments', assignments: orphans.map((a) => ({ scope: a.scope, name: a.name })) } };
    }
    case 'deleteUserAssignedIdentity': {
      // Already gone is already done: deleting twice is ARM's 204, not an error.
      return { ok: true, action: { kind: 'deleteIdentity', identityId: findIdentityByName(world, action.identity)?.id ?? null } };
    }
    case 'deleteVm':
      return { ok: true, action: { kind: 'deleteVm', vmId: findVmByName(world, action.vm)?.id ?? null } };
  }
}

/** The name of the live assignment of exactly this (scope, role, principal), if any. */
function exactAssignment(world: World, scope: string, roleGuid: string, principalId: string): string | null {
  const listed = listRoleAssignments(world, { scope, atScope: true, principalId });
  if (!listed.ok) return null;
  const key = rbac.normalizeScope(scope);
  const hit = listed.value.find(
    ({ assignment: a }) => rbac.normalizeScope(a.scope) === key && rbac.roleGuidOf(a.roleDefinitionId) === roleGuid.toLowerCase(),
  );
  return hit?.assignment.name ?? null;
}
