/**
 * The law that makes the machine an oracle: on any world, the indexed fast path decides exactly as
 * the reference machine does — same allowed, same reason, same trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtInRoles,
  createRbacIndex,
  describeDecision,
  evaluateIndexed,
  resolveWithMachine,
  type ConditionalAccessRequest,
  type DenyAssignment,
  type ParentOf,
  type Permission,
  type RbacData,
  type RoleAssignment,
  type RoleDefinition,
} from '../../../src/sim/rbac';

// A fixed scope tree: two management groups, two subscriptions (one under the MGs, one not), RGs,
// resources and child resources. Generated worlds pick scopes from it.
const MG0 = '/providers/Microsoft.Management/managementGroups/root';
const MG1 = '/providers/Microsoft.Management/managementGroups/marketing';
const SUBS = ['/subscriptions/s0', '/subscriptions/s1'];
const SCOPES = ['/', MG0, MG1];
for (const s of SUBS) {
  SCOPES.push(s);
  for (const rg of ['rg0', 'rg1']) {
    const r = `${s}/resourceGroups/${rg}`;
    SCOPES.push(r, `${r}/providers/Microsoft.Compute/virtualMachines/vm0`, `${r}/providers/Microsoft.Storage/storageAccounts/st0`);
    SCOPES.push(`${r}/providers/Microsoft.Storage/storageAccounts/st0/blobServices/default/containers/c0`);
    SCOPES.push(`${r}/providers/Microsoft.KeyVault/vaults/kv0`);
  }
}
const parentOf: ParentOf = (s) => ({ '/subscriptions/s0': MG1, [MG1.toLowerCase()]: MG0 })[s.toLowerCase()];

const ACTIONS = [
  'Microsoft.Compute/virtualMachines/read',
  'Microsoft.Compute/virtualMachines/write',
  'Microsoft.Compute/virtualMachines/start/action',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Authorization/roleAssignments/write',
  'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
  'Microsoft.KeyVault/vaults/read',
  'Microsoft.Storage/storageAccounts/listKeys/action',
  'Microsoft.Storage/storageAccounts/blobServices/containers/write',
];
const DATA_ACTIONS = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  'Microsoft.Compute/virtualMachines/login/action',
];
const PATTERNS = [
  '*',
  '*/read',
  'Microsoft.Compute/*',
  'Microsoft.Compute/virtualMachines/*/read',
  'Microsoft.Authorization/*/Write',
  'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
  'Microsoft.KeyVault/vaults/*',
  'Microsoft.Storage/*/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*',
  ...ACTIONS,
  ...DATA_ACTIONS,
];
const CONDITIONS = [
  null,
  "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[container] StringEquals 'c0'))",
  "ActionMatches{'Microsoft.Compute/*'}",
  "@Request[tag] StringEquals 'x'",
  'not a condition (',
];
const USERS = ['u0', 'U1', 'u2'];
const GROUPS = ['g0', 'g1', 'G2', 'g3'];
const ALL = '00000000-0000-0000-0000-000000000000';
const TIMES = [0, 50, 100, 200];

const flipCase = (s: string, flip: boolean) => (flip ? s.toUpperCase().replace(/^\/SUBSCRIPTIONS/, '/subscriptions') : s);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const patterns = fc.uniqueArray(pick(PATTERNS), { maxLength: 3 });

const permission: fc.Arbitrary<Permission> = fc.record({
  actions: patterns,
  notActions: patterns,
  dataActions: patterns,
  notDataActions: patterns,
});

const customRoles = fc.array(
  fc.record({ perms: fc.array(permission, { minLength: 1, maxLength: 2 }), cond: pick(CONDITIONS) }),
  { maxLength: 3 },
).map((rs) =>
  rs.map(
    ({ perms, cond }, i): RoleDefinition => ({
      name: `00000000-0000-4000-8000-00000000000${i}`,
      roleName: `custom ${i}`,
      description: '',
      roleType: 'CustomRole',
      permissions: perms.map((p, j) => (j === 0 && cond ? { ...p, condition: cond, conditionVersion: '2.0' } : p)),
      assignableScopes: ['/subscriptions/s0'],
    }),
  ),
);

