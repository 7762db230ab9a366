import { describe, expect, it } from 'vitest';
import {
  addDenyAssignment,
  createCustomRole,
  createManagementGroup,
  createSubscription,
  moveSubscription,
  createRoleAssignment,
  deleteCustomRole,
  deleteRoleAssignment,
  evaluate,
  findRoleDefinition,
  listDenyAssignments,
  quickstartWorld,
  removeDenyAssignment,
  tryEvaluate,
  advanceClock,
} from '../../../src/sim/index';

const ROLE_GUID = '77777777-7777-4777-8777-777777777777';

function customRole(subscriptionId: string, over: Record<string, unknown> = {}) {
  return {
    name: ROLE_GUID,
    roleName: 'VM Restarter',
    description: 'Restarts VMs',
    roleType: 'CustomRole' as const,
    permissions: [{ actions: ['Microsoft.Compute/virtualMachines/restart/action', 'Microsoft.Compute/virtualMachines/read'], notActions: [], dataActions: [], notDataActions: [] }],
    assignableScopes: [`/subscriptions/${subscriptionId}`],
    ...over,
  };
}

describe('custom roles', () => {
  it('are validated, found by name or id, assignable within their scopes, and honoured by RBAC', () => {
    const q = quickstartWorld();
    const r = createCustomRole(q.world, customRole(q.subscriptionId));
    expect(r.ok && r.value.created).toBe(true);
    const again = createCustomRole(q.world, customRole(q.subscriptionId, { description: 'Restarts VMs, updated' }));
    expect(again.ok && again.value.created).toBe(false);
    expect(q.world.events().at(-1)).toMatchObject({ type: 'roleDefinition.updated', name: ROLE_GUID });
    expect(findRoleDefinition(q.world, 'vm restarter')?.name).toBe(ROLE_GUID);
    const a = createRoleAssignment(q.world, { name: '88888888-8888-4888-8888-888888888888', scope: q.linuxVmId, roleDefinitionId: ROLE_GUID, principalId: q.adminObjectId });
    expect(a.ok).toBe(true);
    const d = evaluate(q.world, { principal: q.adminObjectId, action: 'Microsoft.Compute/virtualMachines/restart/action', isDataAction: false, scope: q.linuxVmId });
    expect(d.allowed).toBe(true);
  });

  it('refuses invalid definitions with the engine’s named errors', () => {
    const q = quickstartWorld();
    const r = createCustomRole(q.world, customRole(q.subscriptionId, { assignableScopes: ['/'] }));
    expect(r.ok).toBe(false);
    expect(Object.keys(q.world.data.roleDefinitions)).toHaveLength(0);
  });

  it('cannot be deleted while assigned (RoleDefinitionHasAssignments); can after the assignment goes', () => {
    const q = quickstartWorld();
    createCustomRole(q.world, customRole(q.subscriptionId));
    createRoleAssignment(q.world, { name: '88888888-8888-4888-8888-888888888888', scope: q.resourceGroupId, roleDefinitionId: ROLE_GUID, principalId: q.adminObjectId });
    expect(deleteCustomRole(q.world, ROLE_GUID)).toMatchObject({ ok: false, error: { code: 'RoleDefinitionHasAssignments' } });
    deleteRoleAssignment(q.world, '88888888-8888-4888-8888-888888888888');
    advanceClock(q.world, 1);
    expect(deleteCustomRole(q.world, `/providers/Microsoft.Authorization/roleDefinitions/${ROLE_GUID}`)).toMatchObject({ ok: true, value: { role: { name: ROLE_GUID } } });
    expect(deleteCustomRole(q.world, ROLE_GUID)).toEqual({ ok: true, value: { role: null } });
  });

  it('a custom role outside its assignable scopes is refused at assignment time', () => {
    const q = quickstartWorld();
    createCustomRole(q.world, customRole(q.subscriptionId, { assignableScopes: [q.resourceGroupId.replace('myResourceGroup', 'elsewhere')] }));
    const a = createRoleAssignment(q.world, { name: '88888888-8888-4888-8888-888888888888', scope: q.resourceGroupId, roleDefinitionId: ROLE_GUID, principalId: q.adminObjectId });
    expect(a.ok).toBe(false);
  });
});

