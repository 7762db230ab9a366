/**
 * Service SAS end to end through the router, as the SAS tutorials do it: ARM's listServiceSas with
 * the VM's token (Storage Account Contributor), then the blob with the SAS and no token at all.
 */
import { describe, expect, it } from 'vitest';
import { advanceClock, DATA } from '../../src/sim/index';
import { miToken, type Rig } from './harness';
import { dataRig, grant, ROLE } from './data-rig';

const ACCOUNT = `https://${DATA.storageAccount}.blob.core.windows.net`;
const STORAGE_ACCOUNT_CONTRIBUTOR = '17d1049b-9a84-46fb-8f53-869881c3d3ab';

async function listServiceSas(r: Rig & { accountId: string }, body: Record<string, string>, token?: string) {
  const t = token ?? (await miToken(r));
  const res = await r.router.fetch(
    new Request(`https://management.azure.com${r.accountId}/listServiceSas/?api-version=2017-06-01`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}` },
      body: JSON.stringify(body),
    }),
    { from: r.linuxVm },
  );
  return { status: res.status, json: (await res.json()) as { serviceSasToken?: string; error?: { code: string; message: string } } };
}

async function withSas(r: Rig, method: string, path: string, sas: string, body?: string) {
  const res = await r.router.fetch(
    new Request(`${ACCOUNT}${path}?${sas}`, { method, ...(body !== undefined ? { body, headers: { 'x-ms-blob-type': 'BlockBlob' } } : {}) }),
    { from: r.linuxVm },
  );
  return { status: res.status, code: res.headers.get('x-ms-error-code'), text: await res.text(), version: res.headers.get('x-ms-version') };
}

const CONTAINER_SAS = { canonicalizedResource: `/blob/${DATA.storageAccount}/mycontainer`, signedResource: 'c', signedPermission: 'rcw', signedProtocol: 'https', signedExpiry: '2030-01-01T00:00:00Z' };

async function contributorRig() {
  const r = dataRig();
  grant(r, r.accountId.replace(/\/providers\/.*$/i, ''), STORAGE_ACCOUNT_CONTRIBUTOR);
  return r;
}

describe('listServiceSas', () => {
  it('signs a container SAS in the tutorial\'s shape: sv=2015-04-05, sr, spr, se, sp, sig', async () => {
    const r = await contributorRig();
    const { status, json } = await listServiceSas(r, CONTAINER_SAS);
    expect(status).toBe(200);
    expect(json.serviceSasToken).toMatch(/^sv=2015-04-05&sr=c&spr=https&se=2030-01-01T00%3A00%3A00Z&sp=rcw&sig=[A-Za-z0-9%]+$/);
  });

  it('needs a role with ListServiceSas: Reader gets 403 AuthorizationFailed', async () => {
    const r = dataRig();
    grant(r, r.accountId, ROLE.blobReader);
    const { status, json } = await listServiceSas(r, CONTAINER_SAS);
    expect(status).toBe(403);
    expect(json.error?.code).toBe('AuthorizationFailed');
    expect(json.error?.message).toContain("'Microsoft.Storage/storageAccounts/ListServiceSas/action'");
  });

  it.each([
    ['another account', { canonicalizedResource: '/blob/someoneelse/mycontainer' }, 'canonicalizedResource'],
    ['no resource type', { signedResource: '' }, 'signedResource'],
    ['a permission letter that is not one', { signedPermission: 'rx' }, 'signedPermission'],
    ['list on a blob SAS', { signedResource: 'b', canonicalizedResource: `/blob/${DATA.storageAccount}/mycontainer/hello.txt`, signedPermission: 'rl' }, 'signedPermission'],
    ['no expiry', { signedExpiry: '' }, 'signedExpiry'],
    ['an expiry that is not a time', { signedExpiry: 'tomorrow' }, 'signedExpiry'],
    ['a protocol other than https or https,http', { signedProtocol: 'http' }, 'signedProtocol'],
  ])('%s: 400 InvalidValuesForRequestParameters naming it', async (_, change, parameter) => {
    const r = await contributorRig();
    const { status, json } = await listServiceSas(r, { ...CONTAINER_SAS, ...change });
    expect(status).toBe(400);
    expect(json.error).toEqual({ code: 'InvalidValuesForRequestParameters', message: `Values for request parameters are invalid: ${parameter}.` });
  });
});

describe('the Blob service with a SAS', () => {
  async function sas(change: Record<string, string> = {}) {
    const r = await contributorRig();
    const { json } = await listServiceSas(r, { ...CONTAINER_SAS, ...change });
    return { r, sas: json.serviceSasToken! };
  }

  it('uploads and downloads with the SAS alone (no token, no x-ms-version: served at the signed version)', async () => {
    const { r, sas: token } = await sas();
    const put = await withSas(r, 'PUT', '/mycontainer/test.txt', token, 'This is a test file.\n');
    expect(put.status).toBe(201);
    const get = await withSas(r, 'GET', '/mycontainer/test.txt', token);
    expect(get).toMatchObject({ status: 200, text: 'This is a test file.\n', version: '2015-04-05' });
    // The log: no identity — whoever holds the signature may use it.
    const entry = r.router.log.entries().at(-1)!;
    expect(entry.identity).toBeNull();
  });

  it('a permission the SAS does not carry: 403 AuthorizationPermissionMismatch', async () => {
    const { r, sas: token } = await sas({ signedPermission: 'r' });
    expect(await withSas(r, 'PUT', '/mycontainer/new.txt', token, 'x')).toMatchObject({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect(await withSas(r, 'GET', '/mycontainer/hello.txt', token)).toMatchObject({ status: 200 });
  });

  it('a tampered SAS (sp=rcw edited to rcwd) or another container: 403 AuthenticationFailed, the string to sign in the detail', async () => {
    const { r, sas: token } = await sas();
    const tampered = await withSas(r, 'DELETE', '/mycontainer/hello.txt', token.replace('sp=rcw', 'sp=rcwd'));
    expect(tampered).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(tampered.text).toContain('<AuthenticationErrorDetail>Signature did not match. String to sign used was rcwd\n\n2030-01-01T00:00:00Z\n/blob/mysandboxstorage/mycontainer\n');
    const elsewhere = await withSas(r, 'GET', '/othercontainer/hello.txt', token);
    expect(elsewhere).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(elsewhere.text).toContain('/blob/mysandboxstorage/othercontainer');
  });

  it('after its expiry the SAS is refused, with the time frame in the detail', async () => {
    const { r, sas: token } = await sas({ signedExpiry: new Date(Date.UTC(2030, 0, 1)).toISOString() });
    advanceClock(r.world, Date.UTC(2030, 0, 2) - r.world.now());
    const late = await withSas(r, 'GET', '/mycontainer/hello.txt', token);
    expect(late).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(late.text).toMatch(/Signature not valid in the specified time frame: Start \[\] - Expiry \[Tue, 01 Jan 2030 00:00:00 GMT\] - Current \[Wed, 02 Jan 2030 00:00:00 GMT\]/);
  });

  it('a missing field, an account-level call, and a listing with a blob SAS are refused with their codes', async () => {
    const { r, sas: token } = await sas();
    const noSig = await withSas(r, 'GET', '/mycontainer/hello.txt', token.replace(/&sig=[^&]*/, ''));
    expect(noSig).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(noSig.text).toContain('sig is mandatory. Cannot be empty');
    // The account is not the container the SAS signs: its signature cannot match (checked first).
    expect(await withSas(r, 'GET', '/', `comp=list&${token}`)).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    const blobSas = await listServiceSas(r, { ...CONTAINER_SAS, signedResource: 'b', canonicalizedResource: `/blob/${DATA.storageAccount}/mycontainer/hello.txt`, signedPermission: 'r' });
    expect(await withSas(r, 'GET', '/mycontainer/hello.txt', blobSas.json.serviceSasToken!)).toMatchObject({ status: 200 });
    expect(await withSas(r, 'GET', '/mycontainer', `restype=container&comp=list&${blobSas.json.serviceSasToken!}`)).toMatchObject({ status: 403, code: 'AuthorizationResourceTypeMismatch' });
  });
});
