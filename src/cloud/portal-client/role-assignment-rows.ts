/**
 * The rows of the IAM blade's "Role assignments" tab: ARM's `atScope()` list joined with the role
 * definitions (by trailing GUID, since ARM returns both the tenant-level and the subscription-
 * qualified id forms) and the directory. Assignments made above the blade's scope are "Inherited";
 * assignments whose principal is gone stay listed as "Identity not found", as in Azure.
 */
import type { RoleAssignmentResource, RoleDefinitionResource } from './arm-types';
import { principalTypeLabel, type PrincipalDirectory } from './principal-directory';
import { nameOf, scopeKind, type ScopeKind } from './scopes';

export const IDENTITY_NOT_FOUND = 'Identity not found';

export interface RoleAssignmentRow {
  /** The assignment's ARM id (what DELETE takes). */
  id: string;
  roleName: string;
  roleDefinitionGuid: string;
  principalId: string;
  principalName: string;
  /** UPN, or the managed identity's resource name, under the name. */
  principalDetail: string;
  principalType: 'User' | 'Group' | 'App' | 'Unknown';
  orphaned: boolean;
  scope: string;
  inherited: boolean;
  /** "This resource", or e.g. "Subscription (Inherited)". */
  scopeLabel: string;
}

export const trailingGuid = (id: string): string => (id.split('/').pop() ?? id).toLowerCase();

const sameScope = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

const LEVEL_NAMES: Record<ScopeKind, string> = {
  root: 'Root',
  managementGroup: 'Management group',
  subscription: 'Subscription',
  resourceGroup: 'Resource group',
  resource: 'Resource',
};

export function roleNameIndex(definitions: readonly RoleDefinitionResource[]): Map<string, RoleDefinitionResource> {
  return new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
}

export function roleAssignmentRows(
  bladeScope: string,
  assignments: readonly RoleAssignmentResource[],
  definitions: readonly RoleDefinitionResource[],
  directory: PrincipalDirectory,
): RoleAssignmentRow[] {
  const roles = roleNameIndex(definitions);
  const rows = assignments.map((a): RoleAssignmentRow => {
    const p = a.properties;
    const guid = trailingGuid(p.roleDefinitionId);
    const entry = directory.lookup(p.principalId);
    const inherited = !sameScope(p.scope, bladeScope);
    return {
      id: a.id,
      roleName: roles.get(guid)?.properties.roleName ?? guid,
      roleDefinitionGuid: guid,
      principalId: p.principalId,
      principalName: entry?.displayName ?? IDENTITY_NOT_FOUND,
      principalDetail: entry?.userPrincipalName ?? (entry?.managedIdentityResourceId ? managedIdentityDetail(entry.managedIdentityResourceId) : entry ? '' : p.principalId),
      principalType: principalTypeLabel(entry),
      orphaned: entry === null,
      scope: p.scope,
      inherited,
      scopeLabel: inherited ? `${LEVEL_NAMES[scopeKind(p.scope)]} (Inherited)` : 'This resource',
    };
  });
  return rows.sort((x, y) => x.roleName.localeCompare(y.roleName) || x.principalName.localeCompare(y.principalName) || x.id.localeCompare(y.id));
}

/** "Virtual machine · myLinuxVM" / "User-assigned managed identity · myIdentity". */
function managedIdentityDetail(resourceId: string): string {
  const kind = /\/providers\/Microsoft\.Compute\/virtualMachines\//i.test(resourceId) ? 'Virtual machine' : 'User-assigned managed identity';
  return `${kind} · ${nameOf(resourceId)}`;
}
