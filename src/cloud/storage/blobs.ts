/**
 * `https://<account>.blob.core.windows.net[/<container>[/<blob>]]`: the Blob service operations
 * SDKs use every day, in the service's order — which operation (from method, path, `restype`,
 * `comp`) → authenticate (Bearer + x-ms-version ≥ 2017-11-09) → authorize (RBAC, before
 * existence) → validate → act. Bodies are bytes end to end.
 */
import {
  commitBlockList,
  createContainer,
  deleteBlob,
  deleteContainer,
  findContainer,
  findStorageAccountByName,
  getBlob,
  getBlockList,
  listBlobs,
  listContainers,
  putBlob,
  readBlob,
  setBlobMetadata,
  setBlobProperties,
  setContainerMetadata,
  stageBlock,
  type Blob,
  type BlobContainer,
  type BlobProperties,
  type StorageAccount,
} from '../../sim/index';
import type { CallContext } from '../call-context';
import { httpDate, textReply } from '../http/respond';
import type { Principal } from '../access/principal';
import { authenticate, authenticateSas, authorize, hasSas, STORAGE_ACTION, type StorageAction } from './auth';
import { checkConditions } from './conditions';
import { blobHeaders, rememberClientRequestId, STORAGE_TEXT, storageError, xmlEscape as xml } from './errors';
import { maxPutBlobBytes, maxPutBlockBytes, validBlockId } from './limits';
import { parseRange, resolveRange } from './range';
import { el, metadataXml, parseBlockList, XML_DECL } from './xml';

type Level = 'account' | 'container' | 'blob';

interface Op {
  name: string;
  level: Level;
  action: StorageAction;
  run: (call: Call) => Promise<Response> | Response;
}

interface Call {
  ctx: CallContext;
  request: Request;
  url: URL;
  account: StorageAccount;
  container: string;
  blob: string;
  version: string;
  /** Who the token speaks for; null for a request signed with a SAS. */
  principal: Principal | null;
}

const OPS: Record<string, Op> = {};
function op(key: string, o: Op) {
  OPS[key] = o;
}

/** The operation a request names: `METHOD level restype comp`, as the service dispatches. */
function operationKey(method: string, level: Level, url: URL): string {
  const restype = url.searchParams.get('restype') ?? '';
  const comp = url.searchParams.get('comp') ?? '';
  return `${method === 'HEAD' ? 'GET' : method} ${level} ${restype} ${comp}`;
}

const endpoint = (ctx: CallContext, account: string) => (ctx.publicBase ? `${ctx.publicBase.replace(/\/+$/, '')}/` : `https://${account}.blob.core.windows.net/`);

