/**
 * Which built-in roles grant an action, and which of them is the least privileged. "Least
 * privileged" is a judgement, so it lives in one ordered list instead of a score: roles that change
 * nothing come first (narrowest first), then roles that change one kind of thing, then broad
 * writers, and last the roles that can grant access to others. Reader sits before Key Vault Reader,
 * Managed Identity Operator and friends on purpose: those look narrower but carry
 * `Microsoft.Resources/deployments/*` and `Microsoft.Support/*`, which write.
 */
import { builtInRoles, matchesAction, type Permission, type RoleDefinition } from '../../sim/rbac/index';

export const LEAST_PRIVILEGED_FIRST: readonly string[] = [
  'Storage Blob Data Reader',
  'Key Vault Secrets User',
  'Reader',
  'Key Vault Reader',
  'Virtual Machine User Login',
  'Managed Identity Operator',
  'Storage Blob Delegator',
  'Storage Blob Data Contributor',
  'Key Vault Secrets Officer',
  'Reader and Data Access',
  'Virtual Machine Contributor',
  'Managed Identity Contributor',
  'Storage Account Contributor',
  'Key Vault Contributor',
  'Storage Blob Data Owner',
  'Key Vault Administrator',
  'Contributor',
  'Key Vault Data Access Administrator',
  'Role Based Access Control Administrator',
  'User Access Administrator',
  'Owner',
];

export interface Grant {
  role: RoleDefinition;
  /** The Actions / DataActions pattern that covers the action. */
  pattern: string;
}

/**
 * The pattern by which one permission block grants the action, or null. Blocks carrying an ABAC
 * condition are skipped: a fix must work without the learner writing a condition.
 */
function blockGrants(p: Permission, action: string, isDataAction: boolean): string | null {
  if (p.condition) return null;
  const allow = isDataAction ? p.dataActions : p.actions;
  const deny = isDataAction ? p.notDataActions : p.notActions;
  const pattern = allow.find((a) => matchesAction(a, action));
  if (!pattern || deny.some((n) => matchesAction(n, action))) return null;
  return pattern;
}

export function roleGrants(role: RoleDefinition, action: string, isDataAction: boolean): string | null {
  for (const p of role.permissions) {
    const pattern = blockGrants(p, action, isDataAction);
    if (pattern) return pattern;
  }
  return null;
}

/** Built-in roles granting the action, least privileged first. */
export function grantingRoles(action: string, isDataAction: boolean, roles: readonly RoleDefinition[] = builtInRoles): Grant[] {
  const rank = (r: RoleDefinition) => {
    const i = LEAST_PRIVILEGED_FIRST.indexOf(r.roleName);
    return i === -1 ? LEAST_PRIVILEGED_FIRST.length : i;
  };
  return roles
    .filter((r) => r.roleType === 'BuiltInRole')
    .map((role) => ({ role, pattern: roleGrants(role, action, isDataAction) }))
    .filter((g): g is Grant => g.pattern !== null)
    .sort((a, b) => rank(a.role) - rank(b.role));
}

export function leastPrivilegedRole(action: string, isDataAction: boolean): Grant | null {
  return grantingRoles(action, isDataAction)[0] ?? null;
}
