import { describe, expect, it } from 'vitest';
import { builtInRoles, checkAssignableAt, findRole, validateCustomRole, type RoleDefinition } from '../../../src/sim/rbac';

const SUB = '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333';
const MG_A = '/providers/Microsoft.Management/managementGroups/marketing';
const MG_B = '/providers/Microsoft.Management/managementGroups/sales';

const base: RoleDefinition = {
  name: '88888888-1111-4111-8111-111111111111',
  roleName: 'Virtual Machine Operator',
  description: 'Can monitor and restart virtual machines.',
  roleType: 'CustomRole',
  permissions: [
    {
      actions: ['Microsoft.Compute/*/read', 'Microsoft.Compute/virtualMachines/start/action', 'Microsoft.Compute/virtualMachines/restart/action'],
      notActions: [],
      dataActions: [],
      notDataActions: [],
    },
  ],
  assignableScopes: [SUB],
};
const withPerm = (p: Partial<RoleDefinition['permissions'][number]>): RoleDefinition => ({
  ...base,
  permissions: [{ ...(base.permissions[0] as RoleDefinition['permissions'][number]), ...p }],
});
const existingCustom: RoleDefinition = { ...base, name: '99999999-1111-4111-8111-111111111111', roleName: 'Auditor' };

describe('validateCustomRole (spec §1.3, §1.7, §6)', () => {
  it('accepts a well-formed custom role, and re-validating it as an update', () => {
    expect(validateCustomRole(base, [existingCustom])).toEqual({ ok: true });
    expect(validateCustomRole(base, [existingCustom, base])).toEqual({ ok: true });
    expect(validateCustomRole({ ...base, assignableScopes: [MG_A, SUB, `${SUB}/resourceGroups/rg`] }, [])).toEqual({ ok: true });
  });

  it.each<[string, RoleDefinition, string, string]>([
    ['root assignable scope', { ...base, assignableScopes: ['/'] }, 'InvalidAssignableScopes', "'/' is reserved for built-in roles"],
    ['wildcard in assignable scopes', { ...base, assignableScopes: [`${SUB}/*`] }, 'InvalidAssignableScopes', 'contains a wildcard'],
    ['two management groups', { ...base, assignableScopes: [MG_A, MG_B] }, 'InvalidAssignableScopes', 'Only one management group'],
    ['no assignable scopes', { ...base, assignableScopes: [] }, 'InvalidAssignableScopes', 'at least one assignable scope'],
    ['2,001 assignable scopes', { ...base, assignableScopes: Array.from({ length: 2001 }, (_, i) => `${SUB}/resourceGroups/rg${i}`) }, 'InvalidAssignableScopes', 'at most 2000'],
    ['a malformed assignable scope', { ...base, assignableScopes: [`${SUB}/resourceGroups`] }, 'InvalidAssignableScopes', 'resource group name is missing'],
    ['two wildcards in an action', withPerm({ actions: ['Microsoft.CostManagement/*/query/*'] }), 'InvalidActionOrNotAction', "'Microsoft.CostManagement/*/query/*' contains multiple wildcards. Only one is allowed."],
    ['two wildcards in a data action', withPerm({ dataActions: ['Microsoft.Storage/*/blobs/*'] }), 'InvalidActionOrNotAction', 'multiple wildcards'],
    ['a blank action', withPerm({ actions: [' '] }), 'InvalidActionOrNotAction', 'is not a valid action'],
    ['no permissions block', { ...base, permissions: [] }, 'InvalidPermissions', 'needs a permissions block'],
    ['a name that is not a GUID', { ...base, name: 'my-role' }, 'InvalidRoleDefinitionId', 'It must be a GUID'],
    ['a built-in GUID', { ...base, name: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }, 'BuiltInRoleCannotBeModified', 'cannot be created'],
    ['roleType BuiltInRole', { ...base, roleType: 'BuiltInRole' }, 'InvalidRoleDefinition', "'CustomRole'"],
    ['an empty roleName', { ...base, roleName: '  ' }, 'InvalidRoleDefinitionName', 'required'],
    ['a 513-character roleName', { ...base, roleName: 'x'.repeat(513) }, 'InvalidRoleDefinitionName', 'at most 512'],
    ['a 2,049-character description', { ...base, description: 'x'.repeat(2049) }, 'InvalidRoleDefinitionDescription', 'at most 2048'],
    ['the name of an existing custom role', { ...base, roleName: 'AUDITOR' }, 'RoleDefinitionWithSameNameExists', 'A role definition cannot be updated with a name that already exists.'],
    ['the name of a built-in role', { ...base, roleName: 'Reader' }, 'RoleDefinitionWithSameNameExists', 'already exists'],
  ])('rejects %s', (_label, def, code, message) => {
    const r = validateCustomRole(def, [existingCustom]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toContain(message);
    }
  });

  it('allows a single wildcard and a management group even with DataActions (assignment is what is restricted)', () => {
    expect(validateCustomRole({ ...withPerm({ dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'] }), assignableScopes: [MG_A] }, [])).toEqual({ ok: true });
  });

  it('enforces 5,000 custom roles per tenant on create, not on update', () => {
    const many = Array.from({ length: 5000 }, (_, i): RoleDefinition => ({ ...existingCustom, name: `99999999-1111-4111-8111-${String(i).padStart(12, '0')}`, roleName: `r${i}` }));
    expect(validateCustomRole(base, many)).toMatchObject({ ok: false, code: 'RoleDefinitionLimitExceeded' });
    expect(validateCustomRole({ ...base, name: (many[0] as RoleDefinition).name }, many)).toEqual({ ok: true });
  });

  it('never throws on garbage', () => {
    for (const junk of [null, 42, {}, { name: base.name, roleType: 'CustomRole', roleName: 'x', permissions: 'no' }, { ...base, assignableScopes: [7] }]) {
      const r = validateCustomRole(junk as unknown as RoleDefinition, builtInRoles);
      expect(r.ok).toBe(false);
    }
  });
});

describe('checkAssignableAt (spec §1.7)', () => {
  const dataRole: RoleDefinition = { ...withPerm({ dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'] }), assignableScopes: [MG_A] };

  it('built-in roles are assignable anywhere', () => {
    expect(checkAssignableAt(findRole('Reader')!, MG_A)).toEqual({ ok: true });
    expect(checkAssignableAt(findRole('Reader')!, `${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`)).toEqual({ ok: true });
  });

  it('a subscription in assignableScopes allows its resource groups and resources', () => {
    expect(checkAssignableAt(base, `${SUB}/resourceGroups/rg`)).toEqual({ ok: true });
    expect(checkAssignableAt(base, '/subscriptions/other')).toMatchObject({ ok: false, code: 'RoleDefinitionDoesNotExist' });
  });

  it('custom roles with DataActions cannot be assigned at a management group, but can below it', () => {
    expect(checkAssignableAt(dataRole, MG_A)).toEqual({
      ok: false,
      code: 'InvalidCreateRoleAssignmentRequest',
      message: 'Role assignments to Management Groups can not be made to custom role definitions with DataActions',
    });
    expect(checkAssignableAt(dataRole, SUB, (s) => (s === SUB ? MG_A : undefined))).toEqual({ ok: true });
  });
});