describe('deny assignments (scenario-only)', () => {
  const deny = (scope: string, over: Record<string, unknown> = {}) => ({
    name: '99999999-9999-4999-8999-999999999999',
    denyAssignmentName: 'locked',
    description: 'scenario',
    scope,
    permissions: [{ actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] }],
    principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }],
    excludePrincipals: [],
    doNotApplyToChildScopes: false,
    isSystemProtected: true,
    ...over,
  });

  it('are added, listed and removed', () => {
    const q = quickstartWorld();
    expect(addDenyAssignment(q.world, deny(q.resourceGroupId)).ok).toBe(true);
    expect(listDenyAssignments(q.world)).toHaveLength(1);
    expect(removeDenyAssignment(q.world, '99999999-9999-4999-8999-999999999999')).toEqual({ ok: true, value: { name: '99999999-9999-4999-8999-999999999999' } });
    expect(listDenyAssignments(q.world)).toHaveLength(0);
  });

  it.each([
    ['a missing scope', (rg: string) => deny(rg.replace('myResourceGroup', 'ghost')), 'ResourceGroupNotFound'],
    ['no actions at all', (rg: string) => deny(rg, { permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }] }), 'InvalidParameter'],
    ['All Principals in excludePrincipals', (rg: string) => deny(rg, { excludePrincipals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }] }), 'InvalidParameter'],
    ['a non-GUID name', (rg: string) => deny(rg, { name: 'lock' }), 'InvalidParameter'],
    ['a wrong shape', () => ({ scope: 5 }), 'InvalidParameter'],
  ])('rejects %s', (_n, make, code) => {
    const q = quickstartWorld();
    const r = addDenyAssignment(q.world, make(q.resourceGroupId));
    expect(r.ok === false && r.error.code).toBe(code);
    expect(listDenyAssignments(q.world)).toHaveLength(0);
  });
});

describe('tryEvaluate', () => {
  it('turns malformed requests into named errors', () => {
    const q = quickstartWorld();
    const badScope = tryEvaluate(q.world, { principal: q.adminObjectId, action: '*/read', isDataAction: false, scope: 'no-slash' });
    expect(badScope.ok === false && badScope.error.code).toBe('InvalidScope');
    const badAction = tryEvaluate(q.world, { principal: q.adminObjectId, action: '', isDataAction: false, scope: '/' });
    expect(badAction.ok === false && badAction.error.code).toBe('InvalidAccessRequest');
    const good = tryEvaluate(q.world, { principal: q.adminObjectId, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', isDataAction: false, scope: q.resourceGroupId });
    expect(good.ok && good.value.allowed).toBe(true);
  });
});

describe('management groups', () => {
  it('an assignment on a management group reaches subscriptions moved under it, and only those', () => {
    const q = quickstartWorld();
    expect(createManagementGroup(q.world, { name: 'platform', displayName: 'Platform' }).ok).toBe(true);
    const mgScope = '/providers/Microsoft.Management/managementGroups/platform';
    createRoleAssignment(q.world, { name: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', scope: mgScope, roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', principalId: q.adminObjectId });
    const other = createSubscription(q.world, { displayName: 'Second' });
    if (!other.ok) throw new Error();
    const read = (sub: string) =>
      evaluate(q.world, { principal: q.adminObjectId, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', isDataAction: false, scope: `/subscriptions/${sub}/resourceGroups/x` }).allowed;
    expect(read(other.value.subscriptionId)).toBe(false);
    expect(moveSubscription(q.world, other.value.subscriptionId, 'platform').ok).toBe(true);
    expect(read(other.value.subscriptionId)).toBe(true);
    expect(q.world.events().at(-1)).toMatchObject({ type: 'subscription.moved', to: 'platform' });
  });

  it.each([
    ['a bad name', { name: 'has space' }, 'InvalidResourceName'],
    ['a duplicate', { name: 'PLATFORM' }, 'ResourceAlreadyExists'],
    ['a missing parent', { name: 'x', parent: 'ghost' }, 'InvalidParameter'],
  ])('refuses %s', (_n, input, code) => {
    const q = quickstartWorld();
    createManagementGroup(q.world, { name: 'platform' });
    const r = createManagementGroup(q.world, input);
    expect(r.ok === false && r.error.code).toBe(code);
  });
});
