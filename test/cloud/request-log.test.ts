/** The request log: bounded, observable, and queryable by lesson checks. */
import { describe, expect, test, vi } from 'vitest';
import { findArmCall, findImdsToken, lastDenial } from '../../src/cloud/log-queries';
import { RequestLog, type RequestLogEntry } from '../../src/cloud/request-log';
import { adminToken, arm, imds, miToken, rig } from './harness';

const entry = (n: number): Omit<RequestLogEntry, 'seq'> => ({
  requestId: `r${n}`,
  caller: { kind: 'sdk' },
  service: 'arm',
  operation: null,
  request: { method: 'GET', url: `https://management.azure.com/${n}`, headers: [], body: '' },
  response: { status: 200, statusText: '', headers: [], body: '' },
  networkError: null,
  timing: { simulatedAt: 0, wallMs: 0, latencyMs: 0 },
  identity: null,
  tokenId: null,
  authorizations: [],
  imdsToken: null,
});

describe('RequestLog', () => {
  test('keeps the newest `limit` entries with increasing seq', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.append(entry(i));
    expect(log.entries().map((e) => e.requestId)).toEqual(['r3', 'r4', 'r5']);
    expect(log.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  test('listeners see each entry; unsubscribe stops them; a throwing listener does not break others', () => {
    const log = new RequestLog();
    const seen: string[] = [];
    log.subscribe(() => {
      throw new Error('broken panel');
    });
    const off = log.subscribe((e) => seen.push(e.requestId));
    log.append(entry(1));
    off();
    log.append(entry(2));
    expect(seen).toEqual(['r1']);
  });

  test('rejects a bound below 1', () => {
    expect(() => new RequestLog(0)).toThrow(RangeError);
  });
});

describe('lesson-check queries over a real session', () => {
  test('the quickstart: token from the VM with Metadata, 403 before the grant, 200 after', async () => {
    const r = rig({ systemAssigned: true });
    const token = await miToken(r);
    const path = `/subscriptions/${r.subscriptionId}/resourceGroups/myResourceGroup`;
    await arm(r, 'GET', path, { token, apiVersion: '2016-09-01' });
    const denial = lastDenial(r.router.log.entries());
    expect(denial?.authorization.action).toBe('Microsoft.Resources/subscriptions/resourcegroups/read');

    const admin = await adminToken(r);
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    await arm(r, 'PUT', `${path}/providers/Microsoft.Authorization/roleAssignments/0b7c6d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e`, {
      token: admin,
      apiVersion: '2022-04-01',
      body: { properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7', principalId: oid, principalType: 'ServicePrincipal' } },
    });
    await arm(r, 'GET', path, { token, apiVersion: '2016-09-01' });

    const entries = r.router.log.entries();
    const vmId = r.linuxVm.kind === 'vm' ? r.linuxVm.vmId : '';
    expect(findImdsToken(entries, { vmId, resource: 'https://management.azure.com/' })?.identity?.principalId).toBe(oid);
    expect(findImdsToken(entries, { vmId, resource: 'https://vault.azure.net' })).toBeUndefined();
    const ok = findArmCall(entries, { method: 'GET', path, status: 200, principalId: oid });
    expect(ok?.operation).toBe('arm.resourceGroups.get');
    expect(ok?.tokenId).toBe(findImdsToken(entries, { vmId })?.tokenId);
    expect(findArmCall(entries, { method: 'GET', path, status: 403 })).toBeDefined();
  });

  test('items a list hid from the caller are recorded but are not denials', async () => {
    const r = rig({ systemAssigned: true });
    const { json } = await arm(r, 'GET', '/subscriptions', { token: await miToken(r), apiVersion: '2022-12-01' });
    expect(json.value).toEqual([]);
    const entry = r.router.log.entries().at(-1)!;
    expect(entry.authorizations).toEqual([expect.objectContaining({ allowed: false, purpose: 'listFilter' })]);
    expect(lastDenial(r.router.log.entries())).toBeUndefined();
  });

  test('a token fetched without the Metadata header does not count', async () => {
    const r = rig({ systemAssigned: true });
    await imds(r, 'api-version=2018-02-01&resource=https://management.azure.com/', { headers: {} });
    expect(findImdsToken(r.router.log.entries())).toBeUndefined();
  });

  test('unresolvable hosts are logged with their network error', async () => {
    const r = rig();
    const spy = vi.fn();
    r.router.log.subscribe(spy);
    await expect(r.router.fetch(new Request('https://login.example.com/'), { from: r.linuxVm })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(spy.mock.calls[0]![0]).toMatchObject({ service: null, response: null, networkError: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND login.example.com' } });
  });

  test.each([
    // An IP needs no DNS: a typo for IMDS reaches nothing and nothing answers (the client waits out its timeout).
    ['http://169.254.169.25/metadata/instance', 'ETIMEDOUT', 'connect ETIMEDOUT 169.254.169.25:80'],
    ['https://10.0.0.99:8443/', 'ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.99:8443'],
    ['http://[2001:db8::1]/', 'ETIMEDOUT', 'connect ETIMEDOUT 2001:db8::1:80'],
    // The VM's own addresses: nothing listens, so the connect is refused at once.
    ['http://127.0.0.1/', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:80'],
    ['http://0x7f.1:8080/', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8080'],
    ['http://[::1]/', 'ECONNREFUSED', 'connect ECONNREFUSED ::1:80'],
    ['http://169.254.169.254.example/', 'ENOTFOUND', 'getaddrinfo ENOTFOUND 169.254.169.254.example'],
  ])('%s with nothing behind it fails below HTTP as %s', async (url, code, message) => {
    const r = rig();
    await expect(r.router.fetch(new Request(url), { from: r.linuxVm })).rejects.toMatchObject({ code, message });
    expect(r.router.log.entries().at(-1)).toMatchObject({ response: null, networkError: { code, message } });
  });
});
