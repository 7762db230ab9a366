/**
 * The small identity-category endpoints: `/metadata/identity/info` (REST spec only, imds.md §2)
 * and the MSI v2 probe `POST /metadata/identity/credential`, which answers 404 because MSI v2 is
 * not simulated (a 400 would make msal-node switch to the mTLS flow, imds.md §7 item 4).
 */
import { resolveVmIdentity } from '../../sim/index';
import type { CallContext } from '../call-context';
import { jsonReply } from '../http/respond';
import { IDENTITY_SINCE } from './api-versions';
import { IMDS_ERRORS, imdsError } from './errors';
import { callerVm, guardImds, withImdsFaults } from './guard';
import { imdsHeaders } from './respond';

export async function handleIdentityInfo(ctx: CallContext, request: Request): Promise<Response> {
  ctx.operation = 'imds.identityInfo';
  if (request.method !== 'GET') return imdsError(405, IMDS_ERRORS.methodNotAllowed(), ctx.world.now());
  return withImdsFaults(ctx, () => {
    const at = ctx.world.now();
    const guard = guardImds(ctx, request, { since: IDENTITY_SINCE, form: 'identity' });
    if (!guard.ok) return guard.response;
    // The spec describes the tenant of the system-assigned identity; with user-assigned only,
    // the tenant is the same one, so any identity on the VM answers it.
    const identity = resolveVmIdentity(ctx.world, callerVm(ctx));
    const hasAny = identity.ok || identity.error.code === 'MultipleUserAssignedIdentities';
    if (!hasAny) return imdsError(400, IMDS_ERRORS.identityNotFound(), at);
    return jsonReply({ tenantId: ctx.world.tenantId }, { status: 200, at, headers: imdsHeaders() });
  });
}

export function handleCredentialProbe(ctx: CallContext): Response {
  ctx.operation = 'imds.credential';
  return imdsError(404, IMDS_ERRORS.notFound(), ctx.world.now());
}
