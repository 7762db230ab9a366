import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { signingKeyForTests } from './signing-key';
import { createGroup, enableSystemAssigned, prepareTokenService, issueUserToken, quickstartWorld, requestImdsToken, userAssignedWorld, getIssuedToken, listIssuedTokens, toSeconds } from '../../../src/sim/index';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function systemToken(resource = 'https://management.azure.com/') {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error();
  const t = await requestImdsToken(q.world, { vm: q.linuxVmId, resource });
  if (!t.ok) throw new Error(t.error.message);
  return { ...q, token: t.value, principalId: on.value.identity!.principalId! };
}

describe('managed identity access token (imds.md §3.1)', () => {
  it('header is {typ, alg, x5t, kid} with x5t = kid, a 27-char SHA-1 thumbprint', async () => {
    const { token } = await systemToken();
    const header = decodeProtectedHeader(token.record.jwt);
    expect(Object.keys(header)).toEqual(['typ', 'alg', 'x5t', 'kid']);
    expect(header.typ).toBe('JWT');
    expect(header.alg).toBe('RS256');
    expect(header.x5t).toBe(header.kid);
    expect(header.kid).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('carries exactly the v1 claims, each with the right value and type', async () => {
    const { world, token, principalId, linuxVmId } = await systemToken();
    const claims = decodeJwt(token.record.jwt);
    const sp = world.data.servicePrincipals[principalId]!;
    const now = toSeconds(world.now());
    const tid = world.tenantId;
    expect(Object.keys(claims)).toEqual([
      'aud', 'iss', 'iat', 'nbf', 'exp', 'aio', 'appid', 'appidacr', 'idp', 'idtyp', 'oid', 'rh', 'sub', 'tid', 'uti', 'ver', 'xms_mirid', 'xms_tcdt',
    ]);
    expect(claims).toEqual({
      aud: 'https://management.azure.com/',
      iss: `https://sts.windows.net/${tid}/`,
      iat: now - 300,
      nbf: now - 300,
      exp: now + 86_400,
      aio: expect.stringMatching(/^[A-Za-z0-9+/]{30,}=*$/),
      appid: sp.appId,
      appidacr: '2',
      idp: `https://sts.windows.net/${tid}/`,
      idtyp: 'app',
      oid: principalId,
      rh: expect.stringMatching(/^0\.A[A-Za-z0-9_-]+AA\.$/),
      sub: principalId,
      tid,
      uti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      ver: '1.0',
      xms_mirid: linuxVmId.replace('/resourceGroups/', '/resourcegroups/'),
      xms_tcdt: expect.stringMatching(/^\d+$/),
    });
    for (const k of ['iat', 'nbf', 'exp'] as const) expect(Number.isInteger(claims[k])).toBe(true);
    for (const k of ['appid', 'oid', 'sub', 'tid']) expect(claims[k]).toMatch(GUID);
    expect((claims.exp as number) - (claims.nbf as number)).toBe(86_700);
  });

  it('aud is the resource exactly as requested (with or without the trailing slash)', async () => {
    for (const resource of [
      'https://management.azure.com',
      'https://management.azure.com/',
      'https://vault.azure.net',
      'https://storage.azure.com/',
      'https://mysandboxstorage.blob.core.windows.net',
      '797f4846-ba00-4fd7-ba43-dac1f8f63013',
    ]) {
      const { token } = await systemToken(resource);
      expect(decodeJwt(token.record.jwt).aud).toBe(resource);
    }
  });

  it('user-assigned: xms_mirid is the identity, xms_az_rid the VM that asked, appid its clientId', async () => {
    const u = userAssignedWorld();
    const ua = u.world.data.userAssignedIdentities[u.identityId.toLowerCase()]!;
    const t = await requestImdsToken(u.world, { vm: u.windowsVmId, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error(t.error.message);
    const claims = decodeJwt(t.value.record.jwt);
    expect(claims.xms_mirid).toBe(u.identityId.replace('/resourceGroups/', '/resourcegroups/'));
    expect(claims.xms_az_rid).toBe(u.windowsVmId.replace('/resourceGroups/', '/resourcegroups/'));
    expect(claims.appid).toBe(ua.properties.clientId);
    expect(claims.oid).toBe(ua.properties.principalId);
    expect(t.value.clientId).toBe(ua.properties.clientId);
  });

  it('the signature verifies with the world key: jose accepts it at the simulated time', async () => {
    const { world, token } = await systemToken();
    // Export the public key the way a JWKS endpoint would publish it.
    const jwk = await signingKeyForTests(world);
    const key = await importJWK(jwk, 'RS256');
    const verified = await jwtVerify(token.record.jwt, key, { currentDate: new Date(world.now()), issuer: `https://sts.windows.net/${world.tenantId}/` });
    expect(verified.payload.oid).toBe(decodeJwt(token.record.jwt).oid);
  });

  it('IMDS response fields: expires_in 86400 fresh, expires_on = exp, not_before = nbf, ext_expires_in 86399', async () => {
    const { token } = await systemToken();
    const claims = decodeJwt(token.record.jwt);
    expect(token.expiresIn).toBe(86_400);
    expect(token.expiresOn).toBe(claims.exp);
    expect(token.notBefore).toBe(claims.nbf);
    expect(token.extExpiresIn).toBe(86_399);
    expect(token.fromCache).toBe(false);
  });

  it('an unknown resource is Entra AADSTS500011, an empty one the missing-resource error', async () => {
    const q = quickstartWorld();
    enableSystemAssigned(q.world, q.linuxVmId);
    const unknown = await requestImdsToken(q.world, { vm: q.linuxVmId, resource: 'https://example.com/' });
    expect(unknown.ok === false && unknown.error.code).toBe('invalid_resource');
    expect(unknown.ok === false && unknown.error.message).toMatch(/^AADSTS500011: The resource principal named https:\/\/example\.com\/ was not found in the tenant named /);
    const empty = await requestImdsToken(q.world, { vm: q.linuxVmId, resource: '' });
    expect(empty).toEqual({ ok: false, error: { code: 'invalid_request', message: "Required query variable 'resource' is missing" } });
  });

  it('records every token by uti and announces it on the feed', async () => {
    const { world, token } = await systemToken();
    expect(getIssuedToken(world, token.record.uti)).toBe(token.record);
    expect(listIssuedTokens(world)).toHaveLength(1);
    expect(world.events().at(-1)).toMatchObject({ type: 'token.issued', uti: token.record.uti, kind: 'managedIdentity', fromCache: false });
  });

  it('group claims: present with the closure at issue time when the identity is in groups', async () => {
    const q = quickstartWorld();
    const on = enableSystemAssigned(q.world, q.linuxVmId);
    if (!on.ok) throw new Error();
    const inner = createGroup(q.world, { displayName: 'inner', members: [on.value.identity!.principalId!] });
    if (!inner.ok) throw new Error();
    const outer = createGroup(q.world, { displayName: 'outer', members: [inner.value.objectId] });
    if (!outer.ok) throw new Error();
    const t = await requestImdsToken(q.world, { vm: q.linuxVmId, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error();
    expect(decodeJwt(t.value.record.jwt).groups).toEqual([inner.value.objectId, outer.value.objectId].sort());
  });
});

describe('user token (portal / _sandbox/token)', () => {
  it('has the v1 user claims with idtyp user, upn and the portal appid', async () => {
    const q = quickstartWorld();
    const t = await issueUserToken(q.world, { user: q.adminUpn, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error(t.error.message);
    const c = decodeJwt(t.value.record.jwt);
    const now = toSeconds(q.world.now());
    expect(c).toMatchObject({
      aud: 'https://management.azure.com/',
      iss: `https://sts.windows.net/${q.world.tenantId}/`,
      iat: now - 300,
      exp: now + 3600,
      appid: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      appidacr: '0',
      idtyp: 'user',
      oid: q.adminObjectId,
      upn: q.adminUpn,
      unique_name: q.adminUpn,
      scp: 'user_impersonation',
      ver: '1.0',
      amr: ['pwd'],
    });
    expect(c.sub).not.toBe(q.adminObjectId);
    expect(t.value.expiresIn).toBe(3600);
  });

  it('an unknown user is a named error', async () => {
    const q = quickstartWorld();
    const t = await issueUserToken(q.world, { user: 'nobody@contoso.onmicrosoft.com', resource: 'https://management.azure.com/' });
    expect(t).toEqual({ ok: false, error: { code: 'UserNotFound', message: "No user 'nobody@contoso.onmicrosoft.com' exists in the directory." } });
  });
});


describe('prepareTokenService', () => {
  it('generates the key once; tokens minted afterwards use it', async () => {
    const q = quickstartWorld();
    await prepareTokenService(q.world);
    const jwkBefore = await signingKeyForTests(q.world);
    enableSystemAssigned(q.world, q.linuxVmId);
    const t = await requestImdsToken(q.world, { vm: q.linuxVmId, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error();
    const key = await importJWK(jwkBefore, 'RS256');
    await expect(jwtVerify(t.value.record.jwt, key, { currentDate: new Date(q.world.now()) })).resolves.toBeDefined();
  });
});
