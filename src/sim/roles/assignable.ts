/**
 * Can this role be assigned at this scope? Checked when a role assignment is created (spec §1.7).
 * The role's *reach* is decided by the assignment's scope; `assignableScopes` only limits where
 * assignments may be made (S2).
 */
import { isAtOrBelow, scopeLevel } from '../rbac/scope';
import type { ParentOf, RoleDefinition } from '../rbac/types';
import type { RoleValidation } from './validate-custom-role';

export function checkAssignableAt(role: RoleDefinition, scope: string, parentOf?: ParentOf): RoleValidation {
  const hasDataActions = role.permissions.some((p) => p.dataActions.length > 0);
  if (role.roleType === 'CustomRole' && hasDataActions && scopeLevel(scope) === 'managementGroup') {
    // Real code and text (az-pim-cli#97 quotes the 400 body); the rule is S3's.
    return {
      ok: false,
      code: 'InvalidCreateRoleAssignmentRequest',
      message: 'Role assignments to Management Groups can not be made to custom role definitions with DataActions',
    };
  }
  if (!role.assignableScopes.some((s) => isAtOrBelow(scope, s, parentOf))) {
    // [derived] ARM resolves the role definition at the assignment scope, so a role whose assignable
    // scopes do not cover it looks like a missing role to the caller.
    return {
      ok: false,
      code: 'RoleDefinitionDoesNotExist',
      message: `The specified role definition with ID '${role.name}' does not exist.`,
    };
  }
  return { ok: true };
}
