/** The identity graph, the time and fault controls, and where the fix button sends the portal. */
import { describe, expect, it } from 'vitest';
import { createUserAssignedIdentity, attachUserAssigned, disableSystemAssigned, listIssuedTokens } from '../../../src/sim/index';
import { identityGraph } from '../../../src/cloud/inspect/identity-graph';
import { activeFault, advance, clockView, FAULT_TOGGLES, setDelay, setFaultToggle, setFrozen } from '../../../src/cloud/inspect/sandbox-controls';
import { addRoleAssignmentRequest, iamBladeFor, requestSentMessage } from '../../../src/cloud/inspect/portal-request';
import { smallestFix } from '../../../src/cloud/inspect/smallest-fix';
import { tokenView } from '../../../src/cloud/inspect/token-view';
import { imds, miToken } from '../harness';
import { getResourceGroup, grant, readBlob, ROLE, scenario } from './scenarios';

describe('identityGraph', () => {
  it('draws VMs → identities → role assignments with machine states', async () => {
    const s = scenario();
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    const uai = createUserAssignedIdentity(s.world, { subscriptionId: s.subscriptionId, resourceGroup: 'myResourceGroup', name: 'myUserIdentity', location: 'eastus' });
    if (!uai.ok) throw new Error(uai.error.message);
    createUserAssignedIdentity(s.world, { subscriptionId: s.subscriptionId, resourceGroup: 'myResourceGroup', name: 'spare', location: 'eastus' });
    attachUserAssigned(s.world, uai.value.identity.id, s.linuxVmId);

    const g = identityGraph(s.world);
    expect(g.vms.map((v) => v.name)).toEqual(['myLinuxVM', 'myWindowsVM']);
    const linux = g.vms[0]!;
    expect(linux.identities.map((i) => [i.kind, i.state])).toEqual([
      ['SystemAssigned', 'on'],
      ['UserAssigned', 'attached'],
    ]);
    expect(linux.identities[0]!.principalId).toBe(s.principalId);
    expect(linux.identities[0]!.assignments).toEqual([
      expect.objectContaining({ roleName: 'Reader', scopePhrase: 'myResourceGroup', state: 'effective' }),
    ]);
    expect(g.vms[1]!.identities[0]).toMatchObject({ state: 'off', principalId: null, assignments: [] });
    expect(g.unattached.map((i) => [i.name, i.state])).toEqual([['spare', 'detached']]);
    expect(g.totals).toEqual({ vms: 2, identities: 3, assignments: 1 });
  });

  it('keeps a turned-off identity’s assignment visible as an orphan', () => {
    const s = scenario();
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    disableSystemAssigned(s.world, s.linuxVmId);
    const linux = identityGraph(s.world).vms[0]!;
    expect(linux.identities.map((i) => i.state)).toEqual(['off', 'softDeleted']);
    expect(linux.identities[1]!.assignments[0]).toMatchObject({ roleName: 'Reader', state: 'orphaned' });
  });
});

describe('time and fault controls', () => {
  it.each(FAULT_TOGGLES.map((t) => [t.status, t] as const))('IMDS %s switches on and off', async (status, toggle) => {
    const s = scenario();
    expect(setFaultToggle(s.world, toggle.kind, true)).toMatchObject({ ok: true });
    expect(activeFault(s.world, toggle.kind)).not.toBeNull();
    expect((await imds(s, 'api-version=2018-02-01&resource=https://management.azure.com/')).res.status).toBe(status);
    expect(setFaultToggle(s.world, toggle.kind, false)).toMatchObject({ ok: true, message: `IMDS no longer answers ${status}.` });
    expect(activeFault(s.world, toggle.kind)).toBeNull();
    expect((await imds(s, 'api-version=2018-02-01&resource=https://management.azure.com/')).res.status).toBe(200);
  });

  it('410 lasts at most IMDS’s 70 seconds', () => {
    const s = scenario();
    setFaultToggle(s.world, 'gone', true);
    advance(s.world, 70_000);
    expect(activeFault(s.world, 'gone')).toBeNull();
  });

  it('advancing 24 h expires a token; freezing and the propagation delay report back', async () => {
    const s = scenario();
    const jwt = await miToken(s);
    const record = listIssuedTokens(s.world).find((r) => r.jwt === jwt)!;
    expect(advance(s.world, 24 * 60 * 60_000).message).toMatch(/^Simulated time moved forward 1 d; it is now \d{4}-/);
    expect(tokenView(s.world, record).status).toBe('expired');
    expect(setFrozen(s.world, false).ok).toBe(true);
    expect(clockView(s.world).frozen).toBe(false);
    setFrozen(s.world, true);
    expect(clockView(s.world).frozen).toBe(true);
    expect(setDelay(s.world, 120_000)).toEqual({ ok: true, message: 'New and removed role assignments now take 2 min of simulated time to take effect.' });
    expect(setDelay(s.world, -1)).toMatchObject({ ok: false, message: expect.stringContaining('between 0 and 600000 ms') });
    expect(advance(s.world, -5).ok).toBe(false);
  });
});

describe('portal request for a fix', () => {
  it.each([
    ['/subscriptions/s1', { kind: 'subscription', id: 's1', section: 'iam' }],
    ['/subscriptions/s1/resourceGroups/rg', { kind: 'resourceGroup', id: '/subscriptions/s1/resourceGroups/rg', section: 'iam' }],
    ['/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm', { kind: 'virtualMachine', section: 'iam' }],
    ['/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u', { kind: 'managedIdentity', section: 'iam' }],
    ['/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a', null],
    ['/', null],
    ['nonsense', null],
  ])('IAM blade for %s', (scope, blade) => {
    const got = iamBladeFor(scope);
    if (blade === null) expect(got).toBeNull();
    else expect(got).toMatchObject(blade);
  });

  it('opens the resource group itself for the quickstart fix', async () => {
    const s = scenario();
    await getResourceGroup(s);
    const fix = smallestFix(s.world, s.last().authorizations[0]!);
    if (fix?.kind !== 'assignRole') throw new Error('expected a role fix');
    const request = addRoleAssignmentRequest(s.world, fix)!;
    expect(request).toMatchObject({ exact: true, bladeScope: s.resourceGroupId, roleName: 'Reader', assignAccessTo: 'managedIdentity', principalId: s.principalId });
    expect(requestSentMessage(s.world, request)).toBe(
      "Sent to the portal: Add role assignment on myResourceGroup, filled in with Reader for myLinuxVM's identity. Check it on the Review + assign tab, then press Review + assign.",
    );
  });

  it('falls back to the nearest blade above a container', async () => {
    const s = scenario({ data: true });
    await readBlob(s);
    const fix = smallestFix(s.world, s.last().authorizations[0]!);
    if (fix?.kind !== 'assignRole') throw new Error('expected a role fix');
    expect(addRoleAssignmentRequest(s.world, fix)).toMatchObject({ exact: false, bladeScope: s.resourceGroupId, roleName: 'Storage Blob Data Reader' });
  });
});
