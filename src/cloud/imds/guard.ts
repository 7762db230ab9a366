/**
 * Checks every IMDS identity and instance request goes through, in the order of imds.md §7:
 * the fault plan (an updating or throttled IMDS answers before looking at the request), the
 * `Metadata: true` header, no `X-Forwarded-For`, then the api-version.
 */
import { imdsFaultFor } from '../../sim/index';
import type { CallContext } from '../call-context';
import { checkImdsApiVersion, NEWEST_VERSIONS } from './api-versions';
import { IMDS_ERRORS, imdsError, type ImdsErrorBody } from './errors';

/** The calling VM (the router only lets VM callers reach IMDS). */
export function callerVm(ctx: CallContext): string {
  return ctx.from.kind === 'vm' ? ctx.from.vmId : '';
}

const inFlight = new WeakMap<object, Map<string, number>>();

/**
 * Runs `fn` counted as one in-flight request from the caller's VM (the fault plan's concurrency
 * limit is per VM), after applying any fault or latency the plan holds for this moment.
 */
export async function withImdsFaults(ctx: CallContext, fn: () => Promise<Response> | Response): Promise<Response> {
  const vm = callerVm(ctx).toLowerCase();
  let counts = inFlight.get(ctx.world);
  if (!counts) inFlight.set(ctx.world, (counts = new Map()));
  const running = (counts.get(vm) ?? 0) + 1;
  counts.set(vm, running);
  try {
    const fault = imdsFaultFor(ctx.world, ctx.world.now(), running, vm);
    if (fault) {
      ctx.latencyMs = fault.latencyMs;
      if (fault.latencyMs > 0) await ctx.wait(fault.latencyMs);
      if (fault.kind === 'error') {
        ctx.operation = `${ctx.operation ?? 'imds'}.fault.${fault.cause}`;
        return imdsError(fault.status, fault.body, ctx.world.now());
      }
    }
    return await fn();
  } finally {
    const left = (counts.get(vm) ?? 1) - 1;
    if (left <= 0) counts.delete(vm);
    else counts.set(vm, left);
  }
}

export type GuardResult = { ok: true; url: URL; apiVersion: string | null } | { ok: false; response: Response };

/**
 * Header and api-version checks. `form` picks the error body family: the identity endpoints use
 * OAuth errors, `/metadata/instance` the one-field "Bad request." form.
 */
export function guardImds(
  ctx: CallContext,
  request: Request,
  opts: { since: string | null; form: 'identity' | 'instance' },
): GuardResult {
  const at = ctx.world.now();
  const fail = (status: number, body: ImdsErrorBody) => ({ ok: false as const, response: imdsError(status, body, at) });
  // Docs: the value "must be set to "true", in all lower case".
  if (request.headers.get('metadata') !== 'true') {
    return fail(400, opts.form === 'identity' ? IMDS_ERRORS.metadataHeader() : IMDS_ERRORS.instanceMetadataHeader());
  }
  if (request.headers.has('x-forwarded-for')) return fail(400, IMDS_ERRORS.forwardedFor());
  const url = new URL(request.url);
  if (opts.since === null) return { ok: true, url, apiVersion: null };
  const version = checkImdsApiVersion(url.searchParams.get('api-version'), opts.since);
  if (!version.ok) {
    return fail(400, version.missing ? IMDS_ERRORS.apiVersionMissing(NEWEST_VERSIONS) : IMDS_ERRORS.apiVersionInvalid(NEWEST_VERSIONS));
  }
  return { ok: true, url, apiVersion: version.version };
}

/** The first query parameter name that appears more than once (IMDS rejects repeats, imds.md §1.1). */
export function repeatedParameter(url: URL): string | null {
  const seen = new Set<string>();
  for (const key of url.searchParams.keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}