export async function handleBlobRequest(ctx: CallContext, request: Request, accountName: string): Promise<Response> {
  const account = findStorageAccountByName(ctx.world, accountName);
  // As for vaults: an account that does not exist does not resolve.
  if (!account) return Response.error();
  rememberClientRequestId(ctx, request);
  const url = new URL(request.url);
  const version = request.headers.get('x-ms-version');
  const [rawContainer = '', ...rest] = url.pathname.slice(1).split('/');
  // The router refused undecodable paths before any handler ran.
  const container = decodeURIComponent(rawContainer);
  const blob = rest.map(decodeURIComponent).join('/');
  const level: Level = container === '' ? 'account' : blob === '' && url.searchParams.get('restype') === 'container' ? 'container' : 'blob';
  const found = OPS[operationKey(request.method.toUpperCase(), level, url)];
  ctx.operation = found ? `storage.${found.name}` : 'storage.unsupported';

  // A shared access signature in the query stands in for a token (and may omit x-ms-version: the
  // request is then served at the signed version).
  if (hasSas(url) && !request.headers.has('authorization')) {
    const v = version ?? url.searchParams.get('sv') ?? '';
    if (!found) return storageError(ctx, v, 403, 'AuthorizationResourceTypeMismatch', STORAGE_TEXT.resourceTypeMismatch);
    const refused = await authenticateSas(ctx, url, account, container, blob, found.name, v);
    if (refused) return refused;
    return found.run({ ctx, request, url, account, container, blob, version: v, principal: null });
  }
  const auth = await authenticate(ctx, request, account, version);
  if (!auth.ok) return auth.response;
  const v = version!;
  if (!found) {
    if (level === 'blob' && blob === '') return storageError(ctx, v, 400, 'InvalidUri', STORAGE_TEXT.invalidUri);
    const known = ['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'OPTIONS'].includes(request.method.toUpperCase());
    return known && (url.searchParams.has('comp') || url.searchParams.has('restype'))
      ? storageError(ctx, v, 400, 'InvalidQueryParameterValue', STORAGE_TEXT.invalidQueryValue, {
          elements: [
            ['QueryParameterName', url.searchParams.has('comp') ? 'comp' : 'restype'],
            ['QueryParameterValue', url.searchParams.get('comp') ?? url.searchParams.get('restype') ?? ''],
            ['Reason', ''],
          ],
        })
      : storageError(ctx, v, 405, 'UnsupportedHttpVerb', STORAGE_TEXT.unsupportedVerb);
  }
  const denied = authorize(ctx, auth.principal, account, found.level === 'account' ? null : container, found.action, v);
  if (denied) return denied;
  return found.run({ ctx, request, url, account, container, blob, version: v, principal: auth.principal });
}

// ---- shared pieces --------------------------------------------------------------------------

const ok = (call: Call, status: number, headers: Record<string, string> = {}, body = '', contentType: string | null = null) =>
  textReply(body, contentType, { status, at: call.ctx.world.now(), headers: { ...blobHeaders(call.ctx, call.version), ...headers } });

const err = (call: Call, status: number, code: string, message: string, extra: Parameters<typeof storageError>[5] = {}) =>
  storageError(call.ctx, call.version, status, code, message, extra);

function simError(call: Call, e: { code: string; message: string }): Response {
  const status: Record<string, number> = {
    ContainerNotFound: 404,
    BlobNotFound: 404,
    ContainerAlreadyExists: 409,
    BlobAlreadyExists: 409,
    BlockCountExceedsLimit: 409,
    InvalidBlockList: 400,
    InvalidBlobOrBlock: 400,
    InvalidResourceName: 400,
  };
  return err(call, status[e.code] ?? 400, e.code, e.message);
}

function conditionFailed(call: Call, status: 304 | 409 | 412): Response {
  if (status === 304) return new Response(null, { status: 304, headers: { ...blobHeaders(call.ctx, call.version), Date: httpDate(call.ctx.world.now()) } });
  if (status === 409) return err(call, 409, 'BlobAlreadyExists', STORAGE_TEXT.blobExists);
  return err(call, 412, 'ConditionNotMet', STORAGE_TEXT.conditionNotMet);
}

/** Metadata names are C# identifiers (Storage's rule); an invalid one is InvalidMetadata. */
function metadataOf(call: Call): { ok: true; value: Record<string, string> } | { ok: false; response: Response } {
  const out: Record<string, string> = {};
  for (const [name, value] of call.request.headers) {
    if (!name.startsWith('x-ms-meta-')) continue;
    const key = name.slice('x-ms-meta-'.length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return { ok: false, response: err(call, 400, 'InvalidMetadata', STORAGE_TEXT.invalidMetadata) };
    out[key] = value;
  }
  return { ok: true, value: out };
}

const metaHeaders = (metadata: Record<string, string>) => Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`x-ms-meta-${k}`, v]));

