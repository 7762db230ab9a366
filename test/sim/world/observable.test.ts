import { describe, expect, it } from 'vitest';
import { enableSystemAssigned, quickstartWorld, requestImdsToken, worldSource } from '../../../src/sim/index';

describe('worldSource', () => {
  it('keeps the same snapshot while nothing happens and a new one after each change or feed entry', async () => {
    const q = quickstartWorld();
    const source = worldSource(q.world);
    const first = source.getSnapshot();
    expect(source.getSnapshot()).toBe(first);
    let calls = 0;
    const sub = source.subscribe(() => calls++);
    enableSystemAssigned(q.world, q.linuxVmId);
    const second = source.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.lastEvent?.type).toBe('identity.enabled');
    expect(calls).toBeGreaterThan(0);
    // A token is a feed entry without a data change: still a new snapshot.
    await requestImdsToken(q.world, { vm: q.linuxVmId, resource: 'https://management.azure.com/' });
    const third = source.getSnapshot();
    expect(third).not.toBe(second);
    expect(third.revision).toBe(second.revision);
    sub.unsubscribe();
    const before = calls;
    enableSystemAssigned(q.world, q.windowsVmId);
    expect(calls).toBe(before);
  });
});
