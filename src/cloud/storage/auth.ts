/**
 * Storage's bearer check (rbac-arm.md §5.2, D1) and the RBAC check each operation makes: blob
 * data actions at the container scope, container operations as their (non-data) actions, checked
 * before existence so a caller without rights learns nothing.
 */
import { getBlob, validateToken, verifySas, type StorageAccount } from '../../sim/index';
import type { CallContext } from '../call-context';
import { decide } from '../access/decide';
import { identityOf, principalFromClaims, type Principal } from '../access/principal';
import { STORAGE_TEXT, storageError } from './errors';

/** The version that introduced OAuth (D1). */
const OAUTH_SINCE = '2017-11-09';

const STORAGE = 'Microsoft.Storage/storageAccounts/blobServices';
/** Storage's per-operation RBAC actions ("Authorize access to blobs using Microsoft Entra ID", operation table). */
export const STORAGE_ACTION = {
  blobRead: { action: `${STORAGE}/containers/blobs/read`, isDataAction: true },
  blobWrite: { action: `${STORAGE}/containers/blobs/write`, isDataAction: true },
  blobDelete: { action: `${STORAGE}/containers/blobs/delete`, isDataAction: true },
  containerRead: { action: `${STORAGE}/containers/read`, isDataAction: false },
  containerWrite: { action: `${STORAGE}/containers/write`, isDataAction: false },
  containerDelete: { action: `${STORAGE}/containers/delete`, isDataAction: false },
} as const;

export type StorageAction = (typeof STORAGE_ACTION)[keyof typeof STORAGE_ACTION];

function audiences(account: string): string[] {
  const host = `https://${account}.blob.core.windows.net`;
  return ['https://storage.azure.com/', 'https://storage.azure.com', host, `${host}/`];
}

export async function authenticate(
  ctx: CallContext,
  request: Request,
  account: StorageAccount,
  version: string | null,
): Promise<{ ok: true; principal: Principal } | { ok: false; response: Response }> {
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
  // Shared Key is not simulated: its signature cannot match, as with a wrong key.
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
  return { ok: true, principal };
}

/** null when allowed; Storage's 403 otherwise. `container` null means the account's blob service. */
export function authorize(ctx: CallContext, principal: Principal, account: StorageAccount, container: string | null, what: StorageAction, version: string | null): Response | null {
  const scope = container === null ? `${account.id}/blobServices/default` : `${account.id}/blobServices/default/containers/${container}`;
  const decision = decide(ctx, principal, { action: what.action, scope, isDataAction: what.isDataAction });
  if (decision?.allowed) return null;
  return storageError(ctx, version, 403, 'AuthorizationPermissionMismatch', STORAGE_TEXT.permissionMismatch);
}

/** True when the request carries a shared access signature in its query (`sig=`), not a token. */
export const hasSas = (url: URL) => url.searchParams.has('sig') || url.searchParams.has('sv');

/**
 * The signed permission each operation needs with a service SAS ("Create a service SAS",
 * permissions table): read r, write w (or create c for a blob that does not exist yet), delete d,
 * list l. Operations on the container itself or the account are not a service SAS's to make.
 */
function sasPermission(operation: string, blobExists: boolean): string | null {
  switch (operation) {
    case 'getBlob':
    case 'getBlobMetadata':
    case 'getBlockList':
    case 'getContainerProperties':
    case 'getContainerMetadata':
      return 'r';
    case 'putBlob':
    case 'putBlockList':
    case 'putBlock':
      return blobExists ? 'w' : 'cw';
    case 'setBlobMetadata':
    case 'setBlobProperties':
      return 'w';
    case 'deleteBlob':
      return 'd';
    case 'listBlobs':
      return 'l';
    default:
      return null;
  }
}

/**
 * A SAS request, checked in the service's order: signature and time (AuthenticationFailed, with the
 * detail), protocol, then the operation against the resource type and the signed permissions. No
 * principal: whoever holds the signature may do what it says, which is the point of a SAS.
 */
export async function authenticateSas(
  ctx: CallContext,
  url: URL,
  account: StorageAccount,
  container: string,
  blob: string,
  operation: string,
  version: string | null,
): Promise<Response | null> {
  const checked = await verifySas(url.searchParams, account, { container, blob, protocol: url.protocol.replace(/:$/, ''), now: ctx.world.now() });
  if (!checked.ok) {
    if (checked.code === 'AuthenticationFailed') return storageError(ctx, version, 403, 'AuthenticationFailed', STORAGE_TEXT.authFailed, { detail: checked.detail });
    return storageError(ctx, version, 403, checked.code, checked.code === 'AuthorizationProtocolMismatch' ? STORAGE_TEXT.protocolMismatch : STORAGE_TEXT.resourceTypeMismatch);
  }
  const exists = blob !== '' && getBlob(ctx.world, account.name, container, blob).ok;
  const needed = sasPermission(operation, exists);
  if (needed === null || (checked.fields.sr === 'b' && operation === 'listBlobs')) {
    return storageError(ctx, version, 403, 'AuthorizationResourceTypeMismatch', STORAGE_TEXT.resourceTypeMismatch);
  }
  if (![...needed].some((p) => checked.fields.sp.includes(p))) return storageError(ctx, version, 403, 'AuthorizationPermissionMismatch', STORAGE_TEXT.permissionMismatch);
  return null;
}