/** x-ms-blob-content-* on Put Blob / Put Block List / Set Blob Properties. */
function httpPropertiesOf(call: Call, fallbackContentType: boolean): Partial<BlobProperties> {
  const h = call.request.headers;
  const contentType = h.get('x-ms-blob-content-type') ?? (fallbackContentType ? h.get('content-type') : null);
  return {
    ...(contentType !== null ? { contentType } : {}),
    contentEncoding: h.get('x-ms-blob-content-encoding') ?? (fallbackContentType ? h.get('content-encoding') : null),
    contentLanguage: h.get('x-ms-blob-content-language') ?? (fallbackContentType ? h.get('content-language') : null),
    contentDisposition: h.get('x-ms-blob-content-disposition'),
    cacheControl: h.get('x-ms-blob-cache-control') ?? (fallbackContentType ? h.get('cache-control') : null),
    contentMd5: h.get('x-ms-blob-content-md5'),
  };
}

/** ETag and Last-Modified, which every write answers with. */
const stamp = (x: { etag: string; lastModified: number }) => ({ ETag: x.etag, 'Last-Modified': httpDate(x.lastModified) });

async function bodyBytes(call: Call): Promise<Uint8Array> {
  return new Uint8Array(await call.request.arrayBuffer());
}

const written = (call: Call, b: Blob, status = 201) =>
  ok(call, status, { ETag: b.etag, 'Last-Modified': httpDate(b.lastModified), 'x-ms-request-server-encrypted': 'true' });

function tooLarge(call: Call, limit: number): Response {
  return err(call, 413, 'RequestBodyTooLarge', STORAGE_TEXT.tooLarge, { elements: [['MaxLimit', String(limit)]] });
}

// ---- blobs ----------------------------------------------------------------------------------

/** Headers every read of a blob carries (Get Blob, Get Blob Properties). */
function blobReadHeaders(b: Blob): Record<string, string> {
  const p = b.properties;
  return {
    'Last-Modified': httpDate(b.lastModified),
    ETag: b.etag,
    ...metaHeaders(b.metadata),
    ...(p.contentEncoding ? { 'Content-Encoding': p.contentEncoding } : {}),
    ...(p.contentLanguage ? { 'Content-Language': p.contentLanguage } : {}),
    ...(p.contentDisposition ? { 'Content-Disposition': p.contentDisposition } : {}),
    ...(p.cacheControl ? { 'Cache-Control': p.cacheControl } : {}),
    'x-ms-creation-time': httpDate(b.createdAt),
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-lease-status': 'unlocked',
    'x-ms-lease-state': 'available',
    'x-ms-server-encrypted': 'true',
    'Accept-Ranges': 'bytes',
  };
}

function readableBlob(call: Call): { ok: true; blob: Blob } | { ok: false; response: Response } {
  const found = getBlob(call.ctx.world, call.account.name, call.container, call.blob);
  if (!found.ok) return { ok: false, response: simError(call, found.error) };
  const verdict = checkConditions(call.request.headers, found.value, 'read');
  if (!verdict.ok) return { ok: false, response: conditionFailed(call, verdict.status) };
  return { ok: true, blob: found.value };
}

op('GET blob  ', {
  name: 'getBlob',
  level: 'blob',
  action: STORAGE_ACTION.blobRead,
  run: (call) => {
    const r = readableBlob(call);
    if (!r.ok) return r.response;
    const b = r.blob;
    const head = call.request.method.toUpperCase() === 'HEAD';
    const at = call.ctx.world.now();
    const base = { ...blobHeaders(call.ctx, call.version), ...blobReadHeaders(b), 'Content-Type': b.properties.contentType, Date: httpDate(at) };
    if (head) {
      // Get Blob Properties: the whole blob's headers, no body.
      return new Response(null, {
        status: 200,
        headers: { ...base, 'Content-Length': String(b.size), 'x-ms-access-tier': 'Hot', 'x-ms-access-tier-inferred': 'true', ...(b.properties.contentMd5 ? { 'Content-MD5': b.properties.contentMd5 } : {}) },
      });
    }
    const ask = parseRange(call.request.headers);
    if (ask.kind === 'invalid') return err(call, 400, 'InvalidHeaderValue', STORAGE_TEXT.invalidHeader, { headerName: ask.header });
    if (ask.kind === 'none') {
      return new Response(readBlob(b), { status: 200, headers: { ...base, 'Content-Length': String(b.size), ...(b.properties.contentMd5 ? { 'Content-MD5': b.properties.contentMd5 } : {}) } });
    }
    const range = resolveRange(ask, b.size);
    if (!range) return err(call, 416, 'InvalidRange', STORAGE_TEXT.invalidRange, { headers: { 'Content-Range': `bytes */${b.size}` } });
    const bytes = readBlob(b, range.start, range.end + 1);
    return new Response(bytes, {
      status: 206,
      statusText: 'Partial Content',
      headers: { ...base, 'Content-Length': String(bytes.byteLength), 'Content-Range': `bytes ${range.start}-${range.end}/${b.size}` },
    });
  },
});

