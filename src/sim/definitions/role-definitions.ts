/**
 * Role definitions as the world sees them: the RBAC engine's built-ins plus the world's custom
 * roles. Custom roles are validated by the engine's documented rules; one that still has
 * assignments cannot be deleted (`RoleDefinitionHasAssignments`, rbac-arm.md §1.7).
 */
import { errors, fail, ok, type Result } from '../errors';
import { builtInRoles, findRole, roleGuidOf, validateCustomRole } from '../rbac/index';
import type { RoleDefinition } from '../rbac/types';
import type { World } from '../world/world';

export function customRoles(world: World): RoleDefinition[] {
  return Object.values(world.data.roleDefinitions);
}

/** Built-ins and custom roles, built-ins first. */
export function allRoleDefinitions(world: World): RoleDefinition[] {
  return [...builtInRoles, ...customRoles(world)];
}

/** A role by roleName, GUID or either id form; custom roles shadow nothing (GUIDs are unique). */
export function findRoleDefinition(world: World, nameOrGuidOrId: string): RoleDefinition | undefined {
  return findRole(nameOrGuidOrId, customRoles(world));
}

/** PUT of a custom role: creates it, or updates the one with the same GUID. */
export function createCustomRole(world: World, input: RoleDefinition): Result<{ role: RoleDefinition; created: boolean }> {
  const verdict = validateCustomRole(input, allRoleDefinitions(world));
  if (!verdict.ok) return fail(verdict.code, verdict.message);
  const role: RoleDefinition = structuredClone({ ...input, roleType: 'CustomRole', name: input.name.toLowerCase() });
  const created = !Object.hasOwn(world.data.roleDefinitions, role.name);
  world.data.roleDefinitions[role.name] = role;
  world.commit([{ type: created ? 'roleDefinition.created' : 'roleDefinition.updated', name: role.name, roleName: role.roleName }], { rbac: true });
  return ok({ role, created });
}

export function deleteCustomRole(world: World, idOrGuid: string): Result<{ role: RoleDefinition | null }> {
  if (typeof idOrGuid !== 'string') return ok({ role: null });
  const guid = roleGuidOf(idOrGuid);
  const role = guid ? world.data.roleDefinitions[guid] : undefined;
  if (!guid || !role) return ok({ role: null });
  const inUse = Object.values(world.data.roleAssignments).some(
    (a) => a.removedAt == null && roleGuidOf(a.roleDefinitionId) === guid,
  );
  if (inUse) return errors.roleDefinitionHasAssignments();
  delete world.data.roleDefinitions[guid];
  world.commit([{ type: 'roleDefinition.deleted', name: guid }], { rbac: true });
  return ok({ role });
}
