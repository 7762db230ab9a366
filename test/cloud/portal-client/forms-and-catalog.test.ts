import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/index';
import { validateIdentityName } from '../../../src/cloud/portal-client/identity-form';
import { permissionLists, roleCategory, searchRoles } from '../../../src/cloud/portal-client/role-catalog';
import { parseScope, readActionFor, scopeKind } from '../../../src/cloud/portal-client/scopes';
import { worldChangeTracker } from '../../../src/cloud/portal-client/world-changes';
import { formatSimulatedDelay, pendingPropagationMs } from '../../../src/cloud/portal-client/propagation';
import { advanceClock, createUserAssignedIdentity, setPropagationDelay } from '../../../src/sim/index';
import { admin, portalAs, presetWorld } from './portal-fixture';

describe('managed identity name rule', () => {
  it.each<[string, string | null]>([
    ['myUserAssignedIdentity', null],
    ['id-1_a', null],
    ['  spaced-but-trimmed  ', null],
    ['ab', 'The name must be at least 3 characters long.'],
    ['x'.repeat(129), 'The name must be at most 128 characters long.'],
    ['-leading', 'The name must start with a letter or a digit.'],
    ['has space', "The name cannot contain ' ': use letters, digits, hyphens and underscores."],
    ['dot.name', "The name cannot contain '.': use letters, digits, hyphens and underscores."],
  ])('%j → %j', (name, error) => {
    expect(validateIdentityName(name)).toBe(error);
  });
});

describe('scopes as the portal names them', () => {
  it.each<[string, ReturnType<typeof scopeKind>, string]>([
    ['/subscriptions/s', 'subscription', 'Microsoft.Resources/subscriptions/read'],
    ['/subscriptions/s/resourceGroups/rg', 'resourceGroup', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['/subscriptions/s/resourcegroups/rg/', 'resourceGroup', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm', 'resource', 'Microsoft.Compute/virtualMachines/read'],
    ['/providers/Microsoft.Management/managementGroups/mg', 'managementGroup', 'Microsoft.Management/managementGroups/read'],
  ])('%s is a %s whose read action is %s', (scope, kind, action) => {
    expect(scopeKind(scope)).toBe(kind);
    expect(readActionFor(scope)).toBe(action);
  });

  it('parses the parts of a resource id', () => {
    expect(parseScope('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1')).toEqual({
      kind: 'resource',
      subscriptionId: 's',
      resourceGroup: 'rg',
      resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      name: 'id1',
    });
  });
});

describe('the Role tab catalog (over ARM’s role definitions)', () => {
  it('splits privileged administrator roles from job function roles and searches name and description', async () => {
    const world = presetWorld('quickstart');
    const { client } = await portalAs(world, admin(world).userPrincipalName);
    const defs = await client.listRoleDefinitions(`/subscriptions/${Object.keys(world.data.subscriptions)[0]}`);
    const privileged = searchRoles(defs, '', 'privileged').map((r) => r.properties.roleName);
    expect(privileged).toEqual(expect.arrayContaining(['Contributor', 'Owner', 'User Access Administrator']));
    expect(privileged).not.toContain('Reader');
    expect(searchRoles(defs, 'reader', 'jobFunction').map((r) => r.properties.roleName)).toContain('Reader');
    expect(searchRoles(defs, 'MANAGED identity operator', 'jobFunction').map((r) => r.properties.roleName)).toEqual(['Managed Identity Operator']);
    const reader = defs.find((d) => d.properties.roleName === 'Reader')!;
    expect(roleCategory(reader)).toBe('jobFunction');
    expect(permissionLists(reader)).toEqual([
      { label: 'Actions', items: ['*/read'] },
      { label: 'NotActions', items: [] },
      { label: 'DataActions', items: [] },
      { label: 'NotDataActions', items: [] },
    ]);
  });
});

describe('when the portal re-reads ARM', () => {
  it('on a committed change or a replaced world, not on reads', async () => {
    const first = presetWorld('quickstart');
    let current = first;
    const changed = worldChangeTracker(() => current);
    const { client } = await portalAs(first, admin(first).userPrincipalName);
    await client.listSubscriptions();
    expect(changed()).toBe(false);
    const sub = Object.keys(first.data.subscriptions)[0]!;
    const made = createUserAssignedIdentity(first, { subscriptionId: sub, resourceGroup: 'myResourceGroup', name: 'newIdentity', location: 'eastus' });
    expect(made.ok).toBe(true);
    expect(changed()).toBe(true);
    expect(changed()).toBe(false);
    const replaced = createWorld('empty');
    if (!replaced.ok) throw new Error('preset');
    current = replaced.value;
    expect(changed()).toBe(true);
  });
});

describe('propagation notice', () => {
  it('counts down a new assignment’s simulated delay, and is gone once it counts', async () => {
    const world = presetWorld('quickstart');
    setPropagationDelay(world, 150_000);
    const { client } = await portalAs(world, admin(world).userPrincipalName);
    const sub = Object.keys(world.data.subscriptions)[0]!;
    const created = await client.createRoleAssignment({
      scope: `/subscriptions/${sub}/resourceGroups/myResourceGroup`,
      roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
      principalId: admin(world).objectId,
      principalType: 'User',
    });
    expect(pendingPropagationMs(world, created.name)).toBe(150_000);
    expect(formatSimulatedDelay(150_000)).toBe('2 min 30 s');
    advanceClock(world, 60_000);
    expect(formatSimulatedDelay(pendingPropagationMs(world, created.name)!)).toBe('1 min 30 s');
    advanceClock(world, 90_000);
    expect(pendingPropagationMs(world, created.name)).toBeNull();
    expect(pendingPropagationMs(world, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it.each<[number, string]>([
    [1, '1 s'],
    [59_001, '1 min'],
    [60_000, '1 min'],
    [600_000, '10 min'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatSimulatedDelay(ms)).toBe(text);
  });
});
