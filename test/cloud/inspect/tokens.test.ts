/** The token inspector: claims in plain words, countdown in simulated time, and pasted text. */
import { describe, expect, it } from 'vitest';
import { advanceClock, listIssuedTokens } from '../../../src/sim/index';
import { classifyPastedToken, extractJwt } from '../../../src/cloud/inspect/pasted-token';
import { CLAIM_MEANINGS, countdownText, splitJwt, tokenStatus, tokenView } from '../../../src/cloud/inspect/token-view';
import { formatDuration, formatUtc } from '../../../src/cloud/inspect/time-format';
import { miToken } from '../harness';
import { scenario } from './scenarios';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const fakeJwt = (payload: object) => `${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url(payload)}.c2lnbmF0dXJl`;

describe('tokenView', () => {
  it('describes every claim of an IMDS token and gives human times', async () => {
    const s = scenario();
    const jwt = await miToken(s);
    const record = listIssuedTokens(s.world).find((r) => r.jwt === jwt)!;
    const view = tokenView(s.world, record);
    expect(view.subjectName).toBe("myLinuxVM's identity");
    expect(view.segments).toEqual(splitJwt(jwt));
    expect(`${view.segments.header}.${view.segments.payload}.${view.segments.signature}`).toBe(jwt);
    const byName = Object.fromEntries(view.claims.map((c) => [c.claim, c]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['aud', 'iss', 'oid', 'appid', 'tid', 'xms_mirid', 'idtyp', 'uti', 'iat', 'nbf', 'exp']));
    for (const c of view.claims) expect(c.meaning, c.claim).not.toBe('Not described here.');
    expect(byName.aud!.value).toBe('https://management.azure.com/');
    expect(byName.oid!.value).toBe(s.principalId);
    expect(byName.exp!.human).toBe(formatUtc(Number(byName.exp!.value) * 1000));
    expect(view.header.map((h) => h.claim)).toEqual(['typ', 'alg', 'x5t', 'kid']);
    expect(view.status).toBe('valid');
    expect(view.countdown).toBe('expires in 1 d'); // 86,400 s from now, nbf backdated 300 s
  });

  it('counts down in simulated time and expires when the clock passes exp', async () => {
    const s = scenario();
    const jwt = await miToken(s);
    const record = listIssuedTokens(s.world).find((r) => r.jwt === jwt)!;
    advanceClock(s.world, 60 * 60_000);
    expect(tokenView(s.world, record).countdown).toBe('expires in 23 h');
    advanceClock(s.world, 23 * 60 * 60_000 + 10 * 60_000);
    const later = tokenView(s.world, record);
    expect(later.status).toBe('expired');
    expect(later.countdown).toBe('expired 10 min ago');
  });

  it.each([
    [{ nbf: 100, exp: 200 }, 50_000, 'notYetValid', 'valid in 50 s'],
    [{ nbf: 100, exp: 200 }, 100_000, 'valid', 'expires in 1 min 40 s'],
    [{ nbf: 100, exp: 200 }, 200_000, 'expired', 'expired 0 s ago'],
  ] as const)('status of %j at %d ms', (claims, now, status, text) => {
    expect(tokenStatus(claims, now)).toBe(status);
    expect(countdownText(claims, now)).toBe(text);
  });

  it.each([
    [0, '0 s'],
    [-5, '0 s'],
    [999, '0 s'],
    [12_000, '12 s'],
    [250_000, '4 min 10 s'],
    [86_100_000, '23 h 55 min'],
    [93_600_000, '1 d 2 h'],
    [Number.NaN, '0 s'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('knows the claims imds.md §3.1 lists', () => {
    for (const c of ['aud', 'iss', 'iat', 'nbf', 'exp', 'appid', 'appidacr', 'idtyp', 'oid', 'sub', 'tid', 'xms_mirid', 'xms_az_rid', 'uti', 'ver']) expect(CLAIM_MEANINGS[c], c).toBeTruthy();
  });
});

describe('classifyPastedToken', () => {
  const sandboxTenant = '11111111-1111-4111-8111-111111111111';
  const microsoftTenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';

  it('decodes only tokens this sandbox issued (bare, with Bearer, or inside the IMDS JSON)', async () => {
    const s = scenario();
    const jwt = await miToken(s);
    const issued = listIssuedTokens(s.world);
    for (const text of [jwt, `  ${jwt}\n`, `Bearer ${jwt}`, JSON.stringify({ access_token: jwt, token_type: 'Bearer' })]) {
      const v = classifyPastedToken(text, { tenantId: s.world.tenantId, issued });
      expect(v.kind, text.slice(0, 20)).toBe('sandbox');
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['hello world', 'notAJwt'],
    ['a.b', 'notAJwt'],
    ['{"access_token": 5}', 'notAJwt'],
  ])('%j → %s', (text, kind) => {
    expect(classifyPastedToken(text, { tenantId: sandboxTenant, issued: [] }).kind).toBe(kind);
  });

  it.each([
    ['a v1 token from a real tenant', { iss: `https://sts.windows.net/${microsoftTenant}/`, aud: 'https://management.azure.com/' }, 2],
    ['a v2 token from a real tenant', { iss: `https://login.microsoftonline.com/${microsoftTenant}/v2.0` }, 2],
    ['a token naming the sandbox tenant that the sandbox never signed', { iss: `https://sts.windows.net/${sandboxTenant}/` }, 1],
    ['a token from another issuer', { iss: 'https://accounts.google.com' }, 1],
  ])('%s is a credential and is not decoded', (_name, payload, reasons) => {
    const v = classifyPastedToken(fakeJwt(payload), { tenantId: sandboxTenant, issued: [] });
    expect(v.kind).toBe('credential');
    if (v.kind !== 'credential') return;
    expect(v.reasons).toHaveLength(reasons);
    // The verdict carries reasons only, never claim values.
    expect(JSON.stringify(v)).not.toContain('management.azure.com');
    expect(JSON.stringify(v)).not.toContain(microsoftTenant);
  });

  it('extracts the token from common paste shapes', () => {
    expect(extractJwt('Bearer a.b.c')).toBe('a.b.c');
    expect(extractJwt('"a.b.c"')).toBe('a.b.c');
    expect(extractJwt('{"access_token":"a.b.c"}')).toBe('a.b.c');
    expect(extractJwt('{not json')).toBe('{not json');
  });
});
