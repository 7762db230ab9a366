import { describe, expect, it } from 'vitest';
import { directoryMembers, managedIdentityMembers } from '../../../src/cloud/portal-client/member-candidates';
import { principalTypeLabel, worldDirectory } from '../../../src/cloud/portal-client/principal-directory';
import { createGroup, createUser } from '../../../src/sim/index';
import { admin, portalAs, presetWorld } from './portal-fixture';

describe('the directory stand-in (what Graph would answer)', () => {
  it('finds users, groups and managed identities, and nothing for unknown ids', async () => {
    const world = presetWorld('user-assigned');
    const dir = worldDirectory(() => world);
    expect(dir.lookup(admin(world).objectId)).toMatchObject({ type: 'User', displayName: 'Sandbox Admin', userPrincipalName: admin(world).userPrincipalName });
    const { client } = await portalAs(world, admin(world).userPrincipalName);
    const [identity] = await client.listUserAssignedIdentities(Object.keys(world.data.subscriptions)[0]!);
    const entry = dir.lookup(identity!.properties.principalId.toUpperCase());
    expect(entry).toMatchObject({ type: 'ServicePrincipal', displayName: 'myUserAssignedIdentity', appId: identity!.properties.clientId });
    expect(principalTypeLabel(entry)).toBe('App');
    expect(dir.lookup('00000000-0000-0000-0000-000000000001')).toBeNull();
    expect(principalTypeLabel(null)).toBe('Unknown');
  });

  it('searches users and groups by name or UPN, sorted, case-insensitively', () => {
    const world = presetWorld('empty');
    const ops = createUser(world, { userPrincipalName: 'ops@contoso.onmicrosoft.com', displayName: 'Ops Person' });
    const group = createGroup(world, { displayName: 'Operators' });
    expect(ops.ok && group.ok).toBe(true);
    const dir = worldDirectory(() => world);
    expect(dir.searchUsersAndGroups('OP').map((e) => e.displayName)).toEqual(['Operators', 'Ops Person']);
    expect(dir.searchUsersAndGroups('ops@').map((e) => e.type)).toEqual(['User']);
    expect(dir.searchUsersAndGroups('').map((e) => e.displayName)).toEqual(['Operators', 'Ops Person', 'Sandbox Admin']);
    expect(directoryMembers(dir.searchUsersAndGroups('operators'))).toEqual([
      { objectId: group.ok ? group.value.objectId : '', displayName: 'Operators', detail: 'Group', principalType: 'Group' },
    ]);
  });

  it('offers only VMs whose system-assigned identity is on, and every user-assigned identity', async () => {
    const world = presetWorld('user-assigned');
    const { client } = await portalAs(world, admin(world).userPrincipalName);
    const sub = Object.keys(world.data.subscriptions)[0]!;
    const vms = await client.listVirtualMachines(sub);
    const ids = await client.listUserAssignedIdentities(sub);
    expect(managedIdentityMembers('virtualMachine', vms, ids).map((m) => [m.displayName, m.detail])).toEqual([['myLinuxVM', 'Resource group: myResourceGroup']]);
    expect(managedIdentityMembers('userAssigned', vms, ids).map((m) => m.displayName)).toEqual(['myUserAssignedIdentity']);
    expect(managedIdentityMembers('userAssigned', vms, ids, 'nothing like it')).toEqual([]);
    expect(managedIdentityMembers('virtualMachine', vms, ids).every((m) => m.principalType === 'ServicePrincipal')).toBe(true);
  });
});
