/**
 * The Blob service operations SDKs use (issue 16), through the router: ranges, properties and
 * metadata, conditional headers, blocks, listings with paging, containers, size limits, bytes.
 */
import { describe, expect, test } from 'vitest';
import { DATA } from '../../src/sim/index';
import { miToken, type Rig } from './harness';
import { dataRig, grant, ROLE } from './data-rig';

const ACCOUNT = `https://${DATA.storageAccount}.blob.core.windows.net`;
const V = '2021-10-04';

async function contributor() {
  const r = dataRig();
  grant(r, r.accountId, ROLE.blobContributor);
  return { r, token: await miToken(r, 'https://storage.azure.com/') };
}

async function blob(r: Rig, token: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: BodyInit; version?: string } = {}) {
  const res = await r.router.fetch(
    new Request(`${ACCOUNT}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'x-ms-version': opts.version ?? V, ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { body: opts.body } : {}),
    }),
    { from: r.linuxVm },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder().decode(bytes) };
}

const code = (text: string) => /<Code>([^<]+)<\/Code>/.exec(text)?.[1];

describe('Get Blob ranges', () => {
  test.each([
    [{ 'x-ms-range': 'bytes=0-4' }, 206, 'Hello', 'bytes 0-4/15'],
    [{ Range: 'bytes=6-' }, 206, 'world! :)', 'bytes 6-14/15'],
    [{ Range: 'bytes=10-999' }, 206, 'd! :)', 'bytes 10-14/15'],
    [{ 'x-ms-range': 'bytes=0-1', Range: 'bytes=5-9' }, 206, 'He', 'bytes 0-1/15'],
    [{ Range: 'bytes=-5' }, 200, 'Hello world! :)', null],
    [{ Range: 'items=0-1' }, 200, 'Hello world! :)', null],
  ])('%j → %i', async (headers, status, body, contentRange) => {
    const { r, token } = await contributor();
    const { res, text } = await blob(r, token, 'GET', `/${DATA.container}/${DATA.blob}`, { headers });
    expect(res.status).toBe(status);
    expect(text).toBe(body);
    expect(res.headers.get('content-range')).toBe(contentRange);
    expect(res.headers.get('content-length')).toBe(String(new TextEncoder().encode(body).byteLength));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  test('a range past the end is 416 InvalidRange with Content-Range bytes */size; a malformed x-ms-range is 400', async () => {
    const { r, token } = await contributor();
    const past = await blob(r, token, 'GET', `/${DATA.container}/${DATA.blob}`, { headers: { Range: 'bytes=15-20' } });
    expect(past.res.status).toBe(416);
    expect(code(past.text)).toBe('InvalidRange');
    expect(past.res.headers.get('content-range')).toBe('bytes */15');
    expect(past.res.headers.get('x-ms-error-code')).toBe('InvalidRange');
    const bad = await blob(r, token, 'GET', `/${DATA.container}/${DATA.blob}`, { headers: { 'x-ms-range': 'bytes=9-2' } });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('<HeaderName>x-ms-range</HeaderName>');
  });
});

describe('blob properties, metadata and conditions', () => {
  test('HEAD gives the properties; metadata set and read; ETag and Last-Modified move', async () => {
    const { r, token } = await contributor();
    const path = `/${DATA.container}/${DATA.blob}`;
    const head = await blob(r, token, 'HEAD', path);
    expect(head.res.status).toBe(200);
    expect(head.res.headers.get('content-length')).toBe('15');
    expect(head.res.headers.get('content-type')).toBe('text/plain');
    expect(head.res.headers.get('x-ms-blob-type')).toBe('BlockBlob');
    const etag = head.res.headers.get('etag')!;
    expect(etag).toMatch(/^"0x8[0-9A-F]{14}"$/);
    const set = await blob(r, token, 'PUT', `${path}?comp=metadata`, { headers: { 'x-ms-meta-Owner': 'me', 'x-ms-meta-stage': 'test' } });
    expect(set.res.status).toBe(200);
    expect(set.res.headers.get('etag')).not.toBe(etag);
    const meta = await blob(r, token, 'GET', `${path}?comp=metadata`);
    expect(meta.res.headers.get('x-ms-meta-owner')).toBe('me');
    expect(meta.res.headers.get('x-ms-meta-stage')).toBe('test');
    const invalid = await blob(r, token, 'PUT', `${path}?comp=metadata`, { headers: { 'x-ms-meta-1bad': 'x' } });
    expect(code(invalid.text)).toBe('InvalidMetadata');
  });

  test('If-Match / If-None-Match: 412 ConditionNotMet, 304, and 409 BlobAlreadyExists for If-None-Match: *', async () => {
    const { r, token } = await contributor();
    const path = `/${DATA.container}/${DATA.blob}`;
    const etag = (await blob(r, token, 'HEAD', path)).res.headers.get('etag')!;
    expect((await blob(r, token, 'GET', path, { headers: { 'If-Match': '"0x8000000000000000"' } })).res.status).toBe(412);
    expect((await blob(r, token, 'GET', path, { headers: { 'If-Match': etag } })).res.status).toBe(200);
    expect((await blob(r, token, 'GET', path, { headers: { 'If-None-Match': etag } })).res.status).toBe(304);
    const put = (headers: Record<string, string>) => blob(r, token, 'PUT', path, { headers: { 'x-ms-blob-type': 'BlockBlob', ...headers }, body: 'new' });
    const exists = await put({ 'If-None-Match': '*' });
    expect(exists.res.status).toBe(409);
    expect(code(exists.text)).toBe('BlobAlreadyExists');
    const stale = await put({ 'If-Match': '"0x8000000000000000"' });
    expect(stale.res.status).toBe(412);
    expect(code(stale.text)).toBe('ConditionNotMet');
    expect((await put({ 'If-Match': etag })).res.status).toBe(201);
    const created = await blob(r, token, 'PUT', `/${DATA.container}/fresh.txt`, { headers: { 'x-ms-blob-type': 'BlockBlob', 'If-None-Match': '*' }, body: 'x' });
    expect(created.res.status).toBe(201);
  });

  test('delete: 202 then 404 BlobNotFound', async () => {
    const { r, token } = await contributor();
    const path = `/${DATA.container}/${DATA.blob}`;
    const del = await blob(r, token, 'DELETE', path);
    expect(del.res.status).toBe(202);
    expect(del.res.headers.get('x-ms-delete-type-permanent')).toBe('true');
    expect(code((await blob(r, token, 'GET', path)).text)).toBe('BlobNotFound');
    expect((await blob(r, token, 'DELETE', path)).res.status).toBe(404);
  });

  test('Storage Blob Data Reader cannot delete (403 AuthorizationPermissionMismatch)', async () => {
    const r = dataRig();
    grant(r, r.accountId, ROLE.blobReader);
    const token = await miToken(r, 'https://storage.azure.com/');
    const { res, text } = await blob(r, token, 'DELETE', `/${DATA.container}/${DATA.blob}`);
    expect(res.status).toBe(403);
    expect(code(text)).toBe('AuthorizationPermissionMismatch');
  });
});

describe('blocks', () => {
  test('staged blocks are invisible; the list commits them in order; Get Block List reports both kinds', async () => {
    const { r, token } = await contributor();
    const path = `/${DATA.container}/big.bin`;
    const a = btoa('block-a');
    const b = btoa('block-b');
    expect((await blob(r, token, 'PUT', `${path}?comp=block&blockid=${encodeURIComponent(a)}`, { body: new Uint8Array([1, 2, 3]) })).res.status).toBe(201);
    expect((await blob(r, token, 'PUT', `${path}?comp=block&blockid=${encodeURIComponent(b)}`, { body: new Uint8Array([4, 255]) })).res.status).toBe(201);
    expect((await blob(r, token, 'GET', path)).res.status).toBe(404);
    const staged = await blob(r, token, 'GET', `${path}?comp=blocklist&blocklisttype=all`);
    expect(staged.text).toBe(`<?xml version="1.0" encoding="utf-8"?><BlockList><CommittedBlocks></CommittedBlocks><UncommittedBlocks><Block><Name>${a}</Name><Size>3</Size></Block><Block><Name>${b}</Name><Size>2</Size></Block></UncommittedBlocks></BlockList>`);
    const body = `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${b}</Latest><Uncommitted>${a}</Uncommitted></BlockList>`;
    const committed = await blob(r, token, 'PUT', `${path}?comp=blocklist`, { headers: { 'x-ms-blob-content-type': 'application/x-test' }, body });
    expect(committed.res.status).toBe(201);
    const got = await blob(r, token, 'GET', path);
    expect([...got.bytes]).toEqual([4, 255, 1, 2, 3]);
    expect(got.res.headers.get('content-type')).toBe('application/x-test');
    const listed = await blob(r, token, 'GET', `${path}?comp=blocklist`);
    expect(listed.text).toContain(`<CommittedBlocks><Block><Name>${b}</Name><Size>2</Size></Block><Block><Name>${a}</Name><Size>3</Size></Block></CommittedBlocks>`);
    expect(listed.res.headers.get('x-ms-blob-content-length')).toBe('5');
  });

  test.each([
    ['<BlockList><Latest>bm9wZQ==</Latest></BlockList>', 400, 'InvalidBlockList'],
    ['<BlockList><Latest>x</Committed></BlockList>', 400, 'InvalidXmlDocument'],
    ['not xml', 400, 'InvalidXmlDocument'],
  ])('Put Block List %s → %i %s', async (body, status, errorCode) => {
    const { r, token } = await contributor();
    const { res, text } = await blob(r, token, 'PUT', `/${DATA.container}/x?comp=blocklist`, { body });
    expect(res.status).toBe(status);
    expect(code(text)).toBe(errorCode);
  });

  test('block ids must be base64; a block over the version’s limit is 413 with MaxLimit', async () => {
    const { r, token } = await contributor();
    const bad = await blob(r, token, 'PUT', `/${DATA.container}/x?comp=block&blockid=not*base64`, { body: 'x' });
    expect(code(bad.text)).toBe('InvalidQueryParameterValue');
    const big = new Uint8Array(4 * 1024 * 1024 + 1);
    const over = await blob(r, token, 'PUT', `/${DATA.container}/x?comp=block&blockid=${btoa('a')}`, { body: big, version: '2015-12-11' });
    // Bearer needs 2017-11-09, so the old limit is checked with a version that still allows OAuth.
    expect(over.res.status).toBe(403);
    const v2017 = await blob(r, token, 'PUT', `/${DATA.container}/x?comp=block&blockid=${btoa('a')}`, { body: new Uint8Array(100 * 1024 * 1024 + 1), version: '2018-03-28' });
    expect(v2017.res.status).toBe(413);
    expect(code(v2017.text)).toBe('RequestBodyTooLarge');
    expect(v2017.text).toContain(`<MaxLimit>${100 * 1024 * 1024}</MaxLimit>`);
  });
});

describe('listings and containers', () => {
  async function seeded() {
    const { r, token } = await contributor();
    for (const name of ['a/1.txt', 'a/2.txt', 'b/1.txt', 'c.txt', 'd.txt']) {
      await blob(r, token, 'PUT', `/${DATA.container}/${name}`, { headers: { 'x-ms-blob-type': 'BlockBlob', 'x-ms-meta-n': name.replace(/\W/g, '') }, body: name });
    }
    return { r, token };
  }
  const names = (xml: string) => [...xml.matchAll(/<(Blob|BlobPrefix)><Name>([^<]+)<\/Name>/g)].map((m) => (m[1] === 'BlobPrefix' ? `${m[2]}*` : m[2]));

  test('prefix, delimiter and maxresults/marker paging', async () => {
    const { r, token } = await seeded();
    const list = (q: string) => blob(r, token, 'GET', `/${DATA.container}?restype=container&comp=list${q}`);
    expect(names((await list('&delimiter=/')).text)).toEqual(['a/*', 'b/*', 'c.txt', 'd.txt', 'hello.txt']);
    expect(names((await list('&prefix=a/')).text)).toEqual(['a/1.txt', 'a/2.txt']);
    const first = await list('&maxresults=2');
    expect(names(first.text)).toEqual(['a/1.txt', 'a/2.txt']);
    expect(first.text).toContain('<MaxResults>2</MaxResults>');
    const marker = /<NextMarker>([^<]+)<\/NextMarker>/.exec(first.text)![1]!;
    const second = await list(`&maxresults=2&marker=${encodeURIComponent(marker)}`);
    expect(names(second.text)).toEqual(['b/1.txt', 'c.txt']);
    const last = await list(`&maxresults=2&marker=${encodeURIComponent(/<NextMarker>([^<]+)<\/NextMarker>/.exec(second.text)![1]!)}`);
    expect(names(last.text)).toEqual(['d.txt', 'hello.txt']);
    expect(last.text).toContain('<NextMarker />');
    expect((await list('&include=metadata&prefix=c')).text).toContain('<Metadata><n>ctxt</n></Metadata>');
    expect(code((await list('&maxresults=0')).text)).toBe('OutOfRangeInput');
    expect(code((await list('&marker=garbage')).text)).toBe('OutOfRangeInput');
  });

  test('container create (201, then 409), properties (exists), list, delete (202, then 404)', async () => {
    const { r, token } = await contributor();
    const c = (method: string, name: string, q = '', headers: Record<string, string> = {}) => blob(r, token, method, `/${name}?restype=container${q}`, { headers });
    const made = await c('PUT', 'newbox', '', { 'x-ms-meta-team': 'blue' });
    expect(made.res.status).toBe(201);
    expect(made.res.headers.get('etag')).toMatch(/^"0x8/);
    expect(code((await c('PUT', 'newbox')).text)).toBe('ContainerAlreadyExists');
    expect(code((await c('PUT', 'Bad_Name')).text)).toBe('InvalidResourceName');
    expect(code((await c('PUT', 'public', '', { 'x-ms-blob-public-access': 'blob' })).text)).toBe('PublicAccessNotPermitted');
    const props = await c('GET', 'newbox');
    expect(props.res.status).toBe(200);
    expect(props.res.headers.get('x-ms-meta-team')).toBe('blue');
    expect((await c('HEAD', 'nothere')).res.status).toBe(404);
    const listing = await blob(r, token, 'GET', '/?comp=list');
    expect([...listing.text.matchAll(/<Container><Name>([^<]+)</g)].map((m) => m[1])).toEqual(['mycontainer', 'newbox']);
    expect(listing.text).toContain(`ServiceEndpoint="${ACCOUNT}/"`);
    expect((await c('DELETE', 'newbox')).res.status).toBe(202);
    expect(code((await c('GET', 'newbox')).text)).toBe('ContainerNotFound');
  });

  test('an unknown comp is InvalidQueryParameterValue; POST on a blob is 405 UnsupportedHttpVerb', async () => {
    const { r, token } = await contributor();
    const odd = await blob(r, token, 'GET', `/${DATA.container}/${DATA.blob}?comp=nonsense`);
    expect(odd.res.status).toBe(400);
    expect(odd.text).toContain('<QueryParameterName>comp</QueryParameterName>');
    expect((await blob(r, token, 'POST', `/${DATA.container}/${DATA.blob}`, { body: 'x' })).res.status).toBe(405);
  });
});

describe('bytes end to end', () => {
  test('5 MiB of random bytes written come back identical, and the request log keeps only a bounded prefix', async () => {
    const { r, token } = await contributor();
    const data = new Uint8Array(5 * 1024 * 1024);
    crypto.getRandomValues(data.subarray(0, 65536));
    for (let i = 65536; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const put = await blob(r, token, 'PUT', `/${DATA.container}/random.bin`, { headers: { 'x-ms-blob-type': 'BlockBlob' }, body: data });
    expect(put.res.status).toBe(201);
    const got = await blob(r, token, 'GET', `/${DATA.container}/random.bin`);
    expect(got.bytes.byteLength).toBe(data.byteLength);
    expect(Buffer.from(got.bytes).equals(Buffer.from(data))).toBe(true);
    const entry = r.router.log.entries().at(-1)!;
    expect(entry.response).toMatchObject({ bodySize: data.byteLength, bodyTruncated: true });
    expect(entry.response!.body.length).toBeLessThanOrEqual(64 * 1024);
    const upload = r.router.log.entries().at(-2)!;
    expect(upload.request).toMatchObject({ bodySize: data.byteLength, bodyTruncated: true });
  });
});
