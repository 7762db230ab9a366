import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import { attachUserAssigned, createUserAssignedIdentity, quickstartWorld } from '../../../src/sim/index.ts';
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
