/** The emulator over real loopback HTTP, and its /_sandbox control API. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, virtualUrl, type Emulator } from '../../src/cloud/emulator/server';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, preset: 'data' });
});
afterAll(() => emu.close());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${emu.urls.imds}/_sandbox${path}`, { method, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });

describe('virtual hosts', () => {
  test.each([
    ['imds', '/metadata/instance?api-version=2021-02-01', 'http://169.254.169.254/metadata/instance?api-version=2021-02-01'],
    ['arm', '/subscriptions?api-version=2022-12-01', 'https://management.azure.com/subscriptions?api-version=2022-12-01'],
    ['keyvault', '/MyVault/secrets/s?api-version=7.4', 'https://myvault.vault.azure.net/secrets/s?api-version=7.4'],
    ['keyvault', '/MyVault?x=1', 'https://myvault.vault.azure.net/?x=1'],
    ['storage', '/acct/c/a/b.txt', 'https://acct.blob.core.windows.net/c/a/b.txt'],
    ['storage', '/', null],
  ] as const)('%s %s → %s', (service, path, expected) => {
    expect(virtualUrl(service, path)).toBe(expected);
  });
});

describe('over HTTP', () => {
  test('IMDS answers as the selected VM, with IMDS headers', async () => {
    const res = await fetch(`${emu.urls.imds}/metadata/instance/compute/name?api-version=2021-02-01&format=text`, { headers: { Metadata: 'true' } });
    expect(await res.text()).toBe('myLinuxVM');
    expect(res.headers.get('server')).toMatch(/^IMDS\//);
    expect((await (await control('PUT', '/vm', { vm: 'myWindowsVM' })).json()).name).toBe('myWindowsVM');
    const after = await fetch(`${emu.urls.imds}/metadata/instance/compute/name?api-version=2021-02-01&format=text`, { headers: { Metadata: 'true' } });
    expect(await after.text()).toBe('myWindowsVM');
    await control('PUT', '/vm', { vm: 'myLinuxVM' });
  });

  test('ARM errors keep status, headers and body', async () => {
    const res = await fetch(`${emu.urls.arm}/subscriptions?api-version=2022-12-01`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-ms-failure-cause')).toBe('gateway');
    expect((await res.json()).error.code).toBe('AuthenticationFailed');
  });

  test('storage keeps the status text', async () => {
    const res = await fetch(`${emu.urls.storage}/mysandboxstorage/mycontainer/hello.txt`, { headers: { 'x-ms-version': '2021-10-04' } });
    expect(res.status).toBe(401);
    expect(res.statusText).toBe('Server failed to authenticate the request. Please refer to the information in the www-authenticate header.');
  });

  test('an unknown vault is a 502 naming the resolution failure', async () => {
    const res = await fetch(`${emu.urls.keyvault}/no-such-vault/secrets/x?api-version=7.4`);
    expect(res.status).toBe(502);
    expect((await res.json()).error).toEqual({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND no-such-vault.vault.azure.net' });
  });
});

describe('/_sandbox control API', () => {
  test('world summary, user token, clock', async () => {
    const world = await (await control('GET', '/world')).json();
    expect(world.keyVaults[0]).toMatchObject({ name: 'mySandboxVault', enableRbacAuthorization: true });
    expect(world.storageAccounts[0]).toMatchObject({ name: 'mysandboxstorage', containers: ['mycontainer'] });
    const token = await (await control('POST', '/token', { principal: world.users[0].userPrincipalName, resource: 'https://management.azure.com/' })).json();
    expect(Object.keys(token)).toEqual(['access_token', 'client_id', 'expires_in', 'expires_on', 'ext_expires_in', 'not_before', 'resource', 'token_type']);
    const sub = world.subscriptions[0].subscriptionId;
    const rg = await fetch(`${emu.urls.arm}/subscriptions/${sub}/resourceGroups/myResourceGroup?api-version=2021-04-01`, { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(rg.status).toBe(200);
    const before = Date.parse(world.clock.now);
    const moved = await (await control('POST', '/clock', { advanceSeconds: 7200 })).json();
    expect(Date.parse(moved.now) - before).toBeGreaterThanOrEqual(7200_000);
    const expired = await fetch(`${emu.urls.arm}/subscriptions/${sub}/resourceGroups/myResourceGroup?api-version=2021-04-01`, { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect((await expired.json()).error.code).toBe('ExpiredAuthenticationToken');
  });

  test('faults apply to the loopback IMDS', async () => {
    await control('PATCH', '/world').then((r) => expect(r.status).toBe(405));
    const world = await (await control('GET', '/world')).json();
    const now = Date.parse(world.clock.now);
    const set = await control('PUT', '/faults', { rules: [{ kind: 'gone', from: now - 1000, until: now + 60_000 }] });
    expect(set.status).toBe(200);
    const res = await fetch(`${emu.urls.imds}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/`, { headers: { Metadata: 'true' } });
    expect(res.status).toBe(410);
    await control('PUT', '/faults', { rules: [] });
  });

  test.each([
    ['POST', '/reset', { preset: 'nope' }, 400, 'UnknownPreset'],
    ['POST', '/reset', '{not json', 400, 'InvalidJson'],
    ['POST', '/token', { principal: 'nobody@example.com', resource: 'https://management.azure.com/' }, 404, 'UserNotFound'],
    ['POST', '/clock', { advanceSeconds: -5 }, 400, 'InvalidClockChange'],
    ['PUT', '/faults', { latencyMs: -1 }, 400, 'InvalidFaultPlan'],
    ['PUT', '/vm', { vm: 'ghost' }, 404, 'VmNotFound'],
    ['GET', '/nothing', undefined, 404, 'NotFound'],
  ] as const)('%s %s → %i %s', async (method, path, body, status, code) => {
    const res = await control(method, path, body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  test('reset swaps the world and re-selects the first VM', async () => {
    const reset = await (await control('POST', '/reset', { preset: 'empty' })).json();
    expect(reset.virtualMachines).toEqual([]);
    expect(reset.imdsVm).toBeNull();
    const back = await (await control('POST', '/reset', { preset: 'data' })).json();
    expect(back.imdsVm.name).toBe('myLinuxVM');
  });
});