const someBuiltIns = builtInRoles.filter((r) =>
  ['Owner', 'Contributor', 'Reader', 'Storage Blob Data Reader', 'Key Vault Secrets User', 'Managed Identity Operator', 'User Access Administrator', 'Virtual Machine User Login', 'Key Vault Data Access Administrator'].includes(r.roleName),
);

const worldArb = customRoles.chain((custom) => {
  const roleIds = [...someBuiltIns, ...custom].map((r) => r.name).concat(['99999999-9999-4999-8999-999999999999']);
  const assignmentArb = fc.record({
    // Biased towards a few scopes so several of the caller's assignments often share one.
    scope: fc.oneof({ weight: 3, arbitrary: pick(SCOPES.slice(0, 6)) }, { weight: 1, arbitrary: pick(SCOPES) }),
    flip: fc.boolean(),
    role: pick(roleIds),
    idForm: fc.constantFrom('guid', 'providers', 'subscription'),
    principal: pick([...USERS, ...GROUPS]),
    effectiveFrom: pick(TIMES),
    removedAt: pick([null, null, 50, 150]),
    condition: pick(CONDITIONS),
  });
  const denyArb = fc.record({
    scope: pick(SCOPES),
    permissions: fc.array(permission, { minLength: 1, maxLength: 2 }),
    principals: fc.uniqueArray(pick([ALL, ...USERS, ...GROUPS]), { minLength: 1, maxLength: 2 }),
    exclude: fc.uniqueArray(pick([...USERS, ...GROUPS]), { maxLength: 2 }),
    doNotApplyToChildScopes: fc.boolean(),
  });
  const membership = fc.uniqueArray(fc.tuple(pick([...USERS, ...GROUPS]), pick(GROUPS)), { maxLength: 6 });
  return fc.record({
    custom: fc.constant(custom),
    assignments: fc.array(assignmentArb, { maxLength: 25 }),
    denies: fc.array(denyArb, { maxLength: 3 }),
    membership,
  });
});

type GeneratedWorld = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function toData(w: GeneratedWorld): RbacData {
  const roleAssignments: RoleAssignment[] = w.assignments.map((a, i) => ({
    name: `a${i}`,
    scope: flipCase(a.scope, a.flip),
    roleDefinitionId:
      a.idForm === 'guid'
        ? a.role
        : a.idForm === 'providers'
          ? `/providers/Microsoft.Authorization/roleDefinitions/${a.role}`
          : `/subscriptions/s0/providers/Microsoft.Authorization/roleDefinitions/${a.role}`,
    principalId: a.principal,
    principalType: GROUPS.includes(a.principal) ? 'Group' : 'User',
    createdOn: '2026-01-01T00:00:00Z',
    effectiveFrom: a.effectiveFrom,
    removedAt: a.removedAt,
    condition: a.condition,
  }));
  const denyAssignments: DenyAssignment[] = w.denies.map((d, i) => ({
    name: `d${i}`,
    denyAssignmentName: `deny ${i}`,
    description: '',
    scope: d.scope,
    permissions: d.permissions,
    principals: d.principals.map((id) => ({ id, type: id === ALL ? 'SystemDefined' : 'User' })),
    excludePrincipals: d.exclude.map((id) => ({ id, type: 'User' })),
    doNotApplyToChildScopes: d.doNotApplyToChildScopes,
    isSystemProtected: true,
  }));
  // Transitive closure of the generated membership edges (groups may nest, even in cycles).
  const direct = new Map<string, string[]>();
  for (const [member, group] of w.membership) {
    if (member !== group) direct.set(member, [...(direct.get(member) ?? []), group]);
  }
  const closure = (p: string): string[] => {
    const seen = new Set<string>();
    const todo = [...(direct.get(p) ?? [])];
    while (todo.length) {
      const g = todo.pop() as string;
      if (seen.has(g) || g === p) continue;
      seen.add(g);
      todo.push(...(direct.get(g) ?? []));
    }
    return [...seen];
  };
  return { roleDefinitions: [...builtInRoles, ...w.custom], roleAssignments, denyAssignments, groupsOf: closure };
}

