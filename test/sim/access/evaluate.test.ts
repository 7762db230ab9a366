import { describe, expect, it } from 'vitest';
import {
  addDenyAssignment,
  advanceClock,
  createRoleAssignment,
  deleteRoleAssignment,
  enableSystemAssigned,
  evaluate,
  quickstartWorld,
  rbac,
  rbacIndexOf,
  requestImdsToken,
  setPropagationDelay,
  validateToken,
  putBlob,
  dataWorld,
} from '../../../src/sim/index';

const RG_READ = 'Microsoft.Resources/subscriptions/resourceGroups/read';
const READER = `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.reader}`;

function quickstartWithIdentity() {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error();
  const principal = on.value.identity!.principalId!;
  const grantReader = () =>
    createRoleAssignment(q.world, { name: '33333333-3333-4333-8333-333333333333', scope: q.resourceGroupId, roleDefinitionId: READER, principalId: principal, principalType: 'ServicePrincipal' });
  const canRead = (at?: number) =>
    evaluate(q.world, { principal, action: RG_READ, isDataAction: false, scope: q.resourceGroupId, ...(at === undefined ? {} : { at }) });
  return { ...q, principal, grantReader, canRead };
}

describe('evaluate(world, …): the quickstart end to end', () => {
  it('denied before the Reader assignment, allowed after', () => {
    const { grantReader, canRead } = quickstartWithIdentity();
    const before = canRead();
    expect(before.allowed).toBe(false);
    expect(before.reason).toBe('noMatchingAssignment');
    expect(grantReader().ok).toBe(true);
    const after = canRead();
    expect(after.allowed).toBe(true);
    expect(after.matched?.role?.roleName).toBe('Reader');
  });

  it('through a real token: IMDS → validate → evaluate with the token’s oid', async () => {
    const { world, linuxVmId, grantReader, resourceGroupId } = quickstartWithIdentity();
    grantReader();
    const t = await requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error();
    const v = await validateToken(world, t.value.record.jwt);
    if (!v.ok) throw new Error(v.reason);
    expect(evaluate(world, { principal: v.principalId, groups: v.groups, action: RG_READ, isDataAction: false, scope: resourceGroupId }).allowed).toBe(true);
  });

  it('the admin (Owner of the subscription) may read; Reader on the RG does not let the VM read another RG', () => {
    const { world, adminObjectId, grantReader, principal, subscriptionId } = quickstartWithIdentity();
    grantReader();
    const other = `/subscriptions/${subscriptionId}/resourceGroups/other`;
    expect(evaluate(world, { principal: adminObjectId, action: RG_READ, isDataAction: false, scope: other }).allowed).toBe(true);
    expect(evaluate(world, { principal, action: RG_READ, isDataAction: false, scope: other }).allowed).toBe(false);
  });

  it('honours propagation: not yet effective, then effective; removal lingers until removedAt', () => {
    const { world, grantReader, canRead } = quickstartWithIdentity();
    setPropagationDelay(world, 120_000);
    grantReader();
    expect(canRead().allowed).toBe(false);
    advanceClock(world, 120_000);
    expect(canRead().allowed).toBe(true);
    deleteRoleAssignment(world, '33333333-3333-4333-8333-333333333333');
    expect(canRead().allowed).toBe(true);
    advanceClock(world, 120_000);
    expect(canRead().allowed).toBe(false);
  });

  it('a deny assignment wins over the role', () => {
    const { world, grantReader, canRead, resourceGroupId } = quickstartWithIdentity();
    grantReader();
    const added = addDenyAssignment(world, {
      name: '44444444-4444-4444-8444-444444444444',
      denyAssignmentName: 'no reading',
      description: 'scenario',
      scope: resourceGroupId,
      permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
      principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }],
      excludePrincipals: [],
      doNotApplyToChildScopes: false,
      isSystemProtected: true,
    });
    expect(added.ok).toBe(true);
    const d = canRead();
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe('deniedByDenyAssignment');
  });

  it('data actions: Owner cannot read blobs; Storage Blob Data Reader can', () => {
    const d = dataWorld();
    const blobRead = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
    expect(evaluate(d.world, { principal: d.adminObjectId, action: blobRead, isDataAction: true, scope: d.containerId }).allowed).toBe(false);
    createRoleAssignment(d.world, {
      name: '55555555-5555-4555-8555-555555555555',
      scope: d.storageAccountId,
      roleDefinitionId: rbac.BUILT_IN_ROLE_IDS.storageBlobDataReader,
      principalId: d.adminObjectId,
    });
    expect(evaluate(d.world, { principal: d.adminObjectId, action: blobRead, isDataAction: true, scope: d.containerId }).allowed).toBe(true);
  });
});

describe('RBAC index cache', () => {
  it('is built once per RBAC revision, not per decision, and survives unrelated changes', () => {
    const { world, canRead, grantReader } = quickstartWithIdentity();
    canRead();
    const first = rbacIndexOf(world);
    canRead();
    expect(rbacIndexOf(world)).toBe(first);
    putBlob(world, { account: 'none', container: 'x', name: 'y', content: '' }); // fails, changes nothing
    advanceClock(world, 1000);
    expect(rbacIndexOf(world)).toBe(first);
    grantReader();
    expect(rbacIndexOf(world)).not.toBe(first);
  });
});
