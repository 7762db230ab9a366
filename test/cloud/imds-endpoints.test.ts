/** The other IMDS endpoints (imds.md §2) and the fault plan (imds.md §7 item 7). */
import { describe, expect, test } from 'vitest';
import { advanceClock, defaultFaultPlan, scheduleImdsFault, setFaultPlan } from '../../src/sim/index';
import { imds, rig } from './harness';

describe('/metadata/instance', () => {
  test('the whole document: every primitive a string, compute and network', async () => {
    const r = rig();
    const { res, json } = await imds(r, 'api-version=2021-02-01', { path: '/metadata/instance' });
    expect(res.status).toBe(200);
    expect(json.compute).toMatchObject({ name: 'myLinuxVM', osType: 'Linux', location: 'eastus', resourceGroupName: 'myResourceGroup', subscriptionId: r.subscriptionId, zone: '', resourceId: r.linuxVmId });
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      else expect(typeof v).toBe('string');
    };
    walk(json);
    expect(json.network.interface[0].macAddress).toMatch(/^000D3A[0-9A-F]{6}$/);
  });

  test('fields appear only from the api-version that introduced them', async () => {
    const r = rig();
    expect((await imds(r, 'api-version=2017-08-01', { path: '/metadata/instance' })).json.compute.resourceId).toBeUndefined();
    expect((await imds(r, 'api-version=2019-03-11', { path: '/metadata/instance' })).json.compute.resourceId).toBe(r.linuxVmId);
  });

  test.each([
    ['/metadata/instance/compute/vmId', 'format=text', 200, (r: ReturnType<typeof rig>, t: string) => expect(t).toBe(r.world.data.virtualMachines[r.linuxVmId.toLowerCase()]!.properties.vmId)],
    ['/metadata/instance/network/interface/0/ipv4/ipAddress/0/privateIpAddress', 'format=text', 200, (_: unknown, t: string) => expect(t).toMatch(/^10\.0\.0\.\d+$/)],
    ['/metadata/instance/compute/vmId', '', 400, (_: unknown, t: string) => expect(JSON.parse(t).error).toMatch(/^Bad request\./)],
    ['/metadata/instance/compute', 'format=text', 400, () => {}],
    ['/metadata/instance/compute', '', 200, (_: unknown, t: string) => expect(JSON.parse(t).name).toBe('myLinuxVM')],
    ['/metadata/instance/compute/nope', '', 404, () => {}],
  ] as const)('%s?%s → %i', async (path, q, status, check) => {
    const r = rig();
    const { res, text } = await imds(r, `api-version=2021-02-01${q ? `&${q}` : ''}`, { path });
    expect(res.status).toBe(status);
    check(r as never, text);
  });

  test('the instance endpoint words its errors in the one-field form', async () => {
    const { res, json } = await imds(rig(), 'api-version=2021-02-01', { path: '/metadata/instance', headers: {} });
    expect(res.status).toBe(400);
    expect(json).toEqual({ error: 'Bad request. Required metadata header not specified' });
  });

  test('the Windows VM answers as itself', async () => {
    const r = rig();
    const { json } = await imds(r, 'api-version=2021-02-01', { path: '/metadata/instance/compute', from: r.windowsVm });
    expect(json).toMatchObject({ name: 'myWindowsVM', osType: 'Windows' });
  });
});

describe('versions and identity info', () => {
  test('/metadata/versions needs no api-version', async () => {
    const { res, json } = await imds(rig(), '', { path: '/metadata/versions' });
    expect(res.status).toBe(200);
    expect(json.apiVersions).toContain('2018-02-01');
  });

  test('/metadata/identity/info returns the tenant once an identity exists', async () => {
    const none = await imds(rig(), 'api-version=2018-02-01', { path: '/metadata/identity/info' });
    expect(none.res.status).toBe(400);
    const r = rig({ systemAssigned: true });
    const { json } = await imds(r, 'api-version=2018-02-01', { path: '/metadata/identity/info' });
    expect(json).toEqual({ tenantId: r.world.tenantId });
  });

  test('unknown IMDS paths are 404', async () => {
    expect((await imds(rig(), 'api-version=2021-02-01', { path: '/metadata/nothing' })).res.status).toBe(404);
  });
});

describe('fault plan', () => {
  const ARM = 'api-version=2018-02-01&resource=https://management.azure.com/';
  test.each([
    ['updating', 404, 'not_found'],
    ['gone', 410, 'service_unavailable'],
    ['serverError', 500, 'server_error'],
    ['throttled', 429, 'too_many_requests'],
  ] as const)('%s → %i for the window, then normal again', async (kind, status, error) => {
    const r = rig({ systemAssigned: true });
    scheduleImdsFault(r.world, kind, 30_000);
    const during = await imds(r, ARM);
    expect(during.res.status).toBe(status);
    expect(during.json.error).toBe(error);
    expect(r.router.log.entries().at(-1)!.operation).toBe(`imds.token.fault.${kind}`);
    advanceClock(r.world, 30_000);
    expect((await imds(r, ARM)).res.status).toBe(200);
  });

  test('a fault aimed at one VM spares the other', async () => {
    const r = rig({ systemAssigned: true });
    const vmId = r.linuxVm.kind === 'vm' ? r.linuxVm.vmId : '';
    scheduleImdsFault(r.world, 'serverError', 10_000, vmId);
    expect((await imds(r, ARM)).res.status).toBe(500);
    expect((await imds(r, ARM, { from: r.windowsVm })).json.error_description).toBe('Identity not found');
  });

  test('more than 20 requests in a second from one VM → 429', async () => {
    const r = rig({ systemAssigned: true, rateLimit: true });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await imds(r, ARM)).res.status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  test('latency is waited out through the injected wait and logged', async () => {
    const r = rig({ systemAssigned: true });
    setFaultPlan(r.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 }, latencyMs: 250 });
    const waits: number[] = [];
    const { createRouter } = await import('../../src/cloud/router');
    const router = createRouter(r.world, { wait: async (ms) => void waits.push(ms) });
    await router.fetch(new Request(`http://169.254.169.254/metadata/identity/oauth2/token?${ARM}`, { headers: { Metadata: 'true' } }), { from: r.linuxVm });
    expect(waits).toEqual([250]);
    expect(router.log.entries().at(-1)!.timing.latencyMs).toBe(250);
  });
});
