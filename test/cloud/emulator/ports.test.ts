/** The emulator over real loopback HTTP, and its /_sandbox control API. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, virtualUrl, type Emulator } from '../../../src/cloud/emulator/server';
import { request as rawRequest } from './raw-http';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, preset: 'data' });
});
afterAll(() => emu.close());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${emu.urls.imds}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });

describe('virtual hosts', () => {
  test.each([
    ['imds', '/metadata/instance?api-version=2021-02-01', 'http://169.254.169.254/metadata/instance?api-version=2021-02-01'],
    ['arm', '/subscriptions?api-version=2022-12-01', 'https://management.azure.com/subscriptions?api-version=2022-12-01'],
    ['keyvault', '/MyVault/secrets/s?api-version=7.4', 'https://myvault.vault.azure.net/secrets/s?api-version=7.4'],
    ['keyvault', '/MyVault?x=1', 'https://myvault.vault.azure.net/?x=1'],
    ['storage', '/acct/c/a/b.txt', 'https://acct.blob.core.windows.net/c/a/b.txt'],
    ['storage', '/', null],
    ['storage', '/%61cct/c', 'https://acct.blob.core.windows.net/c'],
    ['storage', '/a.b/c', null],
    ['keyvault', '/%zz/secrets', { invalid: true }],
  ] as const)('%s %s → %s', (service, path, expected) => {
    expect(virtualUrl(service, path)).toEqual(expected);
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

describe('hardening (issue 16)', () => {
  const origins = () => [emu.urls.imds, emu.urls.arm, emu.urls.keyvault, emu.urls.storage];
  const hostOf = (origin: string) => new URL(origin).host;

  test('a text/plain form post cannot reset the world; JSON can', async () => {
    const before = (await (await control('GET', '/world')).json()).tenantId;
    const form = await fetch(`${emu.urls.imds}/_sandbox/reset`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"preset":"empty"}' });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('UnsupportedMediaType');
    expect((await (await control('GET', '/world')).json()).tenantId).toBe(before);
  });

  test.each([
    ['Origin: https://attacker.example', 403, 'ForeignOrigin'],
    ['Origin: null', 403, 'ForeignOrigin'],
    ['Sec-Fetch-Site: cross-site', 403, 'ForeignOrigin'],
    ['Origin: http://localhost:5173', 200, null],
  ] as const)('control call with %s → %i', async (header, status, code) => {
    const res = await rawRequest(emu.urls.imds, `POST /_sandbox/clock HTTP/1.1\r\nHost: ${hostOf(emu.urls.imds)}\r\n${header}\r\nContent-Type: application/json\r\nContent-Length: 20`, '{"advanceSeconds":0}');
    expect(res.status).toBe(status);
    if (code) expect(JSON.parse(res.body).error.code).toBe(code);
  });

  test('DNS rebinding: a foreign Host is refused by the control API and by every service port', async () => {
    const ctl = await rawRequest(emu.urls.imds, 'GET /_sandbox/world HTTP/1.1\r\nHost: attacker.example:7170');
    expect(ctl.status).toBe(400);
    for (const origin of origins()) {
      const res = await rawRequest(origin, 'GET /x HTTP/1.1\r\nHost: attacker.example');
      expect(res.status, origin).toBe(400);
      expect(res.body).toContain('HTTP Error 400. The request hostname is invalid.');
      expect(res.headers.server).toBe('Microsoft-HTTPAPI/2.0');
    }
  });

  test.each([
    ['imds', '/metadata/%zz?api-version=2018-02-01', 400, /"error":"bad_request"/],
    ['arm', '/subscriptions/%zz?api-version=2022-12-01', 400, /The request URL is invalid/],
    ['keyvault', '/mySandboxVault/secrets/%zz?api-version=7.4', 400, /The request URL is invalid/],
    ['storage', '/mysandboxstorage/mycontainer/%E0%A4%A', 400, /The request URL is invalid/],
    ['storage', '/%zz/mycontainer', 400, /The request URL is invalid/],
  ] as const)('%s %s → %i, never a 500', async (service, path, status, body) => {
    const res = await rawRequest(emu.urls[service], `GET ${path} HTTP/1.1\r\nHost: ${hostOf(emu.urls[service])}\r\nMetadata: true`);
    expect(res.status).toBe(status);
    expect(res.body).toMatch(body);
  });

  test.each([
    ['imds', 405, /method_not_allowed/],
    ['arm', 405, /"code":"MethodNotAllowed"/],
    ['keyvault', 405, /"code":"MethodNotAllowed"/],
    ['storage', 405, /<Code>UnsupportedHttpVerb<\/Code>/],
  ] as const)('TRACE on %s → %i in the service’s shape', async (service, status, body) => {
    const path = service === 'keyvault' ? '/mySandboxVault/secrets' : service === 'storage' ? '/mysandboxstorage/mycontainer/hello.txt' : '/';
    const res = await rawRequest(emu.urls[service], `TRACE ${path} HTTP/1.1\r\nHost: ${hostOf(emu.urls[service])}`);
    expect(res.status).toBe(status);
    expect(res.body).toMatch(body);
  });

  test.each(['imds', 'arm', 'keyvault', 'storage'] as const)('OPTIONS * and CONNECT on %s are refused, absolute-form naming loopback is served', async (service) => {
    const host = hostOf(emu.urls[service]);
    expect((await rawRequest(emu.urls[service], `OPTIONS * HTTP/1.1\r\nHost: ${host}`)).status).toBe(400);
    expect((await rawRequest(emu.urls[service], `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443`)).status).toBe(405);
    expect((await rawRequest(emu.urls[service], `GET http://example.com/ HTTP/1.1\r\nHost: ${host}`)).status).toBe(400);
  });

  test('absolute-form with the loopback authority is an ordinary request', async () => {
    const res = await rawRequest(emu.urls.arm, `GET ${emu.urls.arm}/subscriptions?api-version=2022-12-01 HTTP/1.1\r\nHost: ${hostOf(emu.urls.arm)}`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('AuthenticationFailed');
  });

  test.each([
    [{ advanceSeconds: 9e12 }, 'InvalidClockChange'],
    [{ advanceSeconds: Number.MAX_VALUE }, 'InvalidClockChange'],
    [{ advanceSeconds: '60' }, 'InvalidClockChange'],
  ])('clock %j is refused and the world keeps working', async (body, code) => {
    const res = await control('POST', '/clock', body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe(code);
    expect((await control('GET', '/world')).status).toBe(200);
    const imds = await fetch(`${emu.urls.imds}/metadata/instance?api-version=2021-02-01`, { headers: { Metadata: 'true' } });
    expect(imds.status).toBe(200);
  });

  test('fault latency is bounded', async () => {
    const res = await control('PUT', '/faults', { latencyMs: 2_000_000_000 });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/at most 60000 ms/);
  });
});

describe('metadata/endpoints (unauthenticated, as ARM serves it)', () => {
  test('the 2015-01-01 object msrestazure reads, and the 2019-05-01 cloud list', async () => {
    const legacy = await (await fetch(`${emu.urls.arm}/metadata/endpoints?api-version=2015-01-01`)).json();
    expect(legacy.authentication).toEqual({ loginEndpoint: 'https://login.windows.net/', audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'] });
    const list = await (await fetch(`${emu.urls.arm}/metadata/endpoints?api-version=2019-05-01`)).json();
    expect(list[0]).toMatchObject({ name: 'AzureCloud', resourceManager: 'https://management.azure.com/', suffixes: { keyVaultDns: 'vault.azure.net', storage: 'core.windows.net' } });
  });
});
