/**
 * Every worked example of spec §1 (rbac-arm.md), decided by both the indexed fast path and the
 * reference machine (`decide` checks they agree, trace included).
 */
import { describe, expect, it } from 'vitest';
import { describeDecision, type DecisionReason, type RbacData, type TraceStep } from '../../../src/sim/rbac';
import {
  CONTAINER,
  MG,
  RG,
  STORAGE,
  SUB,
  UAI,
  VAULT,
  VM,
  assignment,
  customRole,
  decide,
  denyAssignment,
  world,
  type Ask,
} from './world-builder';

const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const CONTAINER_WRITE = 'Microsoft.Storage/storageAccounts/blobServices/containers/write';
const ALICE = 'a11ce000-0000-0000-0000-000000000001';
const BOB = 'b0b00000-0000-0000-0000-000000000002';
const MI = 'fa11ed00-0000-0000-0000-000000000003';

type Row = [label: string, data: RbacData, ask: Ask, allowed: boolean, reason: DecisionReason];

function rows(label: string, data: RbacData, cases: [string, Ask, boolean, DecisionReason][]): Row[] {
  return cases.map(([what, ask, allowed, reason]) => [`${label}: ${what}`, data, ask, allowed, reason]);
}

const aliceAndBob = world({
  assignments: [assignment(ALICE, 'Owner', SUB), assignment(BOB, 'Storage Blob Data Contributor', STORAGE)],
});

const additive = world({ assignments: [assignment(ALICE, 'Contributor', SUB), assignment(ALICE, 'Reader', RG)] });

const notActionsTwoRoles = world({
  assignments: [assignment(ALICE, 'Contributor', SUB), assignment(ALICE, 'User Access Administrator', SUB)],
});
const contributorOnly = world({ assignments: [assignment(ALICE, 'Contributor', SUB)] });

const exportsRole = customRole('Cost exports operator', {
  actions: ['Microsoft.CostManagement/exports/*'],
  notActions: ['Microsoft.CostManagement/exports/delete'],
});
const costExports = world({ roles: [exportsRole], assignments: [{ ...assignment(ALICE, 'Reader', SUB), roleDefinitionId: exportsRole.name }] });

const identityRoles = world({
  assignments: [assignment(ALICE, 'Managed Identity Operator', UAI), assignment(BOB, 'Managed Identity Contributor', UAI)],
});

const keyVault = world({
  assignments: [
    assignment(ALICE, 'Key Vault Reader', VAULT),
    assignment(BOB, 'Key Vault Secrets User', VAULT),
    assignment(MI, 'Key Vault Administrator', VAULT),
  ],
});

const vmLogin = world({ assignments: [assignment(ALICE, 'Virtual Machine User Login', VM)] });

const readerOnRg = world({ assignments: [assignment(MI, 'Reader', RG)] });

const dataVsControl = world({
  assignments: [
    assignment(ALICE, 'Reader', SUB),
    assignment(BOB, 'Storage Account Contributor', STORAGE),
    assignment(MI, 'Virtual Machine Contributor', RG),
  ],
});