op('GET blob  metadata', {
  name: 'getBlobMetadata',
  level: 'blob',
  action: STORAGE_ACTION.blobRead,
  run: (call) => {
    const r = readableBlob(call);
    if (!r.ok) return r.response;
    return ok(call, 200, { ETag: r.blob.etag, 'Last-Modified': httpDate(r.blob.lastModified), ...metaHeaders(r.blob.metadata) });
  },
});

/**
 * What Put Blob and Put Block List check before writing, in order: the container exists, the
 * conditions hold against the blob as it is now (absent → only If-Match fails), the metadata is valid.
 */
function beforeWrite(call: Call): { ok: true; metadata: Record<string, string> } | { ok: false; response: Response } {
  const missing = containerMissing(call);
  if (missing) return { ok: false, response: missing };
  const current = getBlob(call.ctx.world, call.account.name, call.container, call.blob);
  const verdict = checkConditions(call.request.headers, current.ok ? current.value : null, 'write');
  if (!verdict.ok) return { ok: false, response: conditionFailed(call, verdict.status) };
  const meta = metadataOf(call);
  return meta.ok ? { ok: true, metadata: meta.value } : meta;
}

function containerMissing(call: Call): Response | null {
  return findContainer(call.ctx.world, call.account.name, call.container) ? null : err(call, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound);
}

op('PUT blob  ', {
  name: 'putBlob',
  level: 'blob',
  action: STORAGE_ACTION.blobWrite,
  run: async (call) => {
    const type = call.request.headers.get('x-ms-blob-type');
    if (call.request.headers.has('x-ms-copy-source')) {
      // Invented wording: copying needs a second account's data plane, which the sandbox does not simulate.
      return err(call, 400, 'FeatureNotSupported', 'Copy Blob is not simulated by the sandbox.');
    }
    if (type === null) return err(call, 400, 'MissingRequiredHeader', STORAGE_TEXT.missingHeader, { headerName: 'x-ms-blob-type' });
    if (type !== 'BlockBlob') return err(call, 400, 'InvalidHeaderValue', STORAGE_TEXT.invalidHeader, { headerName: 'x-ms-blob-type' });
    const bytes = await bodyBytes(call);
    const limit = maxPutBlobBytes(call.version);
    if (bytes.byteLength > limit) return tooLarge(call, limit);
    const ready = beforeWrite(call);
    if (!ready.ok) return ready.response;
    const saved = putBlob(call.ctx.world, {
      account: call.account.name,
      container: call.container,
      name: call.blob,
      content: bytes,
      properties: httpPropertiesOf(call, true),
      metadata: ready.metadata,
    });
    return saved.ok ? written(call, saved.value) : simError(call, saved.error);
  },
});

