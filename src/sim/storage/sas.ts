/**
 * Service shared access signatures (SAS) for blobs: what ARM's `listServiceSas` signs with the
 * account key, and what the Blob service checks before it lets a SAS request in. Sources: "Create a
 * service SAS" (learn.microsoft.com/rest/api/storageservices/create-service-sas), the string-to-sign
 * of versions 2015-04-05 to 2018-03-28, and the storage tutorials, whose ARM answer is
 * `sv=2015-04-05&sr=c&spr=https&st=…&se=…&sp=rcw&sig=…`
 * (tutorial-linux-vm-access-storage-sas.md, tutorial-windows-vm-access-storage-sas.md).
 *
 * Only that string-to-sign is verified: a SAS signed with a newer `sv` (its string has more fields)
 * does not match here. Account keys are not stored in the world; they are derived from the account
 * (invented: real keys are random 512-bit values), so they survive snapshots.
 */
import type { StorageAccount } from '../world/schema';

/** The version ARM's listServiceSas signs with, as the tutorials' sample answers show. */
export const SAS_VERSION = '2015-04-05';
const VERIFIED_VERSIONS = new Set(['2015-04-05', '2015-07-08', '2016-05-31', '2017-04-17', '2017-07-29', '2017-11-09', '2018-03-28']);

export type SasResource = 'b' | 'c';

/** What the signature covers (the query parameters of the token). */
export interface SasFields {
  sv: string;
  sr: SasResource;
  sp: string;
  st: string;
  se: string;
  si: string;
  sip: string;
  spr: string;
  rscc: string;
  rscd: string;
  rsce: string;
  rscl: string;
  rsct: string;
}

