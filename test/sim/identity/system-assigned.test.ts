import { describe, expect, it } from 'vitest';
import {
  createRoleAssignment,
  deleteVirtualMachine,
  describePrincipal,
  disableSystemAssigned,
  enableSystemAssigned,
  findPrincipal,
  listRoleAssignments,
  quickstartWorld,
  rbac,
  SOFT_DELETE_MS,
  softDeletedPrincipals,
  advanceClock,
  systemAssignedState,
  type WorldEvent,
} from '../../../src/sim/index';

const reader = `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.reader}`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const q = quickstartWorld();
  const events: WorldEvent[] = [];
  q.world.subscribe((e) => events.push(e));
  return { ...q, events };
}

describe('system-assigned identity', () => {
  it('enable creates a service principal with fresh ids and writes the wire form', () => {
    const { world, linuxVmId, events } = setup();
    const r = enableSystemAssigned(world, linuxVmId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const identity = r.value.identity!;
    expect(identity).toEqual({ type: 'SystemAssigned', principalId: expect.stringMatching(GUID), tenantId: world.tenantId });
    expect(Object.keys(identity)).toEqual(['type', 'principalId', 'tenantId']);
    const sp = world.data.servicePrincipals[identity.principalId!]!;
    expect(sp).toMatchObject({ displayName: 'myLinuxVM', identityType: 'SystemAssigned', managedIdentityResourceId: linuxVmId, deletedAt: null });
    expect(sp.appId).toMatch(GUID);
    expect(sp.appId).not.toBe(sp.objectId);
    expect(events.map((e) => e.type)).toEqual(['principal.created', 'identity.enabled']);
    expect(events[1]).toMatchObject({ resourceId: linuxVmId, principalId: sp.objectId, clientId: sp.appId });
    expect(systemAssignedState(world, linuxVmId)).toBe('on');
  });

  it('disable soft-deletes the principal and orphans its assignments; enabling again gives a NEW principalId', () => {
    const { world, linuxVmId, resourceGroupId, events } = setup();
    const first = enableSystemAssigned(world, linuxVmId);
    if (!first.ok) throw new Error('enable failed');
    const oldPrincipal = first.value.identity!.principalId!;
    const created = createRoleAssignment(world, {
      name: '11111111-1111-4111-8111-111111111111',
      scope: resourceGroupId,
      roleDefinitionId: reader,
      principalId: oldPrincipal,
      principalType: 'ServicePrincipal',
    });
    expect(created.ok).toBe(true);

    const off = disableSystemAssigned(world, linuxVmId);
    expect(off.ok).toBe(true);
    if (!off.ok) return;
    expect(off.value.identity).toBeUndefined();
    expect(world.data.servicePrincipals[oldPrincipal]!.deletedAt).toBe(world.now());
    expect(findPrincipal(world, oldPrincipal)).toBeNull();
    expect(describePrincipal(world, oldPrincipal)).toEqual({ objectId: oldPrincipal, type: 'Unknown', displayName: 'Identity not found' });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['identity.disabled', 'principal.softDeleted', 'assignment.orphaned']),
    );
    const listed = listRoleAssignments(world, { scope: resourceGroupId, atScope: true });
    if (!listed.ok) throw new Error('list failed');
    const orphan = listed.value.find((l) => l.assignment.principalId === oldPrincipal);
    expect(orphan?.state).toBe('orphaned');
    expect(orphan?.principal.displayName).toBe('Identity not found');

    const again = enableSystemAssigned(world, linuxVmId);
    if (!again.ok) throw new Error('re-enable failed');
    expect(again.value.identity!.principalId).not.toBe(oldPrincipal);
  });

  it('soft-deleted principals are purged after 30 days', () => {
    const { world, linuxVmId } = setup();
    const on = enableSystemAssigned(world, linuxVmId);
    if (!on.ok) throw new Error();
    const id = on.value.identity!.principalId!;
    disableSystemAssigned(world, linuxVmId);
    expect(softDeletedPrincipals(world).map((d) => [d.principal.objectId, d.purgeAfter])).toEqual([[id, world.now() + SOFT_DELETE_MS]]);
    advanceClock(world, SOFT_DELETE_MS - 1);
    expect(world.data.servicePrincipals[id]).toBeDefined();
    advanceClock(world, 1);
    expect(world.data.servicePrincipals[id]).toBeUndefined();
    expect(softDeletedPrincipals(world)).toEqual([]);
    expect(world.events().some((e) => e.type === 'principal.purged')).toBe(true);
  });

  it.each([
    ['enable when on', true, enableSystemAssigned, 'identity.enable'],
    ['disable when off', false, disableSystemAssigned, 'identity.disable'],
  ] as const)('refuses %s with a named error and changes nothing', (_name, startOn, op, event) => {
    const { world, linuxVmId } = setup();
    if (startOn) enableSystemAssigned(world, linuxVmId);
    const before = JSON.stringify(world.data);
    const revision = world.revision;
    const r = op(world, linuxVmId);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'InvalidIdentityTransition',
        message: `The system-assigned identity of myLinuxVM is '${startOn ? 'on' : 'off'}' and cannot handle '${event}'.`,
      },
    });
    expect(JSON.stringify(world.data)).toBe(before);
    expect(world.revision).toBe(revision);
  });

  it('an unknown VM is ResourceNotFound', () => {
    const { world, subscriptionId } = setup();
    const r = enableSystemAssigned(world, `/subscriptions/${subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/nope`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ResourceNotFound');
  });

  it('is removed with its VM: the principal is soft-deleted, the VM is gone', () => {
    const { world, linuxVmId } = setup();
    const on = enableSystemAssigned(world, linuxVmId);
    if (!on.ok) throw new Error();
    const principal = on.value.identity!.principalId!;
    expect(deleteVirtualMachine(world, linuxVmId).ok).toBe(true);
    expect(systemAssignedState(world, linuxVmId)).toBe('removed');
    expect(findPrincipal(world, principal)).toBeNull();
    expect(world.events().map((e) => e.type)).toEqual(expect.arrayContaining(['identity.disabled', 'principal.softDeleted', 'vm.deleted']));
  });
});
