import { describe, expect, it } from 'vitest';
import { createAppRuntime } from '../../../src/ui/runtime/create-runtime';

const sub = (rt: ReturnType<typeof createAppRuntime>) => Object.keys(rt.world.data.subscriptions)[0];

describe('app runtime', () => {
  it('sends portal calls as the signed-in admin, through the router, into the request log', async () => {
    const rt = createAppRuntime('quickstart');
    let notified = 0;
    rt.subscribe(() => notified++);
    const res = await rt.portalFetch(new Request(`https://management.azure.com/subscriptions/${sub(rt)}/resourcegroups/myResourceGroup?api-version=2022-09-01`));
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe('myResourceGroup');
    const entry = rt.log.entries().at(-1)!;
    expect(entry.caller).toMatchObject({ kind: 'portal' });
    expect(entry.identity?.userPrincipalName).toBe(rt.portalUser.userPrincipalName);
    expect(notified).toBeGreaterThan(0);
  });

  it('lets a VM reach IMDS as itself, and the portal not at all', async () => {
    const rt = createAppRuntime('quickstart');
    const vm = Object.values(rt.world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
    const imds = new Request('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', { headers: { Metadata: 'true' } });
    const res = await rt.vmFetch(vm.properties.vmId)(imds.clone());
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: 'Identity not found' });
    await expect(rt.portalFetch(imds.clone())).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('resets, exports and imports worlds; a bad import changes nothing', () => {
    const rt = createAppRuntime('quickstart');
    const before = rt.exportWorld();
    expect(rt.reset('empty')).toBeNull();
    expect(Object.keys(rt.world.data.virtualMachines)).toHaveLength(0);
    expect(rt.reset('nope')).toMatch(/nope/);
    const bad = rt.importWorld('{"schemaVersion": 999}');
    expect(bad.ok).toBe(false);
    expect(Object.keys(rt.world.data.virtualMachines)).toHaveLength(0);
    expect(rt.importWorld('not json')).toMatchObject({ ok: false, error: expect.any(String) });
    expect(rt.importWorld(before)).toEqual({ ok: true });
    expect(Object.values(rt.world.data.virtualMachines).map((v) => v.name).sort()).toEqual(['myLinuxVM', 'myWindowsVM']);
  });
});

describe('app runtime clock', () => {
  it('runs preset worlds on a live clock (tokens count down, rate limits see time pass)', () => {
    const rt = createAppRuntime('quickstart');
    expect(rt.world.clock.frozen).toBe(false);
    rt.reset('empty');
    expect(rt.world.clock.frozen).toBe(false);
  });
});

describe('app runtime notifications', () => {
  // A lesson judges on every notification and opens the next step's request window at the newest
  // log entry it saw: a write's world change told before its log entry put that request in the next
  // step (the problem report's "Requests in this step" listed the previous step's request).
  it('tells of a write only once its request is in the log', async () => {
    const rt = createAppRuntime('quickstart');
    const vm = Object.values(rt.world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
    const enabled = () => Object.values(rt.world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')?.identity?.type === 'SystemAssigned';
    expect(enabled()).toBe(false);
    const seen: { changed: boolean; logged: boolean }[] = [];
    rt.subscribe(() => seen.push({ changed: enabled(), logged: rt.log.entries().some((e) => e.request.method === 'PATCH') }));
    const res = await rt.portalFetch(
      new Request(`https://management.azure.com${vm.id}?api-version=2024-07-01`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identity: { type: 'SystemAssigned' } }),
      }),
    );
    expect(res.status).toBe(200);
    expect(seen.some((s) => s.changed)).toBe(true);
    expect(seen.filter((s) => s.changed && !s.logged)).toEqual([]);
  });
});
