import { describe, expect, it } from 'vitest';
import { resolveVmIdentity, userAssignedWorld, patchVmIdentity, quickstartWorld, createUserAssignedIdentity } from '../../../src/sim/index';

describe('IMDS identity selection (imds.md §1.2)', () => {
  it('no identity on the VM: Identity not found', () => {
    const q = quickstartWorld();
    expect(resolveVmIdentity(q.world, q.linuxVmId)).toEqual({ ok: false, error: { code: 'IdentityNotFound', message: 'Identity not found' } });
  });

  it('system-assigned is the default when on, even with user-assigned ones attached', () => {
    const u = userAssignedWorld();
    const r = resolveVmIdentity(u.world, u.linuxVmId);
    expect(r.ok && r.value.kind).toBe('SystemAssigned');
    expect(r.ok && r.value.identityResourceId).toBe(u.linuxVmId);
  });

  it('the only user-assigned identity is the default without system-assigned', () => {
    const u = userAssignedWorld();
    const r = resolveVmIdentity(u.world, u.windowsVmId);
    expect(r.ok && r.value.kind).toBe('UserAssigned');
    expect(r.ok && r.value.identityResourceId).toBe(u.identityId);
  });

  it('several user-assigned and no selector: the Multiple user assigned identities error', () => {
    const u = userAssignedWorld();
    const second = createUserAssignedIdentity(u.world, { subscriptionId: u.subscriptionId, resourceGroup: 'myResourceGroup', name: 'second', location: 'eastus' });
    if (!second.ok) throw new Error();
    patchVmIdentity(u.world, u.windowsVmId, { type: 'UserAssigned', userAssignedIdentities: { [second.value.identity.id]: {} } });
    const r = resolveVmIdentity(u.world, u.windowsVmId);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'MultipleUserAssignedIdentities',
        message: 'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request',
      },
    });
  });

  it('selects by client_id, object_id or msi_res_id (case-insensitive) and rejects identities not on the VM', () => {
    const u = userAssignedWorld();
    const ua = u.world.data.userAssignedIdentities[u.identityId.toLowerCase()]!;
    const by = [
      { clientId: ua.properties.clientId.toUpperCase() },
      { objectId: ua.properties.principalId },
      { msiResId: u.identityId.toLowerCase() },
    ];
    for (const selector of by) {
      const r = resolveVmIdentity(u.world, u.linuxVmId, selector);
      expect(r.ok && r.value.principalId, JSON.stringify(selector)).toBe(ua.properties.principalId);
    }
    const stranger = resolveVmIdentity(u.world, u.linuxVmId, { clientId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.ok === false && stranger.error.message).toBe('Identity not found');
  });

  it('more than one selector is refused', () => {
    const u = userAssignedWorld();
    const r = resolveVmIdentity(u.world, u.linuxVmId, { clientId: 'a', objectId: 'b' });
    expect(r.ok === false && r.error.code).toBe('IdentitySelectorConflict');
  });

  it('finds the VM by vmId as well as by ARM id', () => {
    const u = userAssignedWorld();
    const vmId = u.world.data.virtualMachines[u.windowsVmId.toLowerCase()]!.properties.vmId;
    expect(resolveVmIdentity(u.world, vmId).ok).toBe(true);
    expect(resolveVmIdentity(u.world, 'no-such-vm').ok).toBe(false);
  });
});
