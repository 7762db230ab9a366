import { describe, expect, it } from 'vitest';
import {
  advanceClock,
  assignmentState,
  createGroup,
  createRoleAssignment,
  deleteRoleAssignment,
  disableSystemAssigned,
  enableSystemAssigned,
  findRoleAssignment,
  listRoleAssignments,
  quickstartWorld,
  rbac,
  setPropagationDelay,
  ASSIGNMENTS_PER_SUBSCRIPTION,
  type CreateAssignmentInput,
} from '../../../src/sim/index';

const roleId = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const READER = roleId(rbac.BUILT_IN_ROLE_IDS.reader);
const CONTRIBUTOR = roleId(rbac.BUILT_IN_ROLE_IDS.contributor);
const name = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

function setup() {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error();
  const principalId = on.value.identity!.principalId!;
  const input = (over: Partial<CreateAssignmentInput> = {}): CreateAssignmentInput => ({
    name: name(1),
    scope: q.resourceGroupId,
    roleDefinitionId: READER,
    principalId,
    principalType: 'ServicePrincipal',
    ...over,
  });
  return { ...q, principalId, input };
}

describe('role assignment create', () => {
  it('stores the documented properties with a GUID name, the tenant-level role id and createdOn in simulated time', () => {
    const { world, input, principalId, resourceGroupId } = setup();
    const r = createRoleAssignment(world, input({ roleDefinitionId: `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.reader.toUpperCase()}` }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.created).toBe(true);
    expect(r.value.assignment).toEqual({
      name: name(1),
      scope: resourceGroupId,
      roleDefinitionId: READER,
      principalId,
      principalType: 'ServicePrincipal',
      createdOn: new Date(world.now()).toISOString(),
      effectiveFrom: world.now(),
      removedAt: null,
      condition: null,
      conditionVersion: null,
      description: null,
    });
    expect(assignmentState(world, r.value.assignment)).toBe('effective');
    expect(world.events().slice(-2).map((e) => e.type)).toEqual(['assignment.created', 'assignment.propagated']);
  });

  it('an identical PUT with the same name returns the existing assignment (200, not a duplicate)', () => {
    const { world, input } = setup();
    createRoleAssignment(world, input());
    const again = createRoleAssignment(world, input());
    expect(again.ok && again.value.created).toBe(false);
    expect(Object.keys(world.data.roleAssignments)).toHaveLength(2);
  });

  it('principalType is inferred from the directory when omitted', () => {
    const { world, input } = setup();
    const r = createRoleAssignment(world, input({ principalType: undefined }));
    expect(r.ok && r.value.assignment.principalType).toBe('ServicePrincipal');
  });

  const errorsTable: [string, (s: ReturnType<typeof setup>) => Partial<CreateAssignmentInput>, string, string | RegExp][] = [
    ['a name that is not a GUID', () => ({ name: 'reader-for-vm' }), 'InvalidRoleAssignmentId', "The role assignment ID 'reader-for-vm' is not valid. The role assignment ID must be a GUID."],
    ['a missing resource group', (s) => ({ scope: `/subscriptions/${s.subscriptionId}/resourceGroups/ghost` }), 'ResourceGroupNotFound', "Resource group 'ghost' could not be found."],
    ['a missing subscription', () => ({ scope: '/subscriptions/00000000-0000-4000-8000-00000000dead' }), 'SubscriptionNotFound', "The subscription '00000000-0000-4000-8000-00000000dead' could not be found."],
    ['an unknown role', () => ({ roleDefinitionId: roleId('00000000-0000-4000-8000-000000000001') }), 'RoleDefinitionDoesNotExist', "The specified role definition with ID '00000000-0000-4000-8000-000000000001' does not exist."],
    ['a role id that is not an id', () => ({ roleDefinitionId: 'Reader-ish' }), 'RoleDefinitionDoesNotExist', /does not exist/],
    [
      'a principal that does not exist, without principalType',
      () => ({ principalId: '99999999-9999-4999-8999-999999999999', principalType: undefined }),
      'PrincipalNotFound',
      /^Principal 99999999-9999-4999-8999-999999999999 does not exist in the directory [0-9a-f-]{36}\. Check that you have the correct principal ID\. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay\. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group\. See https:\/\/aka\.ms\/docs-principaltype$/,
    ],
    ['principalType Application', () => ({ principalType: 'Application' }), 'PrincipalTypeNotSupported', 'Principals of type Application cannot validly be used in role assignments.'],
    [
      'a principalType that does not match',
      () => ({ principalType: 'User' }),
      'UnmatchedPrincipalType',
      /^The PrincipalId '[0-9a-f]{32}' has type 'ServicePrincipal', which is different from specified PrincipalType 'User'\.$/,
    ],
    ['a description over 2,048 characters', () => ({ description: 'x'.repeat(2049) }), 'InvalidParameter', /2048/],
    ['a condition without version 2.0', () => ({ condition: "@Resource[x] StringEquals 'y'", conditionVersion: '1.0' }), 'InvalidConditionVersion', /2\.0/],
  ];

  it.each(errorsTable)('rejects %s', (_n, over, code, message) => {
    const s = setup();
    const before = JSON.stringify(s.world.data);
    const r = createRoleAssignment(s.world, s.input(over(s)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    if (typeof message === 'string') expect(r.error.message).toBe(message);
    else expect(r.error.message).toMatch(message);
    expect(JSON.stringify(s.world.data)).toBe(before);
  });

  it('the same (scope, role, principal) under another name is RoleAssignmentExists, scope compared case-insensitively', () => {
    const { world, input, resourceGroupId } = setup();
    createRoleAssignment(world, input());
    const dup = createRoleAssignment(world, input({ name: name(2), scope: resourceGroupId.toUpperCase() }));
    expect(dup).toEqual({ ok: false, error: { code: 'RoleAssignmentExists', message: 'The role assignment already exists.' } });
  });

  it('reusing a name with other properties is RoleAssignmentUpdateNotPermitted', () => {
    const { world, input } = setup();
    createRoleAssignment(world, input());
    const r = createRoleAssignment(world, input({ roleDefinitionId: CONTRIBUTOR }));
    expect(r).toEqual({
      ok: false,
      error: { code: 'RoleAssignmentUpdateNotPermitted', message: 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.' },
    });
  });

  it('re-enabling the identity and reusing the old assignment name fails (new principalId), rbac-arm.md §4.3', () => {
    const { world, input, linuxVmId } = setup();
    createRoleAssignment(world, input());
    disableSystemAssigned(world, linuxVmId);
    const on = enableSystemAssigned(world, linuxVmId);
    if (!on.ok) throw new Error();
    const r = createRoleAssignment(world, input({ principalId: on.value.identity!.principalId! }));
    expect(r.ok === false && r.error.code).toBe('RoleAssignmentUpdateNotPermitted');
  });

  it('with principalType given, a principal missing from the directory is accepted and shows as Identity not found', () => {
    const { world, input } = setup();
    const ghost = '99999999-9999-4999-8999-999999999999';
    const r = createRoleAssignment(world, input({ principalId: ghost, principalType: 'ServicePrincipal' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(assignmentState(world, r.value.assignment)).toBe('orphaned');
    const listed = listRoleAssignments(world, { scope: r.value.assignment.scope, principalId: ghost });
    expect(listed.ok && listed.value[0]!.principal).toEqual({ objectId: ghost, type: 'Unknown', displayName: 'Identity not found' });
  });

  it('stops at the per-subscription limit with RoleAssignmentLimitExceeded', () => {
    const { world, subscriptionId } = setup();
    const group = createGroup(world, { displayName: 'g' });
    if (!group.ok) throw new Error();
    // Fill the data directly: creating 5,000 through the API is the same code path 5,000 times.
    for (let i = 0; i < ASSIGNMENTS_PER_SUBSCRIPTION - 2; i++) {
      const n = `${i.toString(16).padStart(8, '0')}-1111-4111-8111-111111111111`;
      world.data.roleAssignments[n] = {
        name: n,
        scope: `/subscriptions/${subscriptionId}/resourceGroups/rg${i}`,
        roleDefinitionId: READER,
        principalId: group.value.objectId,
        principalType: 'Group',
        createdOn: '2026-01-01T00:00:00.000Z',
        effectiveFrom: 0,
        removedAt: null,
      };
    }
    // The base world already holds one Owner assignment: one more fits, the next does not.
    const last = createRoleAssignment(world, { name: name(7), scope: `/subscriptions/${subscriptionId}`, roleDefinitionId: READER, principalId: group.value.objectId });
    expect(last.ok).toBe(true);
    const over = createRoleAssignment(world, { name: name(8), scope: `/subscriptions/${subscriptionId}`, roleDefinitionId: CONTRIBUTOR, principalId: group.value.objectId });
    expect(over).toEqual({ ok: false, error: { code: 'RoleAssignmentLimitExceeded', message: 'No more role assignments can be created' } });
  });
});

describe('propagation', () => {
  it('a new assignment propagates after the configured delay; the feed says when', () => {
    const { world, input } = setup();
    expect(setPropagationDelay(world, 5 * 60_000).ok).toBe(true);
    const r = createRoleAssignment(world, input());
    if (!r.ok) throw new Error();
    expect(r.value.assignment.effectiveFrom).toBe(world.now() + 300_000);
    expect(assignmentState(world, r.value.assignment)).toBe('propagating');
    advanceClock(world, 299_999);
    expect(assignmentState(world, r.value.assignment)).toBe('propagating');
    advanceClock(world, 1);
    expect(assignmentState(world, r.value.assignment)).toBe('effective');
    expect(world.events().filter((e) => e.type === 'assignment.propagated').map((e) => (e as { name: string }).name)).toContain(name(1));
  });

  it.each([-1, 600_001, Number.NaN])('rejects a delay of %s ms', (ms) => {
    const { world } = setup();
    const r = setPropagationDelay(world, ms);
    expect(r.ok === false && r.error.code).toBe('InvalidSetting');
    expect(world.data.settings.propagationDelayMs).toBe(0);
  });

  it('delete is immediate for lists but honoured until removedAt; then the record is dropped', () => {
    const { world, input, resourceGroupId } = setup();
    const r = createRoleAssignment(world, input());
    if (!r.ok) throw new Error();
    setPropagationDelay(world, 60_000);
    const d = deleteRoleAssignment(world, `${resourceGroupId}/providers/Microsoft.Authorization/roleAssignments/${name(1)}`);
    expect(d.ok && d.value.assignment?.removedAt).toBe(world.now() + 60_000);
    expect(findRoleAssignment(world, name(1))).toBeNull();
    const listed = listRoleAssignments(world, { scope: resourceGroupId });
    expect(listed.ok && listed.value.some((l) => l.assignment.name === name(1))).toBe(false);
    expect(world.data.roleAssignments[name(1)]).toBeDefined();
    advanceClock(world, 60_000);
    expect(world.data.roleAssignments[name(1)]).toBeUndefined();
  });

  it('deleting what is not there is not an error (ARM 204)', () => {
    const { world } = setup();
    expect(deleteRoleAssignment(world, name(42))).toEqual({ ok: true, value: { assignment: null } });
    expect(deleteRoleAssignment(world, `/subscriptions/x/providers/Microsoft.Authorization/roleAssignments/${name(42)}`)).toEqual({ ok: true, value: { assignment: null } });
  });

  it('a delete addressed at the wrong scope finds nothing', () => {
    const { world, input, subscriptionId } = setup();
    createRoleAssignment(world, input());
    const r = deleteRoleAssignment(world, `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleAssignments/${name(1)}`);
    expect(r.ok && r.value.assignment).toBeNull();
    expect(findRoleAssignment(world, name(1))).not.toBeNull();
  });
});

describe('role assignment list', () => {
  it('no filter: at, above and below; atScope(): at or above; principalId: that principal anywhere related', () => {
    const { world, input, subscriptionId, resourceGroupId, linuxVmId, adminObjectId, principalId } = setup();
    createRoleAssignment(world, input());
    createRoleAssignment(world, input({ name: name(2), scope: linuxVmId }));
    const names = (r: ReturnType<typeof listRoleAssignments>) => (r.ok ? r.value.map((l) => l.assignment.principalId + '@' + l.assignment.scope.split('/').length) : []);
    expect(names(listRoleAssignments(world, { scope: resourceGroupId })).sort()).toEqual(
      [`${adminObjectId}@3`, `${principalId}@5`, `${principalId}@9`].sort(),
    );
    expect(names(listRoleAssignments(world, { scope: resourceGroupId, atScope: true })).sort()).toEqual([`${adminObjectId}@3`, `${principalId}@5`].sort());
    expect(names(listRoleAssignments(world, { scope: `/subscriptions/${subscriptionId}`, principalId }))).toHaveLength(2);
  });

  it('a malformed scope is a named error, not a throw', () => {
    const { world } = setup();
    const r = listRoleAssignments(world, { scope: 'subscriptions//x' });
    expect(r.ok === false && r.error.code).toBe('InvalidParameter');
  });
});

describe('principal id shape', () => {
  it.each([[''], ['not-a-guid'], ['634c8d99dc1442e18389ece9c4fe7e8a']])('%j is InvalidPrincipalId', (principalId) => {
    const s = setup();
    expect(createRoleAssignment(s.world, s.input({ principalId }))).toEqual({
      ok: false,
      error: { code: 'InvalidPrincipalId', message: 'A valid principal ID must be provided for role assignment.' },
    });
  });
});
