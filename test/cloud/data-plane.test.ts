/** Key Vault secrets and Storage blobs with managed-identity tokens (rbac-arm.md §5). */
import { describe, expect, test } from 'vitest';
import { DATA } from '../../src/sim/index';
import { miToken, rig, type Rig } from './harness';
import { dataRig, grant, ROLE } from './data-rig';

const vaultUrl = `https://${DATA.keyVault.toLowerCase()}.vault.azure.net`;

async function kv(r: Rig, method: string, path: string, token: string | null, body?: unknown) {
  const res = await r.router.fetch(
    new Request(`${vaultUrl}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
    { from: r.linuxVm },
  );
  const text = await res.text();
  return { res, text, json: text ? JSON.parse(text) : undefined };
}

describe('Key Vault', () => {
  test('no token → 401 AKV10000 with the Bearer challenge', async () => {
    const r = dataRig();
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, null);
    expect(res.status).toBe(401);
    expect(json).toEqual({ error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } });
    expect(res.headers.get('www-authenticate')).toBe(`Bearer authorization="https://login.windows.net/${r.world.tenantId}", resource="https://vault.azure.net"`);
  });

  test('an ARM token is the wrong audience (AKV10022)', async () => {
    const r = dataRig();
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, await miToken(r));
    expect(res.status).toBe(401);
    expect(json.error.message).toBe('AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/.');
  });

  test('without a Key Vault role → 403 ForbiddenByRbac in the real shape', async () => {
    const r = dataRig();
    const token = await miToken(r, 'https://vault.azure.net');
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, token);
    expect(res.status).toBe(403);
    expect(json.error.code).toBe('Forbidden');
    expect(json.error.innererror).toEqual({ code: 'ForbiddenByRbac' });
    expect(json.error.message).toBe(
      `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${r.clientId};oid=${r.principalId};iss=https://sts.windows.net/${r.world.tenantId}/\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '${`${r.vaultId}/secrets/${DATA.secret}`.toLowerCase()}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${DATA.keyVault};location=eastus\r\n`,
    );
  });

  test('Owner on the vault still cannot read secrets (Actions never grant data actions)', async () => {
    const r = dataRig();
    grant(r, r.vaultId, ROLE.owner);
    const { res } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, await miToken(r, 'https://vault.azure.net'));
    expect(res.status).toBe(403);
  });

  test('Key Vault Secrets User reads the secret (latest and by version); 404 for a missing one; cannot set', async () => {
    const r = dataRig();
    grant(r, r.vaultId, ROLE.secretsUser);
    const token = await miToken(r, 'https://vault.azure.net');
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, token);
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ value: DATA.secretValue, attributes: { enabled: true, recoveryLevel: 'Recoverable+Purgeable' } });
    expect(json.id).toMatch(new RegExp(`^${vaultUrl}/secrets/${DATA.secret}/[0-9a-f]{32}$`));
    const version = json.id.split('/').pop();
    expect((await kv(r, 'GET', `/secrets/${DATA.secret}/${version}?api-version=2016-10-01`, token)).json.value).toBe(DATA.secretValue);
    const missing = await kv(r, 'GET', '/secrets/nope?api-version=7.4', token);
    expect(missing.res.status).toBe(404);
    expect(missing.json.error.code).toBe('SecretNotFound');
    expect((await kv(r, 'PUT', '/secrets/new?api-version=7.4', token, { value: 'x' })).res.status).toBe(403);
  });

  test('Secrets Officer sets a new version', async () => {
    const r = dataRig();
    grant(r, r.vaultId, ROLE.secretsOfficer);
    const token = await miToken(r, 'https://vault.azure.net');
    const set = await kv(r, 'PUT', `/secrets/${DATA.secret}?api-version=7.4`, token, { value: 'rotated' });
    expect(set.res.status).toBe(200);
    expect((await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, token)).json.value).toBe('rotated');
    expect((await kv(r, 'PUT', `/secrets/${DATA.secret}?api-version=7.4`, token, { nope: 1 })).res.status).toBe(400);
  });

  test('an access-policy vault answers AccessDenied', async () => {
    const r = dataRig();
    r.world.data.keyVaults[r.vaultId.toLowerCase()]!.properties.enableRbacAuthorization = false;
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, await miToken(r, 'https://vault.azure.net'));
    expect(res.status).toBe(403);
    expect(json.error.innererror).toEqual({ code: 'AccessDenied' });
    expect(json.error.message).toMatch(/^The user, group or application 'appid=.*' does not have secrets get permission on key vault/);
  });

  test('api-version is required', async () => {
    const r = dataRig();
    grant(r, r.vaultId, ROLE.secretsUser);
    const { res, json } = await kv(r, 'GET', `/secrets/${DATA.secret}`, await miToken(r, 'https://vault.azure.net'));
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('BadParameter');
  });

  test('a vault that does not exist does not resolve', async () => {
    const r = dataRig();
    await expect(r.router.fetch(new Request('https://no-such-vault.vault.azure.net/secrets/x?api-version=7.4'), { from: r.linuxVm })).rejects.toMatchObject({
      code: 'ENOTFOUND',
      message: 'getaddrinfo ENOTFOUND no-such-vault.vault.azure.net',
    });
  });
});

