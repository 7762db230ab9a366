/** `GET /metadata/versions`: the only IMDS endpoint that needs no api-version (imds.md §2). */
import type { CallContext } from '../call-context';
import { jsonReply } from '../http/respond';
import { IMDS_API_VERSIONS } from './api-versions';
import { IMDS_ERRORS, imdsError } from './errors';
import { guardImds } from './guard';
import { imdsHeaders } from './respond';

export function handleVersions(ctx: CallContext, request: Request): Response {
  ctx.operation = 'imds.versions';
  if (request.method !== 'GET') return imdsError(405, IMDS_ERRORS.methodNotAllowed(), ctx.world.now());
  const guard = guardImds(ctx, request, { since: null, form: 'instance' });
  if (!guard.ok) return guard.response;
  return jsonReply({ apiVersions: [...IMDS_API_VERSIONS] }, { status: 200, at: ctx.world.now(), headers: imdsHeaders() });
}