const table: Row[] = [
  ...rows('Alice Owner at subscription, Bob Storage Blob Data Contributor on the account (§1.5)', aliceAndBob, [
    ['Alice writes a container', { principal: ALICE, action: CONTAINER_WRITE, scope: CONTAINER }, true, 'allowedByRole'],
    ['Alice reads a blob with Entra auth', { principal: ALICE, action: BLOB_READ, isDataAction: true, scope: CONTAINER }, false, 'noMatchingAssignment'],
    ['Bob writes a container', { principal: BOB, action: CONTAINER_WRITE, scope: CONTAINER }, true, 'allowedByRole'],
    ['Bob reads a blob', { principal: BOB, action: BLOB_READ, isDataAction: true, scope: CONTAINER }, true, 'allowedByRole'],
    ['Bob cannot delete the account', { principal: BOB, action: 'Microsoft.Storage/storageAccounts/delete', scope: STORAGE }, false, 'noMatchingAssignment'],
  ]),
  ...rows('Contributor at subscription + Reader on a resource group is additive (§1.1)', additive, [
    ['write a VM in the RG', { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/write', scope: VM }, true, 'allowedByRole'],
    ['still cannot assign roles', { principal: ALICE, action: 'Microsoft.Authorization/roleAssignments/write', scope: RG }, false, 'noMatchingAssignment'],
  ]),
  ...rows('NotActions is not a deny across roles (§1.4)', notActionsTwoRoles, [
    ['Contributor excludes it, UAA grants it', { principal: ALICE, action: 'Microsoft.Authorization/roleAssignments/write', scope: RG }, true, 'allowedByRole'],
  ]),
  ...rows('NotActions subtracts within its own role (§1.4)', contributorOnly, [
    ['Contributor alone', { principal: ALICE, action: 'microsoft.authorization/roleassignments/write', scope: RG }, false, 'noMatchingAssignment'],
    ['Contributor may elevate? no', { principal: ALICE, action: 'Microsoft.Authorization/elevateAccess/Action', scope: '/' }, false, 'noMatchingAssignment'],
  ]),
  ...rows('CostManagement exports/* minus exports/delete (§1.3)', costExports, [
    ['exports/action', { principal: ALICE, action: 'Microsoft.CostManagement/exports/action', scope: SUB }, true, 'allowedByRole'],
    ['exports/read', { principal: ALICE, action: 'Microsoft.CostManagement/exports/read', scope: SUB }, true, 'allowedByRole'],
    ['exports/write', { principal: ALICE, action: 'Microsoft.CostManagement/exports/write', scope: SUB }, true, 'allowedByRole'],
    ['exports/run/action', { principal: ALICE, action: 'Microsoft.CostManagement/exports/run/action', scope: SUB }, true, 'allowedByRole'],
    ['exports/delete', { principal: ALICE, action: 'Microsoft.CostManagement/exports/delete', scope: SUB }, false, 'noMatchingAssignment'],
  ]),
  ...rows('Managed Identity Operator */assign/action vs Managed Identity Contributor (§1.3, §2)', identityRoles, [
    ['Operator assigns the identity', { principal: ALICE, action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', scope: UAI }, true, 'allowedByRole'],
    ['Operator reads the identity', { principal: ALICE, action: 'Microsoft.ManagedIdentity/userAssignedIdentities/read', scope: UAI }, true, 'allowedByRole'],
    ['Contributor cannot assign it', { principal: BOB, action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', scope: UAI }, false, 'noMatchingAssignment'],
    ['Contributor can update it', { principal: BOB, action: 'Microsoft.ManagedIdentity/userAssignedIdentities/write', scope: UAI }, true, 'allowedByRole'],
  ]),
  ...rows('Key Vault vaults/*/read covers vaults/read; Secrets User is data-only (§1.3, §7.11)', keyVault, [
    ['Reader reads the vault', { principal: ALICE, action: 'Microsoft.KeyVault/vaults/read', scope: VAULT }, true, 'allowedByRole'],
    ['Reader cannot get a secret value', { principal: ALICE, action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', isDataAction: true, scope: `${VAULT}/secrets/db` }, false, 'noMatchingAssignment'],
    ['Reader reads secret metadata', { principal: ALICE, action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', isDataAction: true, scope: `${VAULT}/secrets/db` }, true, 'allowedByRole'],
    ['Secrets User gets a secret', { principal: BOB, action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', isDataAction: true, scope: `${VAULT}/secrets/db` }, true, 'allowedByRole'],
    ['Secrets User cannot GET the vault resource', { principal: BOB, action: 'Microsoft.KeyVault/vaults/read', scope: VAULT }, false, 'noMatchingAssignment'],
    ['Administrator gets a secret', { principal: MI, action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', isDataAction: true, scope: `${VAULT}/secrets/db` }, true, 'allowedByRole'],
  ]),
  ...rows('Virtual Machine User Login (§1.3, §2)', vmLogin, [
    ['views the VM', { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/read', scope: VM }, true, 'allowedByRole'],
    ['logs in', { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/login/action', isDataAction: true, scope: VM }, true, 'allowedByRole'],
    ['cannot log in as admin', { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', isDataAction: true, scope: VM }, false, 'noMatchingAssignment'],
    ['cannot restart', { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/restart/action', scope: VM }, false, 'noMatchingAssignment'],
  ]),
  ...rows('Reader */read and the resource-group GET of the tutorial (§1.3, §3.1)', readerOnRg, [
    ['GET the resource group', { principal: MI, action: 'Microsoft.Resources/subscriptions/resourcegroups/read', scope: RG }, true, 'allowedByRole'],
    ['GET a VM inside it', { principal: MI, action: 'Microsoft.Compute/virtualMachines/read', scope: VM }, true, 'allowedByRole'],
    ['GET the subscription above it', { principal: MI, action: 'Microsoft.Resources/subscriptions/read', scope: SUB }, false, 'noMatchingAssignment'],
    ['write the resource group', { principal: MI, action: 'Microsoft.Resources/subscriptions/resourcegroups/write', scope: RG }, false, 'noMatchingAssignment'],
  ]),
  ...rows('Data plane vs control plane (§1.5)', dataVsControl, [
    ['Reader sees the account', { principal: ALICE, action: 'Microsoft.Storage/storageAccounts/read', scope: STORAGE }, true, 'allowedByRole'],
    ['Reader cannot read its data', { principal: ALICE, action: BLOB_READ, isDataAction: true, scope: CONTAINER }, false, 'noMatchingAssignment'],
    ['Storage Account Contributor lists keys', { principal: BOB, action: 'Microsoft.Storage/storageAccounts/listKeys/action', scope: STORAGE }, true, 'allowedByRole'],
    ['Storage Account Contributor: no blob data action', { principal: BOB, action: BLOB_READ, isDataAction: true, scope: CONTAINER }, false, 'noMatchingAssignment'],
    ['VM Contributor lists storage keys (indirect data access)', { principal: MI, action: 'Microsoft.Storage/storageAccounts/listKeys/action', scope: STORAGE }, true, 'allowedByRole'],
    ['VM Contributor cannot attach a UA identity alone', { principal: MI, action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', scope: UAI }, false, 'noMatchingAssignment'],
  ]),
];

describe('RBAC worked examples (spec §1)', () => {
  it.each(table)('%s', (_label, data, ask, allowed, reason) => {
    const d = decide(data, ask);
    expect({ allowed: d.allowed, reason: d.reason }).toEqual({ allowed, reason });
  });

  it('explains that Owner’s * never reaches blob data', () => {
    const d = decide(aliceAndBob, { principal: ALICE, action: BLOB_READ, isDataAction: true, scope: CONTAINER });
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ roleName: 'Owner', outcome: 'actionsNeverGrantData', pattern: '*' });
    expect(d.trace.at(-1)).toMatchObject({ kind: 'decision', summary: expect.stringContaining('Actions never grant data actions') });
  });

  it('names the NotActions pattern that subtracted the action', () => {
    const d = decide(contributorOnly, { principal: ALICE, action: 'Microsoft.Authorization/roleAssignments/write', scope: RG });
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ outcome: 'excludedByNotActions', pattern: '*', notPattern: 'Microsoft.Authorization/*/Write' });
  });

  it('reports the granting role, scope and pattern as the match', () => {
    const d = decide(readerOnRg, { principal: MI, action: 'Microsoft.Resources/subscriptions/resourcegroups/read', scope: RG });
    expect(d.matched?.role?.roleName).toBe('Reader');
    expect(d.matched?.assignment?.scope).toBe(RG);
    expect(d.matched?.pattern).toBe('*/read');
    expect(describeDecision(d).at(-1)).toBe(
      `Allowed: Reader assigned to the caller at ${RG} grants '*/read', which covers Microsoft.Resources/subscriptions/resourcegroups/read.`,
    );
  });
});

describe('deny assignments (§1.8)', () => {
  const ADMIN = 'ad000000-0000-0000-0000-000000000009';
  const stackDeny = denyAssignment(RG, { actions: ['*'], notActions: ['*/read'] }, { excludePrincipals: [{ id: ADMIN, type: 'User' }] });
  const data = world({ assignments: [assignment(ALICE, 'Owner', SUB), assignment(ADMIN, 'Owner', SUB)], denies: [stackDeny] });

  it.each([
    ['Owner cannot write under the deny', ALICE, 'Microsoft.Compute/virtualMachines/write', false, 'deniedByDenyAssignment'],
    ['Owner can still read (NotActions of the deny)', ALICE, 'Microsoft.Compute/virtualMachines/read', true, 'allowedByRole'],
    ['the excluded principal can write', ADMIN, 'Microsoft.Compute/virtualMachines/write', true, 'allowedByRole'],
  ] as const)('%s', (_l, principal, action, allowed, reason) => {
    const d = decide(data, { principal, action, scope: VM });
    expect({ allowed: d.allowed, reason: d.reason }).toEqual({ allowed, reason });
  });

  it('deny wins even over Owner at a higher scope, and names the deny', () => {
    const d = decide(data, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/delete', scope: VM });
    expect(d.matched?.denyAssignment).toBe(stackDeny);
    expect(step(d.trace, 'denyAssignment')).toMatchObject({ outcome: 'denies', principal: '00000000-0000-0000-0000-000000000000' });
    expect(d.trace.some((s) => s.kind === 'roleAssignment')).toBe(false);
  });

  it('a deny for specific principals skips everyone else', () => {
    const onlyBob = denyAssignment(RG, { actions: ['*'] }, { principals: [{ id: BOB, type: 'User' }] });
    const w = world({ assignments: [assignment(ALICE, 'Owner', SUB), assignment(BOB, 'Owner', SUB)], denies: [onlyBob] });
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).allowed).toBe(true);
    expect(decide(w, { principal: BOB, action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).reason).toBe('deniedByDenyAssignment');
  });

  it('the zero GUID means All Principals only with type SystemDefined', () => {
    const notSystem = denyAssignment(RG, { actions: ['*'] }, { principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'User' }] });
    const w = world({ assignments: [assignment(ALICE, 'Owner', SUB)], denies: [notSystem] });
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).allowed).toBe(true);
  });

  it('doNotApplyToChildScopes: applies at its own scope, not below it', () => {
    const local = denyAssignment(RG, { actions: ['*'] }, { doNotApplyToChildScopes: true });
    const w = world({ assignments: [assignment(ALICE, 'Owner', SUB)], denies: [local] });
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Resources/subscriptions/resourceGroups/write', scope: RG }).reason).toBe(
      'deniedByDenyAssignment',
    );
    const below = decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/write', scope: VM });
    expect(below.allowed).toBe(true);
    expect(step(below.trace, 'denyAssignment')).toMatchObject({ outcome: 'notInherited' });
  });

  it('a data-action deny does not block control-plane actions, and vice versa', () => {
    const dataDeny = denyAssignment(STORAGE, { dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'] });
    const w = world({ assignments: [assignment(BOB, 'Storage Blob Data Owner', STORAGE)], denies: [dataDeny] });
    expect(decide(w, { principal: BOB, action: BLOB_READ, isDataAction: true, scope: CONTAINER }).reason).toBe('deniedByDenyAssignment');
    expect(decide(w, { principal: BOB, action: CONTAINER_WRITE, scope: CONTAINER }).allowed).toBe(true);
  });
});

describe('groups and management groups (§1.1, §1.6)', () => {
  const G_INNER = '9000e000-0000-0000-0000-00000000000a';
  const G_OUTER = '9000e000-0000-0000-0000-00000000000b';

  it('transitive groups: a user in a group inside a group holding Reader can read', () => {
    const w = world({ assignments: [{ ...assignment(G_OUTER, 'Reader', RG), principalType: 'Group' }], groups: { [ALICE]: [G_INNER, G_OUTER] } });
    const d = decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/read', scope: VM });
    expect(d.reason).toBe('allowedByRole');
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ via: 'group', principalId: G_OUTER });
    expect(step(d.trace, 'request')).toMatchObject({ groupsFrom: 'directory', groups: [G_INNER, G_OUTER] });
  });

  it('groups carried by the token win over the directory (a managed identity sees changes only with a new token)', () => {
    const w = world({ assignments: [{ ...assignment(G_OUTER, 'Reader', RG), principalType: 'Group' }], groups: { [MI]: [G_OUTER] } });
    const stale = decide(w, { principal: MI, groups: [], action: 'Microsoft.Compute/virtualMachines/read', scope: VM });
    expect(stale.reason).toBe('noMatchingAssignment');
    expect(step(stale.trace, 'request')).toMatchObject({ groupsFrom: 'token', groups: [] });
  });

  it('Owner at a management group manages everything in subscriptions under it', () => {
    const ROOT_MG = '/providers/Microsoft.Management/managementGroups/contoso-root';
    const parentOf = (s: string) =>
      s.toLowerCase() === SUB.toLowerCase() ? MG : s.toLowerCase() === MG.toLowerCase() ? ROOT_MG : undefined;
    const w = world({ assignments: [assignment(ALICE, 'Owner', ROOT_MG)] });
    const d = decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/delete', scope: VM }, parentOf);
    expect(d.allowed).toBe(true);
    expect(step(d.trace, 'scopes')).toMatchObject({
      scopes: [
        { scope: '/', level: 'root' },
        { scope: ROOT_MG, level: 'managementGroup' },
        { scope: MG, level: 'managementGroup' },
        { scope: SUB, level: 'subscription' },
        { scope: RG, level: 'resourceGroup' },
        { scope: VM, level: 'resource' },
      ],
    });
    // Without the management-group chain the subscription sits directly under "/".
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/delete', scope: VM }).allowed).toBe(false);
  });

  it('the Marketing group holds Contributor on pharma-sales and nothing outside it', () => {
    const MARKETING = '9000e000-0000-0000-0000-00000000000c';
    const pharma = `${SUB}/resourceGroups/pharma-sales`;
    const w = world({ assignments: [{ ...assignment(MARKETING, 'Contributor', pharma), principalType: 'Group' }], groups: { [ALICE]: [MARKETING] } });
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Web/sites/write', scope: `${pharma}/providers/Microsoft.Web/sites/app` }).allowed).toBe(true);
    expect(decide(w, { principal: ALICE, action: 'Microsoft.Web/sites/write', scope: `${RG}/providers/Microsoft.Web/sites/app` }).allowed).toBe(false);
  });

  it('scopes compare case-insensitively', () => {
    const w = world({ assignments: [assignment(ALICE, 'Reader', RG.toUpperCase().replace('/SUBSCRIPTIONS', '/subscriptions'))] });
    expect(decide(w, { principal: ALICE.toUpperCase(), action: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/READ', scope: VM.toLowerCase() }).allowed).toBe(true);
  });
});

describe('propagation (§4.4)', () => {
  const a = assignment(MI, 'Reader', RG, { effectiveFrom: 60_000, removedAt: 600_000 });
  const w = world({ assignments: [a] });
  const read = { principal: MI, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', scope: RG };

  it.each([
    [0, false, 'notYetPropagated', 'pendingCreate'],
    [59_999, false, 'notYetPropagated', 'pendingCreate'],
    [60_000, true, 'allowedByRole', 'pendingRemoval'],
    [599_999, true, 'allowedByRole', 'pendingRemoval'],
    [600_000, false, 'noMatchingAssignment', 'removed'],
  ] as const)('at %i ms: allowed=%s (%s)', (at, allowed, reason, propagation) => {
    const d = decide(w, { ...read, at });
    expect({ allowed: d.allowed, reason: d.reason }).toEqual({ allowed, reason });
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ propagation });
  });

  it('an assignment never removed is simply effective once propagated', () => {
    const kept = world({ assignments: [assignment(MI, 'Reader', RG, { effectiveFrom: 60_000 })] });
    const d = decide(kept, { ...read, at: 10 * 60_000 });
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ propagation: 'effective', outcome: 'grants' });
  });

  it('says when a pending assignment takes effect', () => {
    const d = decide(w, { ...read, at: 0 });
    expect(d.matched?.assignment).toBe(a);
    expect(d.trace.at(-1)).toMatchObject({ summary: expect.stringContaining('1970-01-01T00:01:00.000Z') });
  });
});

describe('conditions (§1.9)', () => {
  const cond =
    "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR " +
    "(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'docs'))";
  const w = world({ assignments: [assignment(BOB, 'Storage Blob Data Reader', STORAGE, { condition: cond, conditionVersion: '2.0' })] });
  const read = { principal: BOB, action: BLOB_READ, isDataAction: true, scope: CONTAINER };
  const nameAttr = 'Microsoft.Storage/storageAccounts/blobServices/containers:name';

  it.each([
    ['reading in the allowed container', { resource: { [nameAttr]: 'docs' } }, true, 'allowedByRole'],
    ['reading in another container', { resource: { [nameAttr]: 'secret' } }, false, 'conditionNotMet'],
    ['listing is not constrained by this condition', { subOperation: 'Blob.List', resource: { [nameAttr]: 'secret' } }, true, 'allowedByRole'],
    ['no container attribute supplied: not evaluable, so not met', undefined, false, 'conditionNotMet'],
  ] as const)('%s', (_l, condition, allowed, reason) => {
    const d = decide(w, condition ? { ...read, condition } : read);
    expect({ allowed: d.allowed, reason: d.reason, abac: d.abacConditionNotFulfilled }).toEqual({
      allowed,
      reason,
      abac: reason === 'conditionNotMet',
    });
  });

  it('an unconditional grant elsewhere still allows', () => {
    const both = world({ assignments: [...w.roleAssignments, assignment(BOB, 'Storage Blob Data Reader', CONTAINER)] });
    expect(decide(both, read).reason).toBe('allowedByRole');
  });

  it("Key Vault Data Access Administrator's role-definition condition limits which roles it assigns", () => {
    const kv = world({ assignments: [assignment(ALICE, 'Key Vault Data Access Administrator', VAULT)] });
    const write = { principal: ALICE, action: 'Microsoft.Authorization/roleAssignments/write', scope: VAULT };
    const attr = 'Microsoft.Authorization/roleAssignments:RoleDefinitionId';
    const secretsUser = decide(kv, { ...write, condition: { request: { [attr]: '4633458b-17de-408a-b874-0445c86b69e6' } } });
    expect(secretsUser.reason).toBe('allowedByRole');
    expect(step(secretsUser.trace, 'condition')).toMatchObject({ source: 'roleDefinition', outcome: 'met' });
    const owner = decide(kv, { ...write, condition: { request: { [attr]: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' } } });
    expect(owner.reason).toBe('conditionNotMet');
    // Reading role assignments is not constrained by the condition.
    expect(decide(kv, { principal: ALICE, action: 'Microsoft.Authorization/roleAssignments/read', scope: VAULT }).allowed).toBe(true);
  });
});

describe('odd data', () => {
  it('an assignment whose role does not exist grants nothing and says so', () => {
    const w = world({ assignments: [{ ...assignment(ALICE, 'Owner', SUB), roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555' }] });
    const d = decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/read', scope: VM });
    expect(d.reason).toBe('noMatchingAssignment');
    expect(step(d.trace, 'roleAssignment')).toMatchObject({ outcome: 'roleNotFound', roleName: null });
  });

  it('counts other principals’ assignments at each scope without considering them', () => {
    const w = world({ assignments: [assignment(BOB, 'Owner', RG), assignment(MI, 'Owner', RG), assignment(ALICE, 'Reader', RG)] });
    const d = decide(w, { principal: ALICE, action: 'Microsoft.Compute/virtualMachines/read', scope: VM });
    expect(d.trace.filter((s) => s.kind === 'assignmentsAt' && s.scope === RG)).toEqual([
      { kind: 'assignmentsAt', scope: RG, forCaller: 1, forOthers: 2 },
    ]);
  });
});

function step<K extends TraceStep['kind']>(trace: TraceStep[], kind: K): Extract<TraceStep, { kind: K }> | undefined {
  return trace.find((s): s is Extract<TraceStep, { kind: K }> => s.kind === kind);
}