op('PUT blob  block', {
  name: 'putBlock',
  level: 'blob',
  action: STORAGE_ACTION.blobWrite,
  run: async (call) => {
    const blockId = call.url.searchParams.get('blockid');
    if (blockId === null) {
      return err(call, 400, 'MissingRequiredQueryParameter', 'A query parameter that\'s mandatory for this request is not specified.', { elements: [['QueryParameterName', 'blockid']] });
    }
    if (!validBlockId(blockId)) return err(call, 400, 'InvalidQueryParameterValue', STORAGE_TEXT.invalidQueryValue, { elements: [['QueryParameterName', 'blockid'], ['QueryParameterValue', blockId], ['Reason', 'Not a valid base64 string.']] });
    const bytes = await bodyBytes(call);
    const limit = maxPutBlockBytes(call.version);
    if (bytes.byteLength > limit) return tooLarge(call, limit);
    const missing = containerMissing(call);
    if (missing) return missing;
    const staged = stageBlock(call.ctx.world, { account: call.account.name, container: call.container, blob: call.blob, blockId, content: bytes });
    return staged.ok ? ok(call, 201, { 'x-ms-request-server-encrypted': 'true' }) : simError(call, staged.error);
  },
});

op('PUT blob  blocklist', {
  name: 'putBlockList',
  level: 'blob',
  action: STORAGE_ACTION.blobWrite,
  run: async (call) => {
    const list = parseBlockList(new TextDecoder().decode(await bodyBytes(call)));
    if (!list) return err(call, 400, 'InvalidXmlDocument', STORAGE_TEXT.invalidXml);
    const ready = beforeWrite(call);
    if (!ready.ok) return ready.response;
    const saved = commitBlockList(call.ctx.world, {
      account: call.account.name,
      container: call.container,
      blob: call.blob,
      blocks: list,
      properties: httpPropertiesOf(call, false),
      metadata: ready.metadata,
    });
    return saved.ok ? written(call, saved.value) : simError(call, saved.error);
  },
});

op('GET blob  blocklist', {
  name: 'getBlockList',
  level: 'blob',
  action: STORAGE_ACTION.blobRead,
  run: (call) => {
    const which = (call.url.searchParams.get('blocklisttype') ?? 'committed').toLowerCase();
    if (!['committed', 'uncommitted', 'all'].includes(which)) {
      return err(call, 400, 'InvalidQueryParameterValue', STORAGE_TEXT.invalidQueryValue, { elements: [['QueryParameterName', 'blocklisttype'], ['QueryParameterValue', which], ['Reason', '']] });
    }
    const listed = getBlockList(call.ctx.world, call.account.name, call.container, call.blob);
    if (!listed.ok) return simError(call, listed.error);
    const blocks = (items: { id: string; size: number }[]) => items.map((b) => `<Block><Name>${b.id}</Name><Size>${b.size}</Size></Block>`).join('');
    const committed = which === 'uncommitted' ? '' : `<CommittedBlocks>${blocks(listed.value.committed)}</CommittedBlocks>`;
    const uncommitted = which === 'committed' ? '' : `<UncommittedBlocks>${blocks(listed.value.uncommitted)}</UncommittedBlocks>`;
    const b = listed.value.blob;
    return ok(
      call,
      200,
      { ...(b ? stamp(b) : {}), 'x-ms-blob-content-length': String(b?.size ?? 0) },
      `${XML_DECL}<BlockList>${committed}${uncommitted}</BlockList>`,
      'application/xml',
    );
  },
});

function existingForWrite(call: Call): { ok: true } | { ok: false; response: Response } {
  const found = getBlob(call.ctx.world, call.account.name, call.container, call.blob);
  if (!found.ok) return { ok: false, response: simError(call, found.error) };
  const verdict = checkConditions(call.request.headers, found.value, 'write');
  return verdict.ok ? { ok: true } : { ok: false, response: conditionFailed(call, verdict.status) };
}

op('PUT blob  metadata', {
  name: 'setBlobMetadata',
  level: 'blob',
  action: STORAGE_ACTION.blobWrite,
  run: (call) => {
    const e = existingForWrite(call);
    if (!e.ok) return e.response;
    const meta = metadataOf(call);
    if (!meta.ok) return meta.response;
    const saved = setBlobMetadata(call.ctx.world, call.account.name, call.container, call.blob, meta.value);
    return saved.ok ? written(call, saved.value, 200) : simError(call, saved.error);
  },
});

