import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import { attachUserAssigned, createResourceGroup, createUserAssignedIdentity, quickstartWorld } from '../../../src/sim/index.ts';
import { ctx, withIdentity } from './world-fixtures.ts';

describe('systemAssignedEnabled', () => {
  const spec = { type: 'systemAssignedEnabled', vm: 'myLinuxVM' } as const;

  it('waits while the identity is off, saying where to switch it on', () => {
    const r = evaluateCheck(spec, ctx(quickstartWorld()));
    expect(r.passed).toBe(false);
    expect(r.waitingFor).toMatch(/myLinuxVM's system-assigned identity to be switched On/);
  });

  it('passes once it is on; the VM name matches case-insensitively', () => {
    const q = withIdentity();
    expect(evaluateCheck(spec, ctx(q))).toEqual({ passed: true, label: "myLinuxVM's system-assigned identity is on", waitingFor: '' });
    expect(evaluateCheck({ ...spec, vm: 'MYLINUXVM' }, ctx(q)).passed).toBe(true);
  });

  it('does not pass for another VM', () => {
    expect(evaluateCheck({ ...spec, vm: 'myWindowsVM' }, ctx(withIdentity())).passed).toBe(false);
  });

  it('says so when the VM does not exist', () => {
    expect(evaluateCheck({ ...spec, vm: 'ghost' }, ctx(quickstartWorld())).waitingFor).toMatch(/no VM named ghost|there is none/);
  });
});

describe('userAssignedCreated', () => {
  const spec = { type: 'userAssignedCreated', identity: 'app-id', resourceGroup: 'myResourceGroup' } as const;
  const create = (q: ReturnType<typeof quickstartWorld>, resourceGroup: string) => {
    const created = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup, name: 'APP-ID', location: 'eastus' });
    if (!created.ok) throw new Error(created.error.message);
  };

  it.each([
    { name: 'nothing created yet', setup: (_: ReturnType<typeof quickstartWorld>) => {}, passes: false, waiting: /^Waiting for app-id to be created in myResourceGroup \(Managed Identities → \+ Create\)$/ },
    { name: 'created in the group (name in another case)', setup: (q: ReturnType<typeof quickstartWorld>) => create(q, 'myResourceGroup'), passes: true, waiting: /^$/ },
    {
      name: 'created in another group',
      setup: (q: ReturnType<typeof quickstartWorld>) => {
        const rg = createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: 'otherGroup', location: 'eastus' });
        if (!rg.ok) throw new Error(rg.error.message);
        create(q, 'otherGroup');
      },
      passes: false,
      waiting: /\(there is one in otherGroup, not in myResourceGroup\)$/,
    },
  ])('$name → passes: $passes', ({ setup, passes, waiting }) => {
    const q = quickstartWorld();
    setup(q);
    const r = evaluateCheck(spec, ctx(q));
    expect(r.passed).toBe(passes);
    expect(r.waitingFor).toMatch(waiting);
  });

  it('names a group that is not there', () => {
    expect(evaluateCheck({ ...spec, resourceGroup: 'ghost' }, ctx(quickstartWorld())).waitingFor).toBe('Waiting for a resource group named ghost (there is none in this world)');
  });
});

describe('userAssignedAttached', () => {
  const spec = { type: 'userAssignedAttached', vm: 'myLinuxVM', identity: 'app-id' } as const;

  it('waits for the identity to exist, then to be attached, then passes', () => {
    const q = quickstartWorld();
    expect(evaluateCheck(spec, ctx(q)).waitingFor).toMatch(/named app-id to exist/);
    const created = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'app-id', location: 'eastus' });
    if (!created.ok) throw new Error(created.error.message);
    expect(evaluateCheck(spec, ctx(q)).waitingFor).toMatch(/app-id to be added to myLinuxVM/);
    const attached = attachUserAssigned(q.world, created.value.identity.id, q.linuxVmId);
    if (!attached.ok) throw new Error(attached.error.message);
    expect(evaluateCheck(spec, ctx(q)).passed).toBe(true);
  });
});
