/**
 * `https://<account>.blob.core.windows.net/<container>/<blob>`: GET and PUT (block blob) with a
 * Bearer token and `x-ms-version` ≥ 2017-11-09, plus listing a container. Authorization is the
 * blob data actions at the container scope, checked before existence (rbac-arm.md §5.2).
 */
import { findStorageAccountByName, getBlob, listBlobs, putBlob, validateToken, type StorageAccount } from '../../sim/index';
import type { CallContext } from '../call-context';
import { decide } from '../access/decide';
import { identityOf, principalFromClaims, type Principal } from '../access/principal';
import { textReply } from '../http/respond';
import { blobHeaders, STORAGE_TEXT, storageError } from './errors';

/** The version that introduced OAuth (D1). */
const OAUTH_SINCE = '2017-11-09';
const BLOB_ACTION = {
  read: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  write: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
} as const;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function audiences(account: string): string[] {
  const host = `https://${account}.blob.core.windows.net`;
  return ['https://storage.azure.com/', 'https://storage.azure.com', host, `${host}/`];
}

async function authenticate(ctx: CallContext, request: Request, account: StorageAccount, version: string | null) {
  const header = request.headers.get('authorization');
  const fail = (status: number, code: string, message: string, detail?: string, headers?: Record<string, string>) => ({
    ok: false as const,
    response: storageError(ctx, version, status, code, message, { ...(detail ? { detail } : {}), ...(headers ? { headers } : {}) }),
  });
  if (!header) {
    return fail(401, 'NoAuthenticationInformation', STORAGE_TEXT.noAuth, undefined, {
      'WWW-Authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/${ctx.world.tenantId}/oauth2/authorize resource_id=https://storage.azure.com`,
    });
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // Shared Key and SAS are not simulated: their signatures cannot match, as with a wrong key.
  if (!m) return fail(403, 'AuthenticationFailed', STORAGE_TEXT.authFailed, 'The MAC signature found in the HTTP request is not the same as any computed signature.');
  if (version === null || version < OAUTH_SINCE) return fail(403, 'AuthenticationFailed', STORAGE_TEXT.authFailed, STORAGE_TEXT.bearerNeedsVersion);
  const check = await validateToken(ctx.world, m[1]!, { audiences: audiences(account.name) });
  if (!check.ok) {
    if (check.claims && typeof check.claims.uti === 'string') ctx.tokenId = check.claims.uti;
    // Storage's AuthenticationErrorDetail texts for bearer tokens.
    const detail = {
      wrongAudience: 'Audience validation failed. Audience did not match.',
      expired: 'Lifetime validation failed. The token is expired.',
      notYetValid: 'Lifetime validation failed. The token is not yet valid.',
      invalidSignature: 'Signature validation failed. Signature is invalid.',
      wrongIssuer: 'Issuer validation failed. Issuer did not match.',
    }[check.reason as string] ?? 'The token is malformed.';
    return fail(401, 'InvalidAuthenticationInfo', STORAGE_TEXT.noAuth, detail);
  }
  const principal = principalFromClaims(ctx.world, check.claims, check.groups, check.kind);
  ctx.identity = identityOf(ctx.world, principal);
  ctx.tokenId = typeof check.claims.uti === 'string' ? check.claims.uti : null;
  return { ok: true as const, principal };
}

function authorize(ctx: CallContext, principal: Principal, account: StorageAccount, container: string, action: string, version: string | null): Response | null {
  const scope = `${account.id}/blobServices/default/containers/${container}`;
  const decision = decide(ctx, principal, { action, scope, isDataAction: true });
  if (decision?.allowed) return null;
  return storageError(ctx, version, 403, 'AuthorizationPermissionMismatch', STORAGE_TEXT.permissionMismatch);
}

export async function handleBlobRequest(ctx: CallContext, request: Request, accountName: string): Promise<Response> {
  const account = findStorageAccountByName(ctx.world, accountName);
  // As for vaults: an account that does not exist does not resolve.
  if (!account) return Response.error();
  const url = new URL(request.url);
  const version = request.headers.get('x-ms-version');
  const [rawContainer, ...rest] = url.pathname.slice(1).split('/');
  const container = decodeURIComponent(rawContainer ?? '');
  const blob = rest.map(decodeURIComponent).join('/');
  const listing = request.method === 'GET' && blob === '' && url.searchParams.get('restype') === 'container' && url.searchParams.get('comp') === 'list';
  ctx.operation = listing ? 'storage.listBlobs' : request.method === 'GET' ? 'storage.getBlob' : request.method === 'PUT' ? 'storage.putBlob' : 'storage.unsupported';
  if (!listing && (container === '' || blob === '' || (request.method !== 'GET' && request.method !== 'PUT' && request.method !== 'HEAD'))) {
    return storageError(ctx, version, 405, 'UnsupportedHttpVerb', STORAGE_TEXT.unsupportedVerb);
  }
  const auth = await authenticate(ctx, request, account, version);
  if (!auth.ok) return auth.response;
  const at = ctx.world.now();

  if (listing) {
    const denied = authorize(ctx, auth.principal, account, container, BLOB_ACTION.read, version);
    if (denied) return denied;
    const blobs = listBlobs(ctx.world, account.name, container);
    if (!blobs.ok) return storageError(ctx, version, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound);
    const items = blobs.value
      .map(
        (b) =>
          `<Blob><Name>${xmlEscape(b.name)}</Name><Properties><Last-Modified>${new Date(b.lastModified).toUTCString()}</Last-Modified><Etag>${b.etag}</Etag><Content-Length>${new TextEncoder().encode(b.content).byteLength}</Content-Length><Content-Type>${xmlEscape(b.contentType)}</Content-Type><BlobType>BlockBlob</BlobType></Properties></Blob>`,
      )
      .join('');
    const xml = `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="https://${account.name}.blob.core.windows.net/" ContainerName="${xmlEscape(container)}"><Blobs>${items}</Blobs><NextMarker /></EnumerationResults>`;
    return textReply(xml, 'application/xml', { status: 200, at, headers: blobHeaders(ctx, version) });
  }

  if (request.method === 'PUT') {
    const denied = authorize(ctx, auth.principal, account, container, BLOB_ACTION.write, version);
    if (denied) return denied;
    const type = request.headers.get('x-ms-blob-type');
    if (type === null) return storageError(ctx, version, 400, 'MissingRequiredHeader', STORAGE_TEXT.missingHeader, { headerName: 'x-ms-blob-type' });
    if (type !== 'BlockBlob') return storageError(ctx, version, 400, 'InvalidHeaderValue', STORAGE_TEXT.invalidHeader, { headerName: 'x-ms-blob-type' });
    const written = putBlob(ctx.world, {
      account: account.name,
      container,
      name: blob,
      content: await request.text(),
      contentType: request.headers.get('x-ms-blob-content-type') ?? request.headers.get('content-type') ?? 'application/octet-stream',
    });
    if (!written.ok) {
      return written.error.code === 'ContainerNotFound'
        ? storageError(ctx, version, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound)
        : storageError(ctx, version, 400, written.error.code, written.error.message);
    }
    return textReply('', null, {
      status: 201,
      at,
      headers: {
        ...blobHeaders(ctx, version),
        ETag: written.value.etag,
        'Last-Modified': new Date(written.value.lastModified).toUTCString(),
        'x-ms-request-server-encrypted': 'true',
        'Content-Length': '0',
      },
    });
  }

  const denied = authorize(ctx, auth.principal, account, container, BLOB_ACTION.read, version);
  if (denied) return denied;
  const found = getBlob(ctx.world, account.name, container, blob);
  if (!found.ok) {
    return found.error.code === 'ContainerNotFound'
      ? storageError(ctx, version, 404, 'ContainerNotFound', STORAGE_TEXT.containerNotFound)
      : storageError(ctx, version, 404, 'BlobNotFound', STORAGE_TEXT.blobNotFound);
  }
  const b = found.value;
  const headers = {
    ...blobHeaders(ctx, version),
    ETag: b.etag,
    'Last-Modified': new Date(b.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-lease-status': 'unlocked',
    'x-ms-lease-state': 'available',
    'x-ms-server-encrypted': 'true',
    'x-ms-creation-time': new Date(b.lastModified).toUTCString(),
  };
  if (request.method === 'HEAD') {
    return new Response(null, { status: 200, headers: { ...headers, 'Content-Type': b.contentType, 'Content-Length': String(new TextEncoder().encode(b.content).byteLength), Date: new Date(at).toUTCString() } });
  }
  return textReply(b.content, b.contentType, { status: 200, at, headers });
}