op('PUT blob  properties', {
  name: 'setBlobProperties',
  level: 'blob',
  action: STORAGE_ACTION.blobWrite,
  run: (call) => {
    const e = existingForWrite(call);
    if (!e.ok) return e.response;
    const saved = setBlobProperties(call.ctx.world, call.account.name, call.container, call.blob, httpPropertiesOf(call, false));
    return saved.ok ? ok(call, 200, stamp(saved.value)) : simError(call, saved.error);
  },
});

op('DELETE blob  ', {
  name: 'deleteBlob',
  level: 'blob',
  action: STORAGE_ACTION.blobDelete,
  run: (call) => {
    const e = existingForWrite(call);
    if (!e.ok) return e.response;
    const gone = deleteBlob(call.ctx.world, call.account.name, call.container, call.blob);
    if (!gone.ok) return simError(call, gone.error);
    // Soft delete is off on sandbox accounts, so every delete is permanent (header since 2020-02-10).
    return ok(call, 202, call.version >= '2020-02-10' ? { 'x-ms-delete-type-permanent': 'true' } : {});
  },
});

// ---- containers ------------------------------------------------------------------------------

function containerHeaders(c: BlobContainer): Record<string, string> {
  return {
    ETag: c.etag,
    'Last-Modified': httpDate(c.lastModified),
    ...metaHeaders(c.metadata),
    'x-ms-lease-status': 'unlocked',
    'x-ms-lease-state': 'available',
    'x-ms-has-immutability-policy': 'false',
    'x-ms-has-legal-hold': 'false',
    'x-ms-default-encryption-scope': '$account-encryption-key',
    'x-ms-deny-encryption-scope-override': 'false',
    'x-ms-immutable-storage-with-versioning-enabled': 'false',
  };
}

function existingContainer(call: Call): { ok: true; value: BlobContainer } | { ok: false; response: Response } {
  const c = findContainer(call.ctx.world, call.account.name, call.container);
  if (!c) return { ok: false, response: err(call, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound) };
  const verdict = checkConditions(call.request.headers, c, 'write');
  // Containers take only the date conditions; a failed one is 412 (a 409 is a blob-only answer).
  if (!verdict.ok) return { ok: false, response: conditionFailed(call, verdict.status === 409 ? 412 : verdict.status) };
  return { ok: true, value: c };
}

op('PUT container container ', {
  name: 'createContainer',
  level: 'container',
  action: STORAGE_ACTION.containerWrite,
  run: (call) => {
    // Sandbox accounts have allowBlobPublicAccess off, as new accounts do since 2023.
    if (call.request.headers.get('x-ms-blob-public-access')) return err(call, 409, 'PublicAccessNotPermitted', STORAGE_TEXT.publicAccessNotPermitted);
    const meta = metadataOf(call);
    if (!meta.ok) return meta.response;
    const made = createContainer(call.ctx.world, call.account.name, call.container, meta.value);
    if (!made.ok) return simError(call, made.error);
    return ok(call, 201, stamp(made.value));
  },
});

op('GET container container ', {
  name: 'getContainerProperties',
  level: 'container',
  action: STORAGE_ACTION.containerRead,
  run: (call) => {
    const c = findContainer(call.ctx.world, call.account.name, call.container);
    if (!c) return err(call, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound);
    return ok(call, 200, containerHeaders(c));
  },
});

op('GET container container metadata', {
  name: 'getContainerMetadata',
  level: 'container',
  action: STORAGE_ACTION.containerRead,
  run: (call) => {
    const c = findContainer(call.ctx.world, call.account.name, call.container);
    if (!c) return err(call, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound);
    return ok(call, 200, { ETag: c.etag, 'Last-Modified': httpDate(c.lastModified), ...metaHeaders(c.metadata) });
  },
});

