/**
 * The IMDS token endpoint against every row of imds.md §7 items 1–4 and §1.2–1.4: the order of
 * checks, the exact bodies, the success wire form and the cache behaviour.
 */
import { describe, expect, test } from 'vitest';
import { decodeJwt } from 'jose';
import {
  advanceClock,
  attachUserAssigned,
  createUserAssignedIdentity,
  disableSystemAssigned,
  QUICKSTART,
} from '../../src/sim/index';
import { IMDS, imds, rig, vmIdOf } from './harness';

const ARM_RESOURCE = 'api-version=2018-02-01&resource=https://management.azure.com/';

describe('check order and error bodies (imds.md §7 item 2)', () => {
  const cases: { name: string; query: string; headers?: Record<string, string>; method?: string; status: number; body: object }[] = [
    { name: 'POST is not allowed', query: ARM_RESOURCE, method: 'POST', status: 405, body: { error: 'method_not_allowed', error_description: 'Not allowed' } },
    { name: 'no Metadata header', query: ARM_RESOURCE, headers: {}, status: 400, body: { error: 'invalid_request', error_description: 'Required metadata header not specified' } },
    { name: 'Metadata: True is not lower case', query: ARM_RESOURCE, headers: { Metadata: 'True' }, status: 400, body: { error: 'invalid_request', error_description: 'Required metadata header not specified' } },
    { name: 'missing header wins over missing resource', query: 'api-version=2018-02-01', headers: {}, status: 400, body: { error: 'invalid_request', error_description: 'Required metadata header not specified' } },
    {
      name: 'X-Forwarded-For is rejected',
      query: ARM_RESOURCE,
      headers: { Metadata: 'true', 'X-Forwarded-For': '10.0.0.9' },
      status: 400,
      body: { error: 'invalid_request' },
    },
    {
      name: 'missing api-version',
      query: 'resource=https://management.azure.com/',
      status: 400,
      body: { error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds' },
    },
    { name: 'unknown api-version', query: 'api-version=2099-01-01&resource=x', status: 400, body: { error: expect.stringMatching(/^Bad request\. api-version is invalid/) } },
    { name: 'api-version older than the identity category', query: 'api-version=2017-12-01&resource=x', status: 400, body: { error: expect.stringMatching(/api-version is invalid/) } },
    { name: 'missing resource', query: 'api-version=2018-02-01', status: 400, body: { error: 'invalid_request', error_description: "Required query variable 'resource' is missing" } },
    { name: 'empty resource', query: 'api-version=2018-02-01&resource=', status: 400, body: { error: 'invalid_request', error_description: "Required query variable 'resource' is missing" } },
    { name: 'two selectors', query: `${ARM_RESOURCE}&client_id=a&object_id=b`, status: 400, body: { error: 'invalid_request' } },
    { name: 'msi_res_id and mi_res_id together', query: `${ARM_RESOURCE}&msi_res_id=a&mi_res_id=b`, status: 400, body: { error: 'invalid_request' } },
    { name: 'repeated parameter', query: `${ARM_RESOURCE}&resource=https://vault.azure.net`, status: 400, body: { error: 'invalid_request', error_description: expect.stringContaining("'resource'") } },
  ];
  test.each(cases)('$name → $status', async ({ query, headers, method, status, body }) => {
    const r = rig({ systemAssigned: true });
    const { res, json } = await imds(r, query, { ...(headers ? { headers } : {}), ...(method ? { method } : {}) });
    expect(res.status).toBe(status);
    expect(json).toMatchObject(body);
    expect(res.headers.get('server')).toMatch(/^IMDS\/150\.870\.65\.(\d+)$/);
  });

  test('the documented missing-api-version body lists the newest versions', async () => {
    const { json } = await imds(rig(), 'resource=x');
    expect(json['newest-versions']).toEqual(['2023-07-01', '2021-12-13', '2021-11-15']);
  });
});

describe('identity selection (imds.md §1.2)', () => {
  test('no identity on the VM → Identity not found, exactly 68 bytes', async () => {
    const { res, text } = await imds(rig(), ARM_RESOURCE);
    expect(res.status).toBe(400);
    expect(text).toBe('{"error":"invalid_request","error_description":"Identity not found"}');
    expect(res.headers.get('content-length')).toBe('68');
  });

  test('system-assigned is the default when on', async () => {
    const r = rig({ systemAssigned: true });
    const { json } = await imds(r, ARM_RESOURCE);
    const sp = Object.values(r.world.data.servicePrincipals).find((p) => p.identityType === 'SystemAssigned')!;
    expect(json.client_id).toBe(sp.appId);
    expect(decodeJwt(json.access_token).oid).toBe(sp.objectId);
  });

  function withUserAssigned(names: string[], system: boolean) {
    const r = rig({ systemAssigned: system });
    const ids = names.map((name) => {
      const made = createUserAssignedIdentity(r.world, { subscriptionId: r.subscriptionId, resourceGroup: QUICKSTART.resourceGroup, name, location: 'eastus' });
      if (!made.ok) throw new Error(made.error.message);
      const attached = attachUserAssigned(r.world, made.value.identity.id, r.linuxVmId);
      if (!attached.ok) throw new Error(attached.error.message);
      return made.value.identity;
    });
    return { r, ids };
  }

  test('the only user-assigned identity is the default when system-assigned is off', async () => {
    const { r, ids } = withUserAssigned(['one-id'], false);
    const { json } = await imds(r, ARM_RESOURCE);
    expect(json.client_id).toBe(ids[0]!.properties.clientId);
  });

  test('several user-assigned and no selector → Multiple user assigned identities exist…', async () => {
    const { r } = withUserAssigned(['one-id', 'two-id'], false);
    const { res, json } = await imds(r, ARM_RESOURCE);
    expect(res.status).toBe(400);
    expect(json).toEqual({
      error: 'invalid_request',
      error_description: 'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request',
    });
  });

  test.each(['client_id', 'object_id', 'msi_res_id', 'mi_res_id'])('selects by %s', async (param) => {
    const { r, ids } = withUserAssigned(['one-id', 'two-id'], true);
    const target = ids[1]!;
    const value = { client_id: target.properties.clientId, object_id: target.properties.principalId, msi_res_id: target.id, mi_res_id: target.id }[param]!;
    const { res, json } = await imds(r, `${ARM_RESOURCE}&${param}=${encodeURIComponent(value)}`);
    expect(res.status).toBe(200);
    expect(json.client_id).toBe(target.properties.clientId);
    expect(decodeJwt(json.access_token).xms_mirid).toMatch(/\/resourcegroups\/.*\/userAssignedIdentities\/two-id$/);
  });

  test('an identity attached to another VM is not found from this one', async () => {
    const { r, ids } = withUserAssigned(['one-id'], true);
    const { res, text } = await imds(r, `${ARM_RESOURCE}&client_id=${ids[0]!.properties.clientId}`, { from: r.windowsVm });
    expect(res.status).toBe(400);
    expect(text).toContain('Identity not found');
  });

  test('turning the identity off makes IMDS answer Identity not found again', async () => {
    const r = rig({ systemAssigned: true });
    expect((await imds(r, ARM_RESOURCE)).res.status).toBe(200);
    disableSystemAssigned(r.world, r.linuxVmId);
    expect((await imds(r, ARM_RESOURCE)).text).toContain('Identity not found');
  });

  test('identity problems are reported before an unknown resource', async () => {
    const { json } = await imds(rig(), 'api-version=2018-02-01&resource=https://nothing.example/');
    expect(json.error_description).toBe('Identity not found');
  });
});

describe('unknown resources (imds.md §1.4 invalid_resource)', () => {
  test('AADSTS500011 with trace lines and Entra fields', async () => {
    const r = rig({ systemAssigned: true });
    const { res, json } = await imds(r, 'api-version=2018-02-01&resource=https://nothing.example/');
    expect(res.status).toBe(400);
    expect(json.error).toBe('invalid_resource');
    expect(json.error_description).toMatch(
      new RegExp(`^AADSTS500011: The resource principal named https://nothing\\.example/ was not found in the tenant named ${r.world.tenantId}\\..*\\r\\nTrace ID: .+\\r\\nCorrelation ID: .+\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`, 's'),
    );
    expect(json.error_codes).toEqual([500011]);
    expect(typeof json.trace_id).toBe('string');
    expect(typeof json.correlation_id).toBe('string');
  });

  test.each([
    'https://management.azure.com/',
    'https://management.azure.com',
    'https://vault.azure.net',
    'https://vault.azure.net/',
    'https://storage.azure.com/',
    'https://storage.azure.com',
  ])('%s is known and echoed byte for byte', async (resource) => {
    const r = rig({ systemAssigned: true });
    const { res, json } = await imds(r, `api-version=2018-02-01&resource=${encodeURIComponent(resource)}`);
    expect(res.status).toBe(200);
    expect(json.resource).toBe(resource);
    expect(decodeJwt(json.access_token).aud).toBe(resource);
  });
});

describe('success wire form (imds.md §7 item 4)', () => {
  test('keys sorted, every value a string, no refresh_token, real headers', async () => {
    const r = rig({ systemAssigned: true });
    const { res, text, json } = await imds(r, ARM_RESOURCE);
    expect(res.status).toBe(200);
    expect(Object.keys(json)).toEqual(['access_token', 'client_id', 'expires_in', 'expires_on', 'ext_expires_in', 'not_before', 'resource', 'token_type']);
    for (const v of Object.values(json)) expect(typeof v).toBe('string');
    expect(json).toMatchObject({ expires_in: '86400', ext_expires_in: '86399', token_type: 'Bearer' });
    expect(Number(json.expires_on) - Number(json.not_before)).toBe(86700);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(res.headers.get('server')!.split('.').pop())).toBeLessThanOrEqual(1324);
    expect(res.headers.get('content-length')).toBe(String(new TextEncoder().encode(text).byteLength));
    const claims = decodeJwt(json.access_token);
    expect(claims).toMatchObject({ idtyp: 'app', appidacr: '2', ver: '1.0', appid: json.client_id });
    expect(claims.nbf).toBe(Number(json.not_before));
  });

  test('a cache hit serves the same token with expires_in counting down', async () => {
    const r = rig({ systemAssigned: true });
    const first = (await imds(r, ARM_RESOURCE)).json;
    advanceClock(r.world, 53_000);
    const second = (await imds(r, ARM_RESOURCE)).json;
    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_on).toBe(first.expires_on);
    expect(second.expires_in).toBe('86347');
  });

  test('bypass_cache=true mints a new token', async () => {
    const r = rig({ systemAssigned: true });
    const first = (await imds(r, ARM_RESOURCE)).json;
    advanceClock(r.world, 5_000);
    const second = (await imds(r, `${ARM_RESOURCE}&bypass_cache=true`)).json;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_in).toBe('86400');
  });

  test('the request log records caller, identity, token id and resource', async () => {
    const r = rig({ systemAssigned: true });
    const { json } = await imds(r, ARM_RESOURCE);
    const entry = r.router.log.entries().at(-1)!;
    expect(entry).toMatchObject({
      operation: 'imds.token',
      service: 'imds',
      caller: { kind: 'vm', vmId: vmIdOf(r.world, r.linuxVmId) },
      tokenId: decodeJwt(json.access_token).uti,
      imdsToken: { resource: 'https://management.azure.com/', fromCache: false },
      identity: { kind: 'SystemAssigned', clientId: json.client_id },
    });
    expect(entry.response?.status).toBe(200);
  });
});

describe('reachability and the probe', () => {
  test('IMDS from outside a VM times out (ETIMEDOUT) and is logged', async () => {
    const r = rig({ systemAssigned: true });
    await expect(r.router.fetch(new Request(`${IMDS}/metadata/identity/oauth2/token`), { from: { kind: 'portal' } })).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: 'connect ETIMEDOUT 169.254.169.254:80',
    });
    expect(r.router.log.entries().at(-1)!.networkError?.code).toBe('ETIMEDOUT');
  });

  test('https to IMDS is refused', async () => {
    const r = rig();
    await expect(r.router.fetch(new Request('https://169.254.169.254/metadata/instance'), { from: r.linuxVm })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  test("identity-js's probe (bare path, no header, no query) gets a quick 4xx JSON", async () => {
    const { res, json } = await imds(rig(), '', { headers: {} });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(json).toBeTypeOf('object');
  });

  test('POST /metadata/identity/credential is 404 (no MSI v2)', async () => {
    const { res } = await imds(rig(), 'cred-api-version=1.0', { method: 'POST', path: '/metadata/identity/credential', headers: {} });
    expect(res.status).toBe(404);
  });
});