const blobUrl = `https://${DATA.storageAccount}.blob.core.windows.net/${DATA.container}/${DATA.blob}`;

async function blob(r: Rig, method: string, headers: Record<string, string>, body?: string, url = blobUrl) {
  const res = await r.router.fetch(new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }), { from: r.linuxVm });
  return { res, text: await res.text() };
}

describe('Storage blobs', () => {
  test('Storage Blob Data Reader on the group reads the tutorial blob', async () => {
    const r = dataRig();
    grant(r, r.resourceGroupId, ROLE.blobReader);
    const token = await miToken(r, 'https://storage.azure.com/');
    const { res, text } = await blob(r, 'GET', { Authorization: `Bearer ${token}`, 'x-ms-version': '2017-11-09' });
    expect(res.status).toBe(200);
    expect(text).toBe('Hello world! :)');
    expect(res.headers.get('x-ms-blob-type')).toBe('BlockBlob');
    expect(res.headers.get('x-ms-version')).toBe('2017-11-09');
  });

  test('no role → 403 AuthorizationPermissionMismatch XML with the status line text', async () => {
    const r = dataRig();
    const token = await miToken(r, 'https://storage.azure.com/');
    const { res, text } = await blob(r, 'GET', { Authorization: `Bearer ${token}`, 'x-ms-version': '2021-10-04' });
    expect(res.status).toBe(403);
    expect(res.statusText).toBe('This request is not authorized to perform this operation using this permission.');
    expect(res.headers.get('x-ms-error-code')).toBe('AuthorizationPermissionMismatch');
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(text).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><Error><Code>AuthorizationPermissionMismatch<\/Code><Message>This request is not authorized to perform this operation using this permission\.\nRequestId:[0-9a-f-]{36}\nTime:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z<\/Message><\/Error>$/,
    );
  });

  test('Bearer without x-ms-version is refused as real Storage does', async () => {
    const r = dataRig();
    grant(r, r.resourceGroupId, ROLE.blobReader);
    const { res, text } = await blob(r, 'GET', { Authorization: `Bearer ${await miToken(r, 'https://storage.azure.com/')}` });
    expect(res.status).toBe(403);
    expect(text).toContain('<Code>AuthenticationFailed</Code>');
    expect(text).toContain('<AuthenticationErrorDetail>Authentication scheme Bearer is not supported in this version.</AuthenticationErrorDetail>');
  });

  test('no Authorization → 401 NoAuthenticationInformation', async () => {
    const r = dataRig();
    const { res } = await blob(r, 'GET', { 'x-ms-version': '2017-11-09' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-ms-error-code')).toBe('NoAuthenticationInformation');
  });

  test('a vault token is the wrong audience for Storage', async () => {
    const r = dataRig();
    const { res, text } = await blob(r, 'GET', { Authorization: `Bearer ${await miToken(r, 'https://vault.azure.net')}`, 'x-ms-version': '2017-11-09' });
    expect(res.status).toBe(401);
    expect(text).toContain('Audience validation failed. Audience did not match.');
  });

  test('PUT a block blob with Contributor, then read and list it; missing blob is 404', async () => {
    const r = dataRig();
    grant(r, r.accountId, ROLE.blobContributor);
    const auth = { Authorization: `Bearer ${await miToken(r, 'https://storage.azure.com/')}`, 'x-ms-version': '2021-10-04' };
    const url = `https://${DATA.storageAccount}.blob.core.windows.net/${DATA.container}/notes/today.txt`;
    expect((await blob(r, 'PUT', auth, 'hi', url)).res.status).toBe(400); // no x-ms-blob-type
    const put = await blob(r, 'PUT', { ...auth, 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'text/plain' }, 'hi', url);
    expect(put.res.status).toBe(201);
    expect((await blob(r, 'GET', auth, undefined, url)).text).toBe('hi');
    const listed = await blob(r, 'GET', auth, undefined, `https://${DATA.storageAccount}.blob.core.windows.net/${DATA.container}?restype=container&comp=list`);
    expect(listed.text).toContain('<Name>notes/today.txt</Name>');
    const missing = await blob(r, 'GET', auth, undefined, `https://${DATA.storageAccount}.blob.core.windows.net/${DATA.container}/nope`);
    expect(missing.res.status).toBe(404);
    expect(missing.res.headers.get('x-ms-error-code')).toBe('BlobNotFound');
  });

  test('an unknown account does not resolve', async () => {
    const r = rig(); // the quickstart has no storage account
    await expect(r.router.fetch(new Request(blobUrl), { from: r.linuxVm })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