op('PUT container container metadata', {
  name: 'setContainerMetadata',
  level: 'container',
  action: STORAGE_ACTION.containerWrite,
  run: (call) => {
    const c = existingContainer(call);
    if (!c.ok) return c.response;
    const meta = metadataOf(call);
    if (!meta.ok) return meta.response;
    const saved = setContainerMetadata(call.ctx.world, call.account.name, call.container, meta.value);
    return saved.ok ? ok(call, 200, stamp(saved.value)) : simError(call, saved.error);
  },
});

op('DELETE container container ', {
  name: 'deleteContainer',
  level: 'container',
  action: STORAGE_ACTION.containerDelete,
  run: (call) => {
    const c = existingContainer(call);
    if (!c.ok) return c.response;
    const gone = deleteContainer(call.ctx.world, call.account.name, call.container);
    return gone.ok ? ok(call, 202) : simError(call, gone.error);
  },
});

// ---- listings ---------------------------------------------------------------------------------

/** maxresults: 1–5000, default 5000 (List Blobs / List Containers docs). */
function maxResults(call: Call): { ok: true; value: number } | { ok: false; response: Response } {
  const raw = call.url.searchParams.get('maxresults');
  if (raw === null) return { ok: true, value: 5000 };
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    return { ok: false, response: err(call, 400, 'OutOfRangeInput', STORAGE_TEXT.outOfRange, { elements: [['QueryParameterName', 'maxresults'], ['QueryParameterValue', raw], ['Reason', '']] }) };
  }
  return { ok: true, value: Math.min(n, 5000) };
}

/**
 * Continuation markers are opaque in Storage ("2!96!MDAw…"); ours carry the next name, base64
 * encoded behind the same "2!" prefix (invented inside, opaque outside).
 */
