/** Headers ARM puts on every answer (rbac-arm.md §3.7: request, correlation and routing ids). */
import type { CallContext } from '../call-context';
import { jsonReply, textReply } from '../http/respond';

const correlationIds = new WeakMap<CallContext, string>();

/** The caller's `x-ms-correlation-request-id` is echoed; otherwise ARM makes one. */
export function setCorrelationId(ctx: CallContext, fromRequest: string | null): void {
  correlationIds.set(ctx, fromRequest && fromRequest.length <= 100 ? fromRequest : crypto.randomUUID());
}

export function armHeaders(ctx: CallContext): Record<string, string> {
  const stamp = new Date(ctx.world.now()).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  return {
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Expires: '-1',
    'x-ms-request-id': ctx.requestId,
    'x-ms-correlation-request-id': correlationIds.get(ctx) ?? ctx.requestId,
    'x-ms-routing-request-id': `EASTUS:${stamp}:${ctx.requestId}`,
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
  };
}

export function armJson(ctx: CallContext, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return jsonReply(body, { status, at: ctx.world.now(), headers: { ...armHeaders(ctx), ...headers } });
}

export function armEmpty(ctx: CallContext, status: number): Response {
  return textReply('', null, { status, at: ctx.world.now(), headers: armHeaders(ctx) });
}
