import { describe, expect, it } from 'vitest';
import { advanceClock, imdsFaultFor, quickstartWorld, scheduleImdsFault, setFaultPlan, defaultFaultPlan } from '../../../src/sim/index';

describe('IMDS fault decision', () => {
  it('no plan, normal traffic: no fault', () => {
    const { world } = quickstartWorld();
    expect(imdsFaultFor(world, world.now(), 1, 'vm')).toBeNull();
  });

  it.each([
    ['updating', 404, { error: 'not_found', error_description: 'Not found' }],
    ['gone', 410, { error: 'service_unavailable', error_description: 'IMDS is going through updates' }],
    ['serverError', 500, { error: 'server_error', error_description: 'Server error' }],
    ['throttled', 429, { error: 'too_many_requests', error_description: 'Too many requests' }],
  ] as const)('a %s window answers %i with its body, only inside the window', (kind, status, body) => {
    const { world } = quickstartWorld();
    expect(scheduleImdsFault(world, kind, 30_000).ok).toBe(true);
    expect(imdsFaultFor(world, world.now(), 1)).toEqual({ kind: 'error', status, cause: kind, body, latencyMs: 0 });
    advanceClock(world, 30_000);
    expect(imdsFaultFor(world, world.now(), 1)).toBeNull();
  });

  it('410 lasts at most 70 s', () => {
    const { world } = quickstartWorld();
    expect(scheduleImdsFault(world, 'gone', 70_000).ok).toBe(true);
    const r = scheduleImdsFault(world, 'gone', 70_001);
    expect(r.ok === false && r.error.code).toBe('InvalidFaultPlan');
  });

  it('a rule for one VM (by vmId or ARM id) leaves the others alone', () => {
    const { world, linuxVmId, windowsVmId } = quickstartWorld();
    const linuxVmId2 = world.data.virtualMachines[linuxVmId.toLowerCase()]!.properties.vmId;
    scheduleImdsFault(world, 'updating', 10_000, linuxVmId2);
    expect(imdsFaultFor(world, world.now(), 1, linuxVmId)?.kind).toBe('error');
    expect(imdsFaultFor(world, world.now(), 1, linuxVmId2)?.kind).toBe('error');
    expect(imdsFaultFor(world, world.now(), 1, windowsVmId)).toBeNull();
  });

  it('more than 5 concurrent requests: 429', () => {
    const { world } = quickstartWorld();
    expect(imdsFaultFor(world, world.now(), 5, 'vm')).toBeNull();
    expect(imdsFaultFor(world, world.now(), 6, 'vm')).toMatchObject({ status: 429, cause: 'concurrency' });
  });

  it('more than 20 requests in a second per VM: 429 until the window slides', () => {
    const { world } = quickstartWorld();
    const t = world.now();
    for (let i = 0; i < 20; i++) expect(imdsFaultFor(world, t + i * 10, 1, 'vm-a')).toBeNull();
    expect(imdsFaultFor(world, t + 200, 1, 'vm-a')).toMatchObject({ status: 429, cause: 'rateLimit' });
    expect(imdsFaultFor(world, t + 200, 1, 'vm-b')).toBeNull();
    expect(imdsFaultFor(world, t + 1500, 1, 'vm-a')).toBeNull();
  });

  it('the rate limit can be switched off, and latency is reported on its own', () => {
    const { world } = quickstartWorld();
    setFaultPlan(world, { ...defaultFaultPlan(), latencyMs: 250, rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
    for (let i = 0; i < 50; i++) expect(imdsFaultFor(world, world.now(), 10, 'vm')).toEqual({ kind: 'latency', latencyMs: 250 });
  });

  it.each([
    ['a negative latency', { ...defaultFaultPlan(), latencyMs: -1 }, 'latencyMs'],
    ['an unknown fault kind', { ...defaultFaultPlan(), rules: [{ kind: 'meltdown', from: 0, until: 1 }] }, 'rules.0.kind'],
    ['a window that ends before it starts', { ...defaultFaultPlan(), rules: [{ kind: 'updating', from: 10, until: 5 }] }, 'rules.0'],
    ['not an object', 'chaos', undefined],
  ])('rejects %s with the path of the problem', (_n, plan, path) => {
    const { world } = quickstartWorld();
    const r = setFaultPlan(world, plan);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('InvalidFaultPlan');
      expect(r.error.path).toBe(path);
    }
    expect(world.data.faultPlan).toEqual(defaultFaultPlan());
  });
});
