/**
 * `GET /metadata/instance[/path…]` (imds.md §2): route filtering down the document, `format=text`
 * required for a leaf and only allowed there.
 */
import { findVm } from '../../sim/index';
import type { CallContext } from '../call-context';
import { jsonReply, textReply } from '../http/respond';
import { INSTANCE_SINCE } from './api-versions';
import { IMDS_ERRORS, imdsError } from './errors';
import { callerVm, guardImds, withImdsFaults } from './guard';
import { instanceDocument, selectPath } from './instance-document';
import { imdsHeaders } from './respond';

export async function handleInstanceRequest(ctx: CallContext, request: Request): Promise<Response> {
  ctx.operation = 'imds.instance';
  if (request.method !== 'GET') return imdsError(405, IMDS_ERRORS.methodNotAllowed(), ctx.world.now());
  return withImdsFaults(ctx, () => answer(ctx, request));
}

function answer(ctx: CallContext, request: Request): Response {
  const at = ctx.world.now();
  const guard = guardImds(ctx, request, { since: INSTANCE_SINCE, form: 'instance' });
  if (!guard.ok) return guard.response;
  const vm = findVm(ctx.world, callerVm(ctx));
  if (!vm) return imdsError(404, IMDS_ERRORS.instanceNotFound(), at);
  const segments = guard.url.pathname.replace(/^\/metadata\/instance\/?/i, '').split('/').filter((s) => s !== '');
  const node = selectPath(instanceDocument(vm, guard.apiVersion!), segments);
  if (node === undefined) return imdsError(404, IMDS_ERRORS.instanceNotFound(), at);
  const format = guard.url.searchParams.get('format') ?? 'json';
  const leaf = typeof node === 'string';
  if (format === 'text') {
    if (!leaf) return imdsError(400, IMDS_ERRORS.textNeedsLeaf(), at);
    return textReply(node, 'text/plain; charset=utf-8', { status: 200, at, headers: imdsHeaders() });
  }
  if (format !== 'json') return imdsError(400, IMDS_ERRORS.invalidFormat(format), at);
  if (leaf) return imdsError(400, IMDS_ERRORS.leafNeedsText(), at);
  return jsonReply(node, { status: 200, at, headers: { ...imdsHeaders(), 'x-ms-request-id': ctx.requestId } });
}