const utf8 = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The account's key1 or key2 (derived; see the file comment), base64 like a real one. */
export async function accountKey(account: StorageAccount, keyName: 'key1' | 'key2' = 'key1'): Promise<string> {
  const seed = `mi-sandbox storage account key|${keyName}|${account.id.toLowerCase()}|${account.properties.creationTime}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-512', utf8.encode(seed)));
  return base64(digest);
}

/** `/blob/<account>/<container>[/<blob>]`, the resource a service SAS names (versions 2015-02-21 on). */
export function canonicalizedResource(account: string, container: string, blob?: string): string {
  return `/blob/${account}/${container}${blob ? `/${blob}` : ''}`;
}

/** The 2015-04-05 string-to-sign: thirteen fields, one per line, the resource fourth. */
export function stringToSign(f: SasFields, resource: string): string {
  return [f.sp, f.st, f.se, resource, f.si, f.sip, f.spr, f.sv, f.rscc, f.rscd, f.rsce, f.rscl, f.rsct].join('\n');
}

export async function signature(key: string, text: string): Promise<string> {
  const hmac = await crypto.subtle.importKey('raw', fromBase64(key) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, utf8.encode(text))));
}

/** The token's query string, in the order the tutorials' sample shows (sv, sr, spr, st, se, sp, sig). */
export function formatSas(f: SasFields, sig: string): string {
  const pairs: [string, string][] = [
    ['sv', f.sv],
    ['sr', f.sr],
    ['si', f.si],
    ['sip', f.sip],
    ['spr', f.spr],
    ['st', f.st],
    ['se', f.se],
    ['sp', f.sp],
    ['rscc', f.rscc],
    ['rscd', f.rscd],
    ['rsce', f.rsce],
    ['rscl', f.rscl],
    ['rsct', f.rsct],
    ['sig', sig],
  ];
  return pairs
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

/** A time as a SAS carries it: ISO 8601 in UTC, to the second (`2017-09-22T02:00:00Z`). */
export const sasTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A SAS time (ISO 8601, with or without seconds) as epoch ms, or null. */
export function parseSasTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z)?$/.test(text)) return null;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? ms : null;
}

/** Blob service permissions of a service SAS (racwd for a blob, racwdl for a container). */
export const SAS_PERMISSIONS = 'racwdl';

/** Storage's RFC 1123 times in SAS error details: `Fri, 22 Sep 2017 02:00:00 GMT`. */
const httpTime = (ms: number) => new Date(ms).toUTCString();

export type SasCheck =
  | { ok: true; fields: SasFields }
  | { ok: false; code: 'AuthenticationFailed'; detail: string }
  | { ok: false; code: 'AuthorizationProtocolMismatch' | 'AuthorizationResourceTypeMismatch' };

/**
 * Checks a SAS request's signature, time and protocol, in the service's order. `container` and
 * `blob` are the request's; `protocol` is `https` or `http`.
 */
export async function verifySas(
  query: URLSearchParams,
  account: StorageAccount,
  target: { container: string; blob: string; protocol: string; now: number },
): Promise<SasCheck> {
  const get = (k: string) => query.get(k) ?? '';
  for (const k of ['sv', 'sr', 'sp', 'se', 'sig']) {
    // Observed wording of the service's detail for a missing field (plausible; the docs list none).
    if (get(k) === '') return { ok: false, code: 'AuthenticationFailed', detail: `${k} is mandatory. Cannot be empty` };
  }
  const sr = get('sr');
  if (sr !== 'b' && sr !== 'c') return { ok: false, code: 'AuthorizationResourceTypeMismatch' };
  const fields: SasFields = {
    sv: get('sv'),
    sr,
    sp: get('sp'),
    st: get('st'),
    se: get('se'),
    si: get('si'),
    sip: get('sip'),
    spr: get('spr'),
    rscc: get('rscc'),
    rscd: get('rscd'),
    rsce: get('rsce'),
    rscl: get('rscl'),
    rsct: get('rsct'),
  };
  // A container SAS signs the container; a blob SAS the blob. Aimed at another resource, the
  // signature is computed over that one and cannot match.
  if (sr === 'b' && target.blob === '') return { ok: false, code: 'AuthorizationResourceTypeMismatch' };
  const resource = canonicalizedResource(account.name, target.container, sr === 'b' ? target.blob : undefined);
  const text = stringToSign(fields, resource);
  const keys = await Promise.all([accountKey(account, 'key1'), accountKey(account, 'key2')]);
  const expected = VERIFIED_VERSIONS.has(fields.sv) ? await Promise.all(keys.map((k) => signature(k, text))) : [];
  if (!expected.includes(get('sig'))) {
    // The detail Storage gives for a wrong signature, string-to-sign included (a public capture).
    return { ok: false, code: 'AuthenticationFailed', detail: `Signature did not match. String to sign used was ${text}` };
  }
  const start = fields.st ? parseSasTime(fields.st) : null;
  const expiry = parseSasTime(fields.se);
  if (expiry === null || (fields.st && start === null)) return { ok: false, code: 'AuthenticationFailed', detail: 'Signature fields not well formed.' };
  if (target.now > expiry || (start !== null && target.now < start)) {
    const from = start === null ? '' : httpTime(start);
    return {
      ok: false,
      code: 'AuthenticationFailed',
      detail: `Signature not valid in the specified time frame: Start [${from}] - Expiry [${httpTime(expiry)}] - Current [${httpTime(target.now)}]`,
    };
  }
  const protocols = fields.spr === '' ? ['https', 'http'] : fields.spr.split(',');
  if (!protocols.includes(target.protocol)) return { ok: false, code: 'AuthorizationProtocolMismatch' };
  return { ok: true, fields };
}

export interface ServiceSasRequest {
  canonicalizedResource: string;
  signedResource: string;
  signedPermission: string;
  signedExpiry: string;
  signedStart?: string;
  signedProtocol?: string;
  signedIp?: string;
  signedIdentifier?: string;
  keyToSign?: string;
}

/**
 * ARM's listServiceSas for a blob or container of this account: the token, or the name of the first
 * parameter it refuses (Storage's RP answers InvalidValuesForRequestParameters naming it).
 */
export async function createServiceSas(account: StorageAccount, input: ServiceSasRequest): Promise<{ ok: true; token: string } | { ok: false; parameter: string }> {
  const m = /^\/blob\/([^/]+)\/([^/]+)(?:\/(.+))?$/.exec(input.canonicalizedResource ?? '');
  if (!m || m[1]!.toLowerCase() !== account.name.toLowerCase()) return { ok: false, parameter: 'canonicalizedResource' };
  const sr = input.signedResource;
  if (sr !== 'b' && sr !== 'c') return { ok: false, parameter: 'signedResource' };
  if (sr === 'b' && !m[3]) return { ok: false, parameter: 'canonicalizedResource' };
  const sp = input.signedPermission ?? '';
  const allowed = sr === 'c' ? SAS_PERMISSIONS : SAS_PERMISSIONS.replace('l', '');
  if (sp === '' || [...sp].some((c) => !allowed.includes(c))) return { ok: false, parameter: 'signedPermission' };
  const expiry = parseSasTime(input.signedExpiry ?? '');
  if (expiry === null) return { ok: false, parameter: 'signedExpiry' };
  const start = input.signedStart ? parseSasTime(input.signedStart) : null;
  if (input.signedStart && start === null) return { ok: false, parameter: 'signedStart' };
  const spr = input.signedProtocol ?? '';
  if (spr !== '' && spr !== 'https' && spr !== 'https,http') return { ok: false, parameter: 'signedProtocol' };
  const keyName = input.keyToSign ?? 'key1';
  if (keyName !== 'key1' && keyName !== 'key2') return { ok: false, parameter: 'keyToSign' };
  const fields: SasFields = {
    sv: SAS_VERSION,
    sr,
    sp,
    st: start === null ? '' : sasTime(start),
    se: sasTime(expiry),
    si: input.signedIdentifier ?? '',
    sip: input.signedIp ?? '',
    spr,
    rscc: '',
    rscd: '',
    rsce: '',
    rscl: '',
    rsct: '',
  };
  const resource = canonicalizedResource(account.name, m[2]!, sr === 'b' ? m[3] : undefined);
  const sig = await signature(await accountKey(account, keyName), stringToSign(fields, resource));
  return { ok: true, token: formatSas(fields, sig) };
}
