/**
 * Any method, URL, headers and body: the router answers with a well-formed HTTP response, or
 * rejects only with a network error code — never an exception, and never a handler crash (500).
 */
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { dataWorld, DATA, enableSystemAssigned } from '../../src/sim/index';
import { adminToken, miToken, rig, type Rig } from './harness';

let r: Rig;
let tokens: string[];

beforeAll(async () => {
  const d = dataWorld();
  enableSystemAssigned(d.world, d.linuxVmId);
  r = rig({ world: d });
  tokens = [await adminToken(r), await miToken(r), await miToken(r, 'https://vault.azure.net'), await miToken(r, 'https://storage.azure.com/'), 'not-a-token'];
});

afterEach(() => vi.restoreAllMocks());

const NETWORK_CODES = new Set(['ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED']);

const segment = () =>
  fc.oneof(
    fc.constantFrom(
      'subscriptions', 'resourceGroups', 'resourcegroups', 'myResourceGroup', 'providers', 'Microsoft.Compute', 'virtualMachines', 'myLinuxVM',
      'Microsoft.Authorization', 'roleAssignments', 'roleDefinitions', 'denyAssignments', 'Microsoft.ManagedIdentity', 'userAssignedIdentities',
      'identities', 'default', 'Microsoft.Storage', 'storageAccounts', 'blobServices', 'containers', 'Microsoft.KeyVault', 'vaults',
      'metadata', 'identity', 'oauth2', 'token', 'instance', 'compute', 'versions', 'info', 'credential', 'secrets', DATA.secret,
      DATA.container, DATA.blob, '%2F', '..', '%00', '__proto__', 'constructor', '0', 'deletedsecrets', 'recover',
      // Malformed escapes (issue 16: these were 500s with a stack trace on all four services).
      '%zz', '%', '%E0%A4%A', '%C3', '%%41',
      'acdd72a7-3385-48ef-bd42-f606fba81ae7', '0b7c6d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
    ),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );

const host = () =>
  fc.constantFrom(
    'http://169.254.169.254',
    'https://management.azure.com',
    `https://${DATA.keyVault.toLowerCase()}.vault.azure.net`,
    `https://${DATA.storageAccount}.blob.core.windows.net`,
    'https://example.com',
    'https://169.254.169.254',
  );

const request = () =>
  fc.record({
    method: fc.constantFrom('GET', 'PUT', 'PATCH', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PURGE'),
    host: host(),
    segments: fc.array(segment(), { maxLength: 10 }),
    query: fc.array(
      fc.tuple(fc.constantFrom('api-version', 'resource', 'client_id', 'msi_res_id', 'format', '$filter', 'restype', 'comp', 'x', 'blockid', 'maxresults', 'marker', 'prefix', 'delimiter', 'include', 'blocklisttype'), fc.oneof(fc.constantFrom('2018-02-01', '2021-04-01', '2022-04-01', '7.4', '2025-07-01', 'https://management.azure.com/', 'text', 'atScope()', 'container', 'list', 'block', 'blocklist', 'metadata', 'properties', 'QUFB', '0', '5001', '2!Zm9v', '/', 'all'), fc.string({ maxLength: 10 }))),
      { maxLength: 4 },
    ),
    token: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
    headers: fc.dictionary(
      fc.constantFrom('metadata', 'x-ms-version', 'x-ms-blob-type', 'content-type', 'x-forwarded-for', 'x-ms-correlation-request-id', 'x-custom', 'range', 'x-ms-range', 'if-match', 'if-none-match', 'if-modified-since', 'x-ms-meta-a', 'x-ms-meta-1'),
      fc.constantFrom('true', 'True', '2021-10-04', '2015-02-21', 'BlockBlob', 'application/json', '', 'x y', 'bytes=0-1', 'bytes=5-', 'bytes=9-2', 'bytes=-3', '*', '"0x8ABC"', 'Tue, 01 Jan 2030 00:00:00 GMT'),
    ),
    body: fc.oneof(fc.constant(undefined), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 50 })),
    caller: fc.constantFrom<'linux' | 'windows' | 'sdk' | 'portal'>('linux', 'windows', 'sdk', 'portal'),
  });

test('any request → a well-formed response or a network error, never a crash', async () => {
  const crashes = vi.spyOn(console, 'error').mockImplementation(() => {});
  await fc.assert(
    fc.asyncProperty(request(), async (input) => {
      const query = input.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const url = `${input.host}/${input.segments.join('/')}${query ? `?${query}` : ''}`;
      const headers = new Headers(input.headers);
      if (input.token !== undefined) headers.set('authorization', `Bearer ${tokens[input.token]}`);
      const hasBody = input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD';
      const req = new Request(url, { method: input.method, headers, ...(hasBody ? { body: input.body } : {}) });
      const from = input.caller === 'linux' ? r.linuxVm : input.caller === 'windows' ? r.windowsVm : input.caller === 'sdk' ? r.sdk : ({ kind: 'portal' } as const);
      try {
        const res = await r.router.fetch(req, { from });
        expect(res).toBeInstanceOf(Response);
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(600);
        // Malformed input is the client's fault: never a 5xx.
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        const type = res.headers.get('content-type') ?? '';
        if (type.startsWith('application/json') && text !== '') expect(() => JSON.parse(text)).not.toThrow();
      } catch (e) {
        expect(NETWORK_CODES.has((e as { code?: string }).code ?? '')).toBe(true);
      }
    }),
    { numRuns: 600 },
  );
  expect(crashes).not.toHaveBeenCalled();
}, 120_000);
