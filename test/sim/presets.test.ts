import { describe, expect, it } from 'vitest';
import {
  blobText,
  createWorld,
  DATA,
  dataWorld,
  describePrincipal,
  getBlob,
  getSecret,
  listRoleAssignments,
  PRESET_NAMES,
  QUICKSTART,
  quickstartWorld,
  serializeWorld,
  userAssignedWorld,
} from '../../src/sim/index';

describe('presets', () => {
  it('quickstart: one RG with a Linux and a Windows VM, identities off, admin Owner of the subscription', () => {
    const q = quickstartWorld();
    const vms = Object.values(q.world.data.virtualMachines);
    expect(vms.map((v) => v.name).sort()).toEqual([QUICKSTART.linuxVm, QUICKSTART.windowsVm].sort());
    for (const vm of vms) expect(vm.identity).toBeUndefined();
    const linux = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!;
    expect(linux.properties.storageProfile.osDisk.osType).toBe('Linux');
    expect(linux.properties.storageProfile.imageReference.sku).toMatch(/22_04/);
    expect(q.world.data.virtualMachines[q.windowsVmId.toLowerCase()]!.properties.storageProfile.osDisk.osType).toBe('Windows');
    expect(Object.values(q.world.data.resourceGroups).map((r) => r.name)).toEqual([QUICKSTART.resourceGroup]);

    const listed = listRoleAssignments(q.world, { scope: `/subscriptions/${q.subscriptionId}`, atScope: true });
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.value).toHaveLength(1);
    const [owner] = listed.value;
    expect(owner!.assignment.roleDefinitionId).toMatch(/8e3af657-a8ff-443c-a75c-2fe8c4bcb635$/);
    expect(owner!.assignment.principalId).toBe(q.adminObjectId);
    expect(describePrincipal(q.world, q.adminObjectId)).toMatchObject({ type: 'User', userPrincipalName: q.adminUpn });
  });

  it('is deterministic: the same seed gives byte-identical worlds, another seed different ids', () => {
    expect(serializeWorld(quickstartWorld().world)).toBe(serializeWorld(quickstartWorld().world));
    expect(quickstartWorld({ seed: 7 }).subscriptionId).not.toBe(quickstartWorld().subscriptionId);
  });

  it('user-assigned: one identity shared by both VMs, the Linux VM also system-assigned', () => {
    const u = userAssignedWorld();
    const linux = u.world.data.virtualMachines[u.linuxVmId.toLowerCase()]!;
    const windows = u.world.data.virtualMachines[u.windowsVmId.toLowerCase()]!;
    expect(linux.identity?.type).toBe('SystemAssigned, UserAssigned');
    expect(windows.identity?.type).toBe('UserAssigned');
    expect(Object.keys(linux.identity!.userAssignedIdentities!)).toEqual([u.identityId]);
    expect(Object.keys(windows.identity!.userAssignedIdentities!)).toEqual([u.identityId]);
  });

  it('data: a storage blob and an RBAC-mode vault secret', () => {
    const d = dataWorld();
    const blob = getBlob(d.world, DATA.storageAccount, DATA.container, DATA.blob);
    expect(blob.ok && blobText(blob.value)).toBe('Hello world! :)');
    const vault = d.world.data.keyVaults[d.keyVaultId.toLowerCase()]!;
    expect(vault.properties.enableRbacAuthorization).toBe(true);
    const secret = getSecret(d.world, { vault: DATA.keyVault, name: DATA.secret });
    expect(secret.ok && secret.value.version.value).toBe('p@ssw0rd!');
  });

  it('empty still has a tenant, a subscription and its Owner, but no resources', () => {
    const r = createWorld('empty');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value.data.subscriptions)).toHaveLength(1);
    expect(Object.keys(r.value.data.resourceGroups)).toHaveLength(0);
    expect(Object.keys(r.value.data.roleAssignments)).toHaveLength(1);
  });

  it('every preset name builds; an unknown one is a named error listing the known names', () => {
    for (const name of PRESET_NAMES) expect(createWorld(name).ok).toBe(true);
    const bad = createWorld('quickstrat');
    expect(bad).toEqual({
      ok: false,
      error: { code: 'UnknownPreset', message: `There is no world preset named 'quickstrat'. Known presets: ${PRESET_NAMES.join(', ')}.` },
    });
  });
});
