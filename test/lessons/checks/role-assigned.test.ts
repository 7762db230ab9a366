import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import { advanceClock, deleteRoleAssignment, quickstartWorld } from '../../../src/sim/index.ts';
import { ctx, grant, withIdentity } from './world-fixtures.ts';

const spec = { type: 'roleAssigned', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' } as const;
const rgScope = (sub: string) => `/subscriptions/${sub}/resourceGroups/myResourceGroup`;

describe('roleAssigned', () => {
  it('explains that there is no identity yet', () => {
    const r = evaluateCheck(spec, ctx(quickstartWorld()));
    expect(r.passed).toBe(false);
    expect(r.waitingFor).toMatch(/Waiting for Reader on resource group myResourceGroup to be granted to myLinuxVM's system-assigned identity/);
    expect(r.waitingFor).toMatch(/myLinuxVM has no system-assigned identity yet/);
  });

  it.each([
    { name: 'at the scope itself', scope: (s: string) => rgScope(s), passes: true },
    { name: 'inherited from the subscription', scope: (s: string) => `/subscriptions/${s}`, passes: true },
    { name: 'only below the scope (on the VM)', scope: (s: string) => `${rgScope(s)}/providers/Microsoft.Compute/virtualMachines/myLinuxVM`, passes: false },
  ])('Reader $name → passes: $passes', ({ scope, passes }) => {
    const q = withIdentity();
    grant(q, 'Reader', scope(q.subscriptionId));
    expect(evaluateCheck(spec, ctx(q)).passed).toBe(passes);
  });

  it('another role does not count', () => {
    const q = withIdentity();
    grant(q, 'Contributor', rgScope(q.subscriptionId));
    expect(evaluateCheck(spec, ctx(q)).passed).toBe(false);
  });

  it('role names match case-insensitively, as ARM does', () => {
    const q = withIdentity();
    grant(q, 'Reader', rgScope(q.subscriptionId));
    expect(evaluateCheck({ ...spec, role: 'reader' }, ctx(q)).passed).toBe(true);
  });

  it('a propagating assignment is not effective yet; it passes once the clock moves past the delay', () => {
    const q = withIdentity();
    grant(q, 'Reader', rgScope(q.subscriptionId), { delayMs: 60_000 });
    const before = evaluateCheck(spec, ctx(q));
    expect(before.passed).toBe(false);
    expect(before.waitingFor).toMatch(/still propagating; it takes effect in about 60 s/);
    advanceClock(q.world, 60_000);
    expect(evaluateCheck(spec, ctx(q)).passed).toBe(true);
  });

  it('a removed assignment no longer counts', () => {
    const q = withIdentity();
    const a = grant(q, 'Reader', rgScope(q.subscriptionId));
    deleteRoleAssignment(q.world, a.name);
    expect(evaluateCheck(spec, ctx(q)).passed).toBe(false);
  });

  it('names a missing resource group', () => {
    const q = withIdentity();
    expect(evaluateCheck({ ...spec, scope: 'resourceGroup:otherGroup' }, ctx(q)).waitingFor).toMatch(/no resource group named otherGroup/);
  });
});
