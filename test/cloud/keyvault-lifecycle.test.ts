/** Key Vault secrets as current SDKs use them (issue 16): every service version, versions list, soft delete, recover, purge, paging. */
import { describe, expect, test } from 'vitest';
import { DATA } from '../../src/sim/index';
import { miToken, type Rig } from './harness';
import { dataRig, grant, ROLE } from './data-rig';

const VAULT = `https://${DATA.keyVault.toLowerCase()}.vault.azure.net`;

async function officer() {
  const r = dataRig();
  grant(r, r.vaultId, ROLE.secretsOfficer);
  return { r, token: await miToken(r, 'https://vault.azure.net') };
}

async function kv(r: Rig, token: string, method: string, path: string, body?: unknown, publicBase?: string) {
  const res = await r.router.fetch(
    new Request(`${VAULT}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
    { from: r.linuxVm, ...(publicBase ? { publicBase } : {}) },
  );
  const text = await res.text();
  return { res, json: text ? JSON.parse(text) : undefined };
}

describe('service versions', () => {
  test.each(['2025-07-01', '7.6', '7.5', '7.4', '7.3', '7.2', '7.1', '7.0', '2016-10-01'])('%s is accepted', async (v) => {
    const { r, token } = await officer();
    const { res, json } = await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=${v}`);
    expect(res.status).toBe(200);
    expect(json.value).toBe(DATA.secretValue);
    // recoverableDays arrived with 7.1.
    expect('recoverableDays' in json.attributes).toBe(!['7.0', '2016-10-01'].includes(v));
  });

  test('an unknown version is 400 BadParameter naming the latest', async () => {
    const { r, token } = await officer();
    const { res, json } = await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.9`);
    expect(res.status).toBe(400);
    expect(json.error).toEqual({ code: 'BadParameter', message: 'The specified version (7.9) is not recognized. Consider using the latest supported version (2025-07-01).' });
  });
});

describe('ids name the host the client called', () => {
  test('the vault host by default, the emulator prefix when the router is told one', async () => {
    const { r, token } = await officer();
    expect((await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.4`)).json.id).toMatch(new RegExp(`^${VAULT}/secrets/${DATA.secret}/[0-9a-f]{32}$`));
    const viaPort = await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.4`, undefined, 'http://127.0.0.1:7172/mySandboxVault');
    expect(viaPort.json.id).toMatch(/^http:\/\/127\.0\.0\.1:7172\/mySandboxVault\/secrets\/mySecret\/[0-9a-f]{32}$/);
  });
});

describe('versions and attributes', () => {
  test('set with attributes and tags, list versions, get an older version', async () => {
    const { r, token } = await officer();
    const first = (await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.4`)).json;
    const set = await kv(r, token, 'PUT', `/secrets/${DATA.secret}?api-version=7.4`, { value: 'v2', contentType: 'text/plain', attributes: { enabled: true, exp: 2_000_000_000 }, tags: { env: 'test' } });
    expect(set.res.status).toBe(200);
    expect(set.json).toMatchObject({ value: 'v2', contentType: 'text/plain', tags: { env: 'test' }, attributes: { exp: 2_000_000_000, enabled: true } });
    const versions = await kv(r, token, 'GET', `/secrets/${DATA.secret}/versions?api-version=7.4`);
    expect(versions.json.value.map((v: { id: string }) => v.id)).toEqual([first.id, set.json.id]);
    expect(versions.json.value[0]).not.toHaveProperty('value');
    expect((await kv(r, token, 'GET', `/secrets/${DATA.secret}/${first.id.split('/').at(-1)}?api-version=7.4`)).json.value).toBe(DATA.secretValue);
  });

  test('lists page at maxresults with a nextLink the client can follow', async () => {
    const { r, token } = await officer();
    for (const n of ['a', 'b', 'c']) await kv(r, token, 'PUT', `/secrets/${n}?api-version=7.4`, { value: n });
    const first = await kv(r, token, 'GET', '/secrets?api-version=7.4&maxresults=3');
    expect(first.json.value).toHaveLength(3);
    const next = new URL(first.json.nextLink);
    const rest = await kv(r, token, 'GET', `${next.pathname}${next.search}`);
    expect(rest.json.value).toHaveLength(1);
    expect(rest.json.nextLink).toBeNull();
    expect((await kv(r, token, 'GET', '/secrets?api-version=7.4&maxresults=26')).res.status).toBe(400);
  });
});

describe('soft delete (sandbox vaults: 90 days, purge protection off)', () => {
  test('delete → deleted bundle; the name is reserved (409) until recovered; purge removes it for good', async () => {
    const { r, token } = await officer();
    const del = await kv(r, token, 'DELETE', `/secrets/${DATA.secret}?api-version=7.4`);
    expect(del.res.status).toBe(200);
    expect(del.json).toMatchObject({ recoveryId: `${VAULT}/deletedsecrets/${DATA.secret}`, attributes: { recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 } });
    expect(del.json.scheduledPurgeDate - del.json.deletedDate).toBe(90 * 86400);
    expect(del.json).not.toHaveProperty('value');
    expect((await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.4`)).json.error.code).toBe('SecretNotFound');
    const again = await kv(r, token, 'PUT', `/secrets/${DATA.secret}?api-version=7.4`, { value: 'x' });
    expect(again.res.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'Conflict', innererror: { code: 'ObjectIsDeletedButRecoverable' } });
    expect((await kv(r, token, 'GET', `/deletedsecrets/${DATA.secret}?api-version=7.4`)).json.recoveryId).toBe(del.json.recoveryId);
    expect((await kv(r, token, 'GET', '/deletedsecrets?api-version=7.4')).json.value).toHaveLength(1);
    const recovered = await kv(r, token, 'POST', `/deletedsecrets/${DATA.secret}/recover?api-version=7.4`);
    expect(recovered.res.status).toBe(200);
    expect((await kv(r, token, 'GET', `/secrets/${DATA.secret}?api-version=7.4`)).json.value).toBe(DATA.secretValue);
    await kv(r, token, 'DELETE', `/secrets/${DATA.secret}?api-version=7.4`);
    expect((await kv(r, token, 'DELETE', `/deletedsecrets/${DATA.secret}?api-version=7.4`)).res.status).toBe(204);
    expect((await kv(r, token, 'GET', `/deletedsecrets/${DATA.secret}?api-version=7.4`)).json.error).toEqual({ code: 'SecretNotFound', message: 'Deleted Secret not found' });
    expect((await kv(r, token, 'PUT', `/secrets/${DATA.secret}?api-version=7.4`, { value: 'fresh' })).res.status).toBe(200);
  });

  test('Key Vault Secrets User may read but not delete (403 ForbiddenByRbac naming secrets/delete)', async () => {
    const r = dataRig();
    grant(r, r.vaultId, ROLE.secretsUser);
    const token = await miToken(r, 'https://vault.azure.net');
    const { res, json } = await kv(r, token, 'DELETE', `/secrets/${DATA.secret}?api-version=7.4`);
    expect(res.status).toBe(403);
    expect(json.error.innererror.code).toBe('ForbiddenByRbac');
    expect(json.error.message).toContain("Action: 'Microsoft.KeyVault/vaults/secrets/delete'");
  });
});
