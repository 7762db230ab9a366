/**
 * `GET http://169.254.169.254/metadata/identity/oauth2/token`, answering as the calling VM
 * (imds.md §1, checklist §7). The sim resolves the identity and mints or re-serves the token;
 * this module owns the order of checks and the exact wire form.
 */
import { requestImdsToken, type SimError } from '../../sim/index';
import type { CallContext } from '../call-context';
import { jsonReply } from '../http/respond';
import { IDENTITY_SINCE } from './api-versions';
import { IMDS_ERRORS, imdsError, invalidResourceBody } from './errors';
import { callerVm, guardImds, repeatedParameter, withImdsFaults } from './guard';
import { imdsHeaders } from './respond';

export const TOKEN_PATH = '/metadata/identity/oauth2/token';

const SELECTORS = ['client_id', 'object_id', 'msi_res_id', 'mi_res_id'] as const;

export async function handleTokenRequest(ctx: CallContext, request: Request): Promise<Response> {
  ctx.operation = 'imds.token';
  if (request.method !== 'GET') return imdsError(405, IMDS_ERRORS.methodNotAllowed(), ctx.world.now());
  return withImdsFaults(ctx, () => issue(ctx, request));
}

async function issue(ctx: CallContext, request: Request): Promise<Response> {
  const at = ctx.world.now();
  const guard = guardImds(ctx, request, { since: IDENTITY_SINCE, form: 'identity' });
  if (!guard.ok) return guard.response;
  const params = guard.url.searchParams;
  const resource = params.get('resource');
  if (resource === null || resource === '') return imdsError(400, IMDS_ERRORS.resourceMissing(), at);
  const repeated = repeatedParameter(guard.url);
  if (repeated) return imdsError(400, IMDS_ERRORS.repeatedParameter(repeated), at);
  const given = SELECTORS.filter((s) => (params.get(s) ?? '') !== '');
  if (given.length > 1) return imdsError(400, IMDS_ERRORS.selectorConflict(), at);

  // The older docs' `mi_res_id` is honoured as `msi_res_id` (imds.md §1.1, MSAL's comment).
  const msiResId = params.get('msi_res_id') || params.get('mi_res_id') || null;
  const selector = {
    ...(params.get('client_id') ? { clientId: params.get('client_id')! } : {}),
    ...(params.get('object_id') ? { objectId: params.get('object_id')! } : {}),
    ...(msiResId ? { msiResId } : {}),
  };
  const result = await requestImdsToken(ctx.world, {
    vm: callerVm(ctx),
    resource,
    bypassCache: params.get('bypass_cache') === 'true',
    ...selector,
  });
  if (!result.ok) return tokenError(ctx, result.error, at);

  const token = result.value;
  const identity = token.identity;
  ctx.identity = {
    principalId: identity.principalId,
    clientId: identity.clientId,
    kind: identity.kind,
    resourceId: identity.identityResourceId,
    userPrincipalName: null,
  };
  ctx.tokenId = token.record.uti;
  ctx.imdsToken = { resource, fromCache: token.fromCache, selector };
  // Real VMs: keys in alphabetical order, every value a string, no refresh_token (imds.md §1.3).
  const body = {
    access_token: token.record.jwt,
    client_id: token.clientId,
    expires_in: String(token.expiresIn),
    expires_on: String(token.expiresOn),
    ext_expires_in: String(token.extExpiresIn),
    not_before: String(token.notBefore),
    resource,
    token_type: 'Bearer',
  };
  return jsonReply(body, { status: 200, at: ctx.world.now(), headers: imdsHeaders() });
}

function tokenError(ctx: CallContext, error: SimError, at: number): Response {
  switch (error.code) {
    case 'MultipleUserAssignedIdentities':
      return imdsError(400, IMDS_ERRORS.multipleUserAssigned(), at);
    case 'IdentitySelectorConflict':
      return imdsError(400, IMDS_ERRORS.selectorConflict(), at);
    case 'invalid_request':
      return imdsError(400, IMDS_ERRORS.resourceMissing(), at);
    case 'invalid_resource':
      return imdsError(400, invalidResourceBody(error.message, at, ctx.requestId, crypto.randomUUID()), at);
    case 'IdentityNotFound':
    default:
      // Anything else the sim refuses means there is no usable identity for this request.
      return imdsError(400, IMDS_ERRORS.identityNotFound(), at);
  }
}
