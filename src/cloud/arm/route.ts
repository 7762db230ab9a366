/**
 * One ARM operation as an msw handler, run through ARM's pipeline in ARM's order: authenticate
 * (401) → api-version (400) → subscription exists (404) → body is JSON (400) → authorize (403) →
 * the operation, which may still 404. Authorizing before looking things up is what makes a
 * reader-less caller get 403 rather than 404 for a group that does not exist (rbac-arm.md §3.7).
 */
import type { HttpHandler } from 'msw';
import { cloudHttp as http } from '../msw/cloud-http';
import { findSubscription, type Result } from '../../sim/index';
import { contextOf, type CallContext } from '../call-context';
import { isPlainObject, parseJsonBody } from '../http/body';
import { ARM_ORIGIN } from '../hosts';
import { authenticateArm } from './authenticate';
import type { Check } from '../access/decide';
import { authorizeArm } from './authorize';
import { ARM_TEXT, armError, statusForSimError } from './errors';
import type { Principal } from '../access/principal';
import { armEmpty, armJson, setCorrelationId } from './respond';

export type ArmMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'POST';

export interface ArmCall {
  ctx: CallContext;
  request: Request;
  url: URL;
  params: Record<string, string>;
  principal: Principal;
  /** Parsed JSON body (PUT/PATCH/POST); undefined when empty. */
  body: unknown;
  apiVersion: string;
}

export type ArmReply = { status: number; body?: unknown; headers?: Record<string, string> } | Response;

export interface ArmRoute {
  method: ArmMethod;
  /** Path pattern after the host, msw syntax (`:name`, `*`); matched case-insensitively. */
  path: string;
  operation: string;
  apiVersions: readonly string[];
  /** What RBAC must allow; null for operations that filter what they return instead. */
  authorize: (call: ArmCall) => Check | null;
  handle: (call: ArmCall) => ArmReply | Promise<ArmReply>;
}

/** A sim error as ARM's error response. */
export function simFailure(ctx: CallContext, result: Result<unknown>): Response {
  if (result.ok) return armError(ctx, 'InternalServerError', ARM_TEXT.internal(ctx.requestId), 500);
  return armError(ctx, result.error.code, result.error.message, statusForSimError(result.error.code));
}

export function armRoute(route: ArmRoute): ArmRoute {
  return route;
}

const WITH_BODY = new Set(['PUT', 'PATCH', 'POST']);

export async function runArmRoute(route: ArmRoute, ctx: CallContext, request: Request, params: Record<string, string>): Promise<Response> {
  ctx.operation = `arm.${route.operation}`;
  setCorrelationId(ctx, request.headers.get('x-ms-correlation-request-id'));
  const auth = await authenticateArm(ctx, request);
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const apiVersion = url.searchParams.get('api-version');
  if (apiVersion === null || apiVersion === '') return armError(ctx, 'MissingApiVersionParameter', ARM_TEXT.missingApiVersion, 400);
  if (!route.apiVersions.includes(apiVersion)) {
    return armError(ctx, 'InvalidApiVersionParameter', ARM_TEXT.invalidApiVersion(apiVersion, route.apiVersions), 400);
  }
  const sub = params.subscriptionId ?? /^\/subscriptions\/([^/]+)/i.exec(scopeParam(params))?.[1];
  if (sub !== undefined && !findSubscription(ctx.world, sub)) {
    return armError(ctx, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`, 404);
  }
  let body: unknown;
  if (WITH_BODY.has(route.method)) {
    const parsed = parseJsonBody(await request.text());
    if (!parsed.ok) return armError(ctx, 'InvalidRequestContent', ARM_TEXT.invalidContent(parsed.message), 400);
    if (!parsed.empty && !isPlainObject(parsed.value)) {
      return armError(ctx, 'InvalidRequestContent', ARM_TEXT.invalidContent('The request body must be a JSON object.'), 400);
    }
    body = parsed.value;
  }
  const call: ArmCall = { ctx, request, url, params, principal: auth.principal, body, apiVersion };
  const check = route.authorize(call);
  if (check) {
    const verdict = authorizeArm(ctx, auth.principal, check);
    if (!verdict.ok) return verdict.response;
  }
  const reply = await route.handle(call);
  if (reply instanceof Response) return reply;
  if (reply.body === undefined) return armEmpty(ctx, reply.status);
  return armJson(ctx, reply.status, reply.body, reply.headers);
}

export function armHandler(route: ArmRoute): HttpHandler {
  const method = route.method.toLowerCase() as 'get' | 'put' | 'patch' | 'delete' | 'head' | 'post';
  return http[method](`${ARM_ORIGIN}${route.path}`, ({ request, params }) =>
    runArmRoute(route, contextOf(request), request, params as Record<string, string>),
  );
}

/** The scope captured by a leading `*` (`/*\/providers/…`), or "/" for the tenant-root form. */
export function scopeParam(params: Record<string, string>): string {
  const raw = params['0'];
  return raw === undefined || raw === '' ? '/' : `/${raw.replace(/^\/+|\/+$/g, '')}`;
}

/** Bodies ARM lists: `{ value: [...] }`. */
export const listOf = <T>(value: T[]) => ({ value });
