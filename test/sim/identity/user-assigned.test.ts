import { describe, expect, it } from 'vitest';
import {
  attachmentsOf,
  attachUserAssigned,
  createResourceGroup,
  createUserAssignedIdentity,
  deleteResourceGroup,
  deleteUserAssignedIdentity,
  detachUserAssigned,
  findPrincipal,
  getUserAssignedIdentity,
  quickstartWorld,
  requestImdsToken,
  userAssignedState,
  validateToken,
  ARM_AUDIENCES,
  advanceClock,
} from '../../../src/sim/index';

function setup() {
  const q = quickstartWorld();
  const created = createUserAssignedIdentity(q.world, {
    subscriptionId: q.subscriptionId,
    resourceGroup: 'myResourceGroup',
    name: 'myUserAssignedIdentity',
    location: 'eastus',
  });
  if (!created.ok) throw new Error(created.error.message);
  return { ...q, identity: created.value.identity };
}

describe('user-assigned identity', () => {
  it('is created in the §3.3 wire shape with its own principal', () => {
    const { world, identity, subscriptionId } = setup();
    expect(identity).toEqual({
      id: `/subscriptions/${subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myUserAssignedIdentity`,
      name: 'myUserAssignedIdentity',
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      location: 'eastus',
      properties: {
        clientId: expect.any(String),
        isolationScope: 'None',
        principalId: expect.any(String),
        tenantId: world.tenantId,
      },
    });
    expect(Object.keys(identity.properties)).toEqual(['clientId', 'isolationScope', 'principalId', 'tenantId']);
    expect(identity.properties.clientId).not.toBe(identity.properties.principalId);
    expect(findPrincipal(world, identity.properties.principalId)).toMatchObject({ type: 'ServicePrincipal', appId: identity.properties.clientId });
    expect(userAssignedState(world, identity.id)).toBe('detached');
  });

  it('a second PUT updates instead of creating a new principal', () => {
    const { world, identity, subscriptionId } = setup();
    const again = createUserAssignedIdentity(world, { subscriptionId, resourceGroup: 'myResourceGroup', name: 'MYUSERASSIGNEDIDENTITY', location: 'eastus', tags: { a: 'b' } });
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && again.value.identity.properties.principalId).toBe(identity.properties.principalId);
  });

  it('attaches to many VMs, each getting {principalId, clientId} under the identity id', () => {
    const { world, identity, linuxVmId, windowsVmId } = setup();
    expect(attachUserAssigned(world, identity.id, linuxVmId).ok).toBe(true);
    expect(attachUserAssigned(world, identity.id, windowsVmId).ok).toBe(true);
    expect(userAssignedState(world, identity.id)).toBe('attached');
    expect(attachmentsOf(world, identity.id).sort()).toEqual([linuxVmId.toLowerCase(), windowsVmId.toLowerCase()].sort());
    const linux = world.data.virtualMachines[linuxVmId.toLowerCase()]!;
    expect(linux.identity).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: { [identity.id]: { principalId: identity.properties.principalId, clientId: identity.properties.clientId } },
    });
    expect(detachUserAssigned(world, identity.id, linuxVmId).ok).toBe(true);
    expect(world.data.virtualMachines[linuxVmId.toLowerCase()]!.identity).toBeUndefined();
    expect(userAssignedState(world, identity.id)).toBe('attached');
    expect(detachUserAssigned(world, identity.id, windowsVmId).ok).toBe(true);
    expect(userAssignedState(world, identity.id)).toBe('detached');
  });

  it.each([
    ['attach twice to the same VM', 'attach', true],
    ['detach from a VM it is not on', 'detach', false],
  ] as const)('refuses to %s', (_n, op, attachFirst) => {
    const { world, identity, linuxVmId } = setup();
    if (attachFirst) attachUserAssigned(world, identity.id, linuxVmId);
    const r = op === 'attach' ? attachUserAssigned(world, identity.id, linuxVmId) : detachUserAssigned(world, identity.id, linuxVmId);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('InvalidIdentityTransition');
  });

  it('delete detaches it everywhere and soft-deletes the principal; tokens already issued stay valid until expiry', async () => {
    const { world, identity, linuxVmId, windowsVmId } = setup();
    attachUserAssigned(world, identity.id, linuxVmId);
    attachUserAssigned(world, identity.id, windowsVmId);
    const token = await requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/' });
    if (!token.ok) throw new Error(token.error.message);

    const deleted = deleteUserAssignedIdentity(world, identity.id);
    expect(deleted.ok).toBe(true);
    const event = world.events().find((e) => e.type === 'identity.deleted');
    expect(event).toMatchObject({ id: identity.id, detachedFrom: expect.arrayContaining([linuxVmId, windowsVmId]) });
    for (const vm of [linuxVmId, windowsVmId]) expect(world.data.virtualMachines[vm.toLowerCase()]!.identity).toBeUndefined();
    expect(findPrincipal(world, identity.properties.principalId)).toBeNull();
    expect(getUserAssignedIdentity(world, identity.id).ok).toBe(false);
    expect(userAssignedState(world, identity.id)).toBe('deleted');

    // No new tokens: the VM has no identity any more.
    const again = await requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/' });
    expect(again.ok).toBe(false);
    // The old one still validates…
    expect((await validateToken(world, token.value.record.jwt, { audiences: ARM_AUDIENCES })).ok).toBe(true);
    // …until it expires.
    advanceClock(world, 86_400_000);
    const late = await validateToken(world, token.value.record.jwt, { audiences: ARM_AUDIENCES });
    expect(late.ok === false && late.reason).toBe('expired');
  });

  it('deleting the resource group deletes identities in it and detaches them from VMs elsewhere', () => {
    const q = quickstartWorld();
    const rg2 = 'identities';
    createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: rg2, location: 'eastus' });
    const created = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: rg2, name: 'shared-id', location: 'eastus' });
    if (!created.ok) throw new Error();
    attachUserAssigned(q.world, created.value.identity.id, q.linuxVmId);
    const r = deleteResourceGroup(q.world, q.subscriptionId, rg2);
    expect(r.ok && r.value.deleted).toEqual([created.value.identity.id]);
    expect(q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!.identity).toBeUndefined();
  });

  it.each([
    ['ab', 'InvalidResourceName'],
    ['-starts-with-hyphen', 'InvalidResourceName'],
    ['has space', 'InvalidResourceName'],
  ])('rejects the name %j', (name, code) => {
    const q = quickstartWorld();
    const r = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name, location: 'eastus' });
    expect(r.ok === false && r.error.code).toBe(code);
  });

  it('needs an existing resource group', () => {
    const q = quickstartWorld();
    const r = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'nope', name: 'abc', location: 'eastus' });
    expect(r).toEqual({ ok: false, error: { code: 'ResourceGroupNotFound', message: "Resource group 'nope' could not be found." } });
  });
});