const requestArb: fc.Arbitrary<ConditionalAccessRequest> = fc
  .record({
    principal: pick([...USERS, 'g1']),
    isDataAction: fc.boolean(),
    control: pick(ACTIONS),
    data: pick(DATA_ACTIONS),
    scope: pick(SCOPES),
    flip: fc.boolean(),
    at: pick(TIMES),
    tokenGroups: fc.option(fc.uniqueArray(pick(GROUPS), { maxLength: 3 }), { nil: undefined }),
    ctx: fc.option(fc.record({ resource: fc.record({ container: pick(['c0', 'c1']) }), request: fc.record({ tag: pick(['x', 'y']) }) }), {
      nil: undefined,
    }),
  })
  .map((r) => {
    const req: ConditionalAccessRequest = {
      principal: r.principal,
      action: r.isDataAction ? r.data : r.control,
      isDataAction: r.isDataAction,
      scope: flipCase(r.scope, r.flip),
      at: r.at,
    };
    if (r.tokenGroups) req.groups = r.tokenGroups;
    if (r.ctx) req.condition = r.ctx;
    return req;
  });

describe('evaluateIndexed agrees with resolveWithMachine', () => {
  it('on random worlds: same decision, same trace', () => {
    fc.assert(
      fc.property(worldArb, fc.array(requestArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (w, reqs, withMgs) => {
        const data = toData(w);
        const opts = withMgs ? { parentOf } : {};
        const index = createRbacIndex(data, opts);
        for (const req of reqs) {
          const fast = evaluateIndexed(index, req);
          expect(fast).toEqual(resolveWithMachine(data, req, opts));
          // Whatever happened, every step reads as a sentence (no holes from missing fields).
          for (const line of describeDecision(fast)) {
            expect(line).toMatch(/\w/);
            expect(line).not.toMatch(/undefined|\bnull\b|NaN/);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every reason is reachable on random worlds (the generator is not trivially denying)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(worldArb, fc.array(requestArb, { minLength: 1, maxLength: 8 }), (w, reqs) => {
        const data = toData(w);
        const index = createRbacIndex(data, { parentOf });
        for (const req of reqs) seen.add(evaluateIndexed(index, req).reason);
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...seen].sort()).toEqual(['allowedByRole', 'conditionNotMet', 'deniedByDenyAssignment', 'noMatchingAssignment', 'notYetPropagated']);
  });

  it('after incremental updates, the index still agrees with the machine on the updated data', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), fc.array(requestArb, { minLength: 1, maxLength: 6 }), (w, split, removals, reqs) => {
        const full = toData(w);
        const cut = full.roleAssignments.length ? split % (full.roleAssignments.length + 1) : 0;
        // Start from a prefix and a subset of denies, then add the rest one by one and remove some.
        const index = createRbacIndex({ ...full, roleAssignments: full.roleAssignments.slice(0, cut), denyAssignments: [] }, { parentOf });
        for (const a of full.roleAssignments.slice(cut)) index.upsertRoleAssignment(a);
        for (const d of full.denyAssignments) index.upsertDenyAssignment(d);
        const removed = new Set(removals.filter(() => full.roleAssignments.length > 0).map((n) => `a${n % full.roleAssignments.length}`));
        for (const name of removed) index.removeRoleAssignment(name);
        // Re-upserting an existing assignment (say, a removal being recorded) keeps its place.
        const first = full.roleAssignments.find((a) => !removed.has(a.name));
        const updated = first ? { ...first, removedAt: 100 } : undefined;
        if (updated) index.upsertRoleAssignment(updated);
        const after: RbacData = {
          ...full,
          roleAssignments: full.roleAssignments.filter((a) => !removed.has(a.name)).map((a) => (a.name === updated?.name ? updated : a)),
        };
        for (const req of reqs) expect(evaluateIndexed(index, req)).toEqual(resolveWithMachine(after, req, { parentOf }));
        expect(index.size.roleAssignments).toBe(after.roleAssignments.length);
      }),
      { numRuns: 200 },
    );
  });
});