const encodeMarker = (name: string) => `2!${btoa(String.fromCharCode(...new TextEncoder().encode(name)))}`;
function decodeMarker(marker: string): string | null {
  const m = /^2!([A-Za-z0-9+/]*={0,2})$/.exec(marker);
  if (!m) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function markerOf(call: Call): { ok: true; value: string | null } | { ok: false; response: Response } {
  const raw = call.url.searchParams.get('marker');
  if (raw === null || raw === '') return { ok: true, value: null };
  const name = decodeMarker(raw);
  if (name === null) {
    return { ok: false, response: err(call, 400, 'OutOfRangeInput', STORAGE_TEXT.outOfRange, { elements: [['QueryParameterName', 'marker'], ['QueryParameterValue', raw], ['Reason', '']] }) };
  }
  return { ok: true, value: name };
}

/** One page of a name-ordered listing (maxresults, marker) and the NextMarker element after it. */
function pageOf<T extends { name: string }>(call: Call, items: T[]): { ok: true; page: T[]; nextMarker: string } | { ok: false; response: Response } {
  const max = maxResults(call);
  if (!max.ok) return max;
  const marker = markerOf(call);
  if (!marker.ok) return marker;
  const from = marker.value === null ? 0 : items.findIndex((e) => e.name >= marker.value!);
  const page = from < 0 ? [] : items.slice(from, from + max.value);
  const next = from >= 0 && from + max.value < items.length ? items[from + max.value]!.name : null;
  return { ok: true, page, nextMarker: el('NextMarker', next === null ? null : encodeMarker(next)) };
}

const includes = (call: Call) => new Set((call.url.searchParams.get('include') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));

/** The request's echo elements, written only when the request gave them. */
function echo(call: Call, names: string[]): string {
  return names
    .map((n) => [n, call.url.searchParams.get(n.toLowerCase())] as const)
    .filter(([, v]) => v !== null)
    .map(([n, v]) => el(n, v))
    .join('');
}

op('GET container container list', {
  name: 'listBlobs',
  level: 'container',
  action: STORAGE_ACTION.blobRead,
  run: (call) => {
    const listed = listBlobs(call.ctx.world, call.account.name, call.container);
    if (!listed.ok) return simError(call, listed.error);
    const prefix = call.url.searchParams.get('prefix') ?? '';
    const delimiter = call.url.searchParams.get('delimiter') ?? '';
    const withMeta = includes(call).has('metadata');
    // Blobs and virtual directories, merged in name order as Storage returns them.
    const entries: ({ kind: 'blob'; name: string; blob: Blob } | { kind: 'prefix'; name: string })[] = [];
    const seen = new Set<string>();
    for (const b of listed.value) {
      if (!b.name.startsWith(prefix)) continue;
      if (delimiter !== '') {
        const cut = b.name.indexOf(delimiter, prefix.length);
        if (cut >= 0) {
          const p = b.name.slice(0, cut + delimiter.length);
          if (!seen.has(p)) {
            seen.add(p);
            entries.push({ kind: 'prefix', name: p });
          }
          continue;
        }
      }
      entries.push({ kind: 'blob', name: b.name, blob: b });
    }
    const paged = pageOf(call, entries);
    if (!paged.ok) return paged.response;
    const items = paged.page
      .map((e) => {
        if (e.kind === 'prefix') return `<BlobPrefix><Name>${xml(e.name)}</Name></BlobPrefix>`;
        const b = e.blob;
        const p = b.properties;
        return (
          `<Blob><Name>${xml(b.name)}</Name><Properties>` +
          `<Creation-Time>${httpDate(b.createdAt)}</Creation-Time><Last-Modified>${httpDate(b.lastModified)}</Last-Modified><Etag>${b.etag}</Etag>` +
          `<Content-Length>${b.size}</Content-Length>${el('Content-Type', p.contentType)}${el('Content-Encoding', p.contentEncoding)}${el('Content-Language', p.contentLanguage)}` +
          `${el('Content-CRC64', null)}${el('Content-MD5', p.contentMd5)}${el('Cache-Control', p.cacheControl)}${el('Content-Disposition', p.contentDisposition)}` +
          `<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted>` +
          `</Properties>${withMeta ? metadataXml(b.metadata) : ''}</Blob>`
        );
      })
      .join('');
    const body =
      `${XML_DECL}<EnumerationResults ServiceEndpoint="${xml(endpoint(call.ctx, call.account.name))}" ContainerName="${xml(call.container)}">` +
      echo(call, ['Prefix', 'Marker', 'MaxResults', 'Delimiter']) +
      `<Blobs>${items}</Blobs>${paged.nextMarker}</EnumerationResults>`;
    return ok(call, 200, {}, body, 'application/xml');
  },
});

op('GET account  list', {
  name: 'listContainers',
  level: 'account',
  action: STORAGE_ACTION.containerRead,
  run: (call) => {
    const listed = listContainers(call.ctx.world, call.account.name);
    if (!listed.ok) return simError(call, listed.error);
    const prefix = call.url.searchParams.get('prefix') ?? '';
    const paged = pageOf(call, listed.value.filter((c) => c.name.startsWith(prefix)));
    if (!paged.ok) return paged.response;
    const withMeta = includes(call).has('metadata');
    const items = paged.page
      .map(
        (c) =>
          `<Container><Name>${xml(c.name)}</Name><Properties><Last-Modified>${httpDate(c.lastModified)}</Last-Modified><Etag>${c.etag}</Etag>` +
          `<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><DefaultEncryptionScope>$account-encryption-key</DefaultEncryptionScope>` +
          `<DenyEncryptionScopeOverride>false</DenyEncryptionScopeOverride><HasImmutabilityPolicy>false</HasImmutabilityPolicy><HasLegalHold>false</HasLegalHold>` +
          `<ImmutableStorageWithVersioningEnabled>false</ImmutableStorageWithVersioningEnabled></Properties>${withMeta ? metadataXml(c.metadata) : ''}</Container>`,
      )
      .join('');
    const body =
      `${XML_DECL}<EnumerationResults ServiceEndpoint="${xml(endpoint(call.ctx, call.account.name))}">` +
      echo(call, ['Prefix', 'Marker', 'MaxResults']) +
      `<Containers>${items}</Containers>${paged.nextMarker}</EnumerationResults>`;
    return ok(call, 200, {}, body, 'application/xml');
  },
});
