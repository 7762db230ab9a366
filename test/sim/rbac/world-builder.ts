/**
 * Small builders for RBAC test worlds, and `decide`, which asks both the indexed fast path and the
 * reference machine and insists they agree before returning the decision.
 */
import { expect } from 'vitest';
import {
  builtInRoles,
  createRbacIndex,
  evaluateIndexed,
  resolveWithMachine,
  type ConditionalAccessRequest,
  type Decision,
  type DenyAssignment,
  type ParentOf,
  type Permission,
  type RbacData,
  type RoleAssignment,
  type RoleDefinition,
} from '../../../src/sim/rbac';

export const SUB = '/subscriptions/00000000-0000-0000-0000-0000000000a1';
export const RG = `${SUB}/resourceGroups/myResourceGroup`;
export const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/myLinuxVM`;
export const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/mystorage`;
export const CONTAINER = `${STORAGE}/blobServices/default/containers/docs`;
export const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity`;
export const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/myvault`;
export const MG = '/providers/Microsoft.Management/managementGroups/marketing-group';

let counter = 0;
const guid = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

export function roleId(roleName: string): string {
  const r = builtInRoles.find((x) => x.roleName === roleName);
  if (!r) throw new Error(`no built-in role ${roleName}`);
  return `/subscriptions/00000000-0000-0000-0000-0000000000a1/providers/Microsoft.Authorization/roleDefinitions/${r.name}`;
}

export function assignment(principalId: string, roleName: string, scope: string, extra: Partial<RoleAssignment> = {}): RoleAssignment {
  return {
    name: guid(),
    scope,
    roleDefinitionId: roleId(roleName),
    principalId,
    principalType: 'User',
    createdOn: '2026-01-01T00:00:00Z',
    effectiveFrom: 0,
    removedAt: null,
    ...extra,
  };
}

export function customRole(roleName: string, p: Partial<Permission>, assignableScopes = [SUB]): RoleDefinition {
  return {
    name: guid(),
    roleName,
    description: roleName,
    roleType: 'CustomRole',
    permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [], ...p }],
    assignableScopes,
  };
}

export function denyAssignment(scope: string, p: Partial<Permission>, extra: Partial<DenyAssignment> = {}): DenyAssignment {
  return {
    name: guid(),
    denyAssignmentName: 'Deny by deployment stack',
    description: '',
    scope,
    permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [], ...p }],
    principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }],
    excludePrincipals: [],
    doNotApplyToChildScopes: false,
    isSystemProtected: true,
    ...extra,
  };
}

export function world(parts: {
  assignments?: RoleAssignment[];
  denies?: DenyAssignment[];
  roles?: RoleDefinition[];
  groups?: Record<string, string[]>;
}): RbacData {
  return {
    roleDefinitions: [...builtInRoles, ...(parts.roles ?? [])],
    roleAssignments: parts.assignments ?? [],
    denyAssignments: parts.denies ?? [],
    groupsOf: (p) => parts.groups?.[p] ?? [],
  };
}

export type Ask = Omit<ConditionalAccessRequest, 'at' | 'isDataAction'> & { at?: number; isDataAction?: boolean };

/** Decides with both engines, checks they agree exactly (trace included), and returns the decision. */
export function decide(data: RbacData, ask: Ask, parentOf?: ParentOf): Decision {
  const req: ConditionalAccessRequest = { at: 0, isDataAction: false, ...ask };
  const opts = parentOf ? { parentOf } : {};
  const fast = evaluateIndexed(createRbacIndex(data, opts), req);
  const oracle = resolveWithMachine(data, req, opts);
  expect(fast).toEqual(oracle);
  return fast;
}
