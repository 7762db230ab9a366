/**
 * The documented custom-role rules (spec §1.3, §1.7, §6; S3, S14), checked when a custom role is
 * created or updated. Error codes and texts are ARM's where the sheet or a real response gives
 * them; the rest are invented in ARM's style and marked so.
 */
import { InvalidScopeError, scopeLevel } from '../rbac/scope';
import { wildcardCount } from '../rbac/wildcard';
import type { RoleDefinition } from '../rbac/types';
import { builtInRoles } from './built-in';
import { isGuid } from './find-role';

export type RoleValidation = { ok: true } | { ok: false; code: string; message: string };

export const CUSTOM_ROLE_LIMITS = {
  /** Custom roles per tenant (S3, S14; 2,000 for 21Vianet). */
  perTenant: 5000,
  /** Role name length (S3, S14b: 512 max, 256 recommended). */
  roleName: 512,
  /** Description length (S3, S14b). */
  description: 2048,
  /** Assignable scopes per custom role (S3, S14). */
  assignableScopes: 2000,
  /** Management groups among the assignable scopes (S3, S14b). */
  managementGroups: 1,
} as const;

const fail = (code: string, message: string): RoleValidation => ({ ok: false, code, message });

/**
 * Validates a custom role definition against the tenant's existing roles (custom ones; the
 * built-ins are always considered). `existing` may contain `def` itself (an update): it is matched
 * by GUID and not counted against it.
 */
export function validateCustomRole(def: RoleDefinition, existing: readonly RoleDefinition[]): RoleValidation {
  if (def === null || typeof def !== 'object') return fail('InvalidRoleDefinition', 'The role definition must be an object.'); // invented
  if (typeof def.name !== 'string' || !isGuid(def.name)) {
    // Invented code/text: ARM requires the roleDefinitions/{name} segment to be a GUID.
    return fail('InvalidRoleDefinitionId', `The role definition ID '${String(def.name)}' is not valid. It must be a GUID.`);
  }
  const guid = def.name.toLowerCase();
  if (builtInRoles.some((r) => r.name === guid)) {
    return fail('BuiltInRoleCannotBeModified', `The built-in role '${def.name}' cannot be created, updated or deleted.`); // invented
  }
  if (def.roleType !== 'CustomRole') {
    return fail('InvalidRoleDefinition', "Only roles of type 'CustomRole' can be created or updated."); // invented
  }
  if (typeof def.roleName !== 'string' || def.roleName.trim() === '') {
    return fail('InvalidRoleDefinitionName', 'The role name is required.'); // invented
  }
  if (def.roleName.length > CUSTOM_ROLE_LIMITS.roleName) {
    return fail('InvalidRoleDefinitionName', `The role name may have at most ${CUSTOM_ROLE_LIMITS.roleName} characters.`); // invented
  }
  if (typeof def.description === 'string' && def.description.length > CUSTOM_ROLE_LIMITS.description) {
    return fail('InvalidRoleDefinitionDescription', `The role description may have at most ${CUSTOM_ROLE_LIMITS.description} characters.`); // invented
  }

  const permissionError = validatePermissions(def);
  if (permissionError) return permissionError;
  const scopeError = validateAssignableScopes(def);
  if (scopeError) return scopeError;

  const others = existing.filter((r) => typeof r?.name === 'string' && r.name.toLowerCase() !== guid);
  const lowerName = def.roleName.trim().toLowerCase();
  if ([...builtInRoles, ...others].some((r) => r.roleName.trim().toLowerCase() === lowerName)) {
    // Real code and text, as ARM returns them for a duplicate roleName (MicrosoftDocs/azure-docs#60446).
    return fail('RoleDefinitionWithSameNameExists', 'A role definition cannot be updated with a name that already exists.');
  }
  const isUpdate = others.length !== existing.length;
  const customCount = others.filter((r) => r.roleType === 'CustomRole').length;
  if (!isUpdate && customCount >= CUSTOM_ROLE_LIMITS.perTenant) {
    return fail('RoleDefinitionLimitExceeded', `Role definition limit exceeded. No more than ${CUSTOM_ROLE_LIMITS.perTenant} custom roles can be created in a tenant.`); // text invented
  }
  return { ok: true };
}

function validatePermissions(def: RoleDefinition): RoleValidation | undefined {
  if (!Array.isArray(def.permissions) || def.permissions.length === 0) {
    return fail('InvalidPermissions', 'The role definition needs a permissions block.'); // invented
  }
  for (const block of def.permissions) {
    for (const key of ['actions', 'notActions', 'dataActions', 'notDataActions'] as const) {
      const list: unknown = block?.[key] ?? [];
      if (!Array.isArray(list)) return fail('InvalidPermissions', `permissions.${key} must be an array of strings.`); // invented
      for (const action of list) {
        if (typeof action !== 'string' || action.trim() === '' || /\s/.test(action)) {
          return fail('InvalidActionOrNotAction', `'${String(action)}' is not a valid action.`); // text invented
        }
        // "You can have only one wildcard in an action string" (S3, 2023); the code and text are a
        // real response (MicrosoftDocs/azure-docs#74428). Evaluation still honours any pattern.
        if (wildcardCount(action) > 1) {
          return fail('InvalidActionOrNotAction', `'${action}' contains multiple wildcards. Only one is allowed.`);
        }
      }
    }
  }
  return undefined;
}

function validateAssignableScopes(def: RoleDefinition): RoleValidation | undefined {
  const scopes: unknown = def.assignableScopes;
  if (!Array.isArray(scopes) || scopes.length === 0) {
    return fail('InvalidAssignableScopes', 'A custom role needs at least one assignable scope.'); // invented
  }
  if (scopes.length > CUSTOM_ROLE_LIMITS.assignableScopes) {
    return fail('InvalidAssignableScopes', `A custom role may have at most ${CUSTOM_ROLE_LIMITS.assignableScopes} assignable scopes.`); // invented
  }
  let managementGroups = 0;
  for (const s of scopes) {
    if (typeof s !== 'string') return fail('InvalidAssignableScopes', 'Assignable scopes must be strings.'); // invented
    // Root is for built-in roles only (S2, S3; MicrosoftDocs/azure-docs#16389).
    if (s.trim() === '/') {
      return fail('InvalidAssignableScopes', "The assignable scope '/' is reserved for built-in roles. Use a management group, subscription or resource group."); // invented
    }
    if (s.includes('*')) return fail('InvalidAssignableScopes', `The assignable scope '${s}' contains a wildcard; wildcards are not allowed.`); // invented
    let level;
    try {
      level = scopeLevel(s);
    } catch (e) {
      if (e instanceof InvalidScopeError) return fail('InvalidAssignableScopes', e.message);
      throw e;
    }
    if (level === 'managementGroup') managementGroups++;
  }
  if (managementGroups > CUSTOM_ROLE_LIMITS.managementGroups) {
    // Documented limit (S3, S14b); code and text invented.
    return fail('InvalidAssignableScopes', 'Only one management group can be defined in the assignable scopes of a custom role.');
  }
  return undefined;
}
