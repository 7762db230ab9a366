/**
 * Sends planned requests through the injected fetch (the only way out of the VM) and turns what
 * comes back, or how it fails, into curl's outcomes: a hop per response (several with -L), or a
 * CurlError carrying curl's exit code.
 */
import { unansweredConnect } from './connect-wait';
import { CurlError, curlErrors } from './errors';
import { portOf } from './http-wire';
import type { CurlOptions } from './options';
import { type PlannedRequest, parseCurlUrl, toFetchRequest } from './request';

import type { ShellFetch } from '../types';

/** The fetch bound to this VM. See README.md for the error contract (`code: 'ENOTFOUND'` ...). */
export type { ShellFetch };

export interface TransferDeps {
  fetch: ShellFetch;
  now: () => number;
  /** Cancels the run (Ctrl+C or a session limit). */
  signal?: AbortSignal;
  /** Wraps time spent waiting on the network, so it is not billed as runaway CPU time. */
  waitFor: <T>(p: Promise<T>) => Promise<T>;
  /** Waits out simulated time (a connect nothing answers); `now` must include it afterwards. Default: not at all. */
  pause?: (ms: number) => Promise<void>;
}

export interface Hop {
  request: PlannedRequest;
  response: Response;
  body: Uint8Array;
  startedAt: number;
  endedAt: number;
}

export interface TransferResult {
  hops: Hop[];
  /** Set when the transfer failed after some hops (e.g. a timeout on a redirect target). */
  error?: CurlError;
  /** The request being attempted when the transfer failed without any response. */
  failedRequest?: PlannedRequest;
  startedAt: number;
  endedAt: number;
}

class Timeout extends Error {}
class Cancelled extends Error {}
/** The response started but its body could not be read to the end. */
class BodyFailed extends Error {}

function errorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function mapNetworkError(err: unknown, req: PlannedRequest, elapsedMs: number): CurlError {
  const host = req.url.hostname;
  const port = portOf(req.url);
  switch (errorCode(err)) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return curlErrors.couldNotResolveHost(host);
    case 'ECONNREFUSED':
      return curlErrors.connectionRefused(host, port, elapsedMs);
    case 'ECONNRESET':
      return curlErrors.connectionReset();
    default:
      return curlErrors.couldNotConnect(host, port, elapsedMs);
  }
}

/** Races `work` against the -m deadline and the run's cancellation. */
function guarded<T>(work: Promise<T>, deadline: number | undefined, deps: TransferDeps, abort: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => finish(() => reject(new Cancelled()));
    const finish = (settle: () => void) => {
      if (timer !== undefined) clearTimeout(timer);
      deps.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    if (deadline !== undefined) {
      timer = setTimeout(() => {
        abort.abort();
        finish(() => reject(new Timeout()));
      }, Math.max(0, deadline - deps.now()));
    }
    if (deps.signal?.aborted) return onAbort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => finish(() => resolve(v)),
      (e: unknown) => finish(() => reject(e)),
    );
  });
}

/**
 * Nothing answered the connection attempt (the network rejects at once with ETIMEDOUT): wait as
 * curl and the kernel would, on simulated time, then fail with curl's own text (connect-wait.ts).
 */
async function unanswered(req: PlannedRequest, o: CurlOptions, deadline: number | undefined, startedAt: number, deps: TransferDeps): Promise<never> {
  const outcome = unansweredConnect({ host: req.url.hostname, port: portOf(req.url), hopStartedAt: startedAt, deadline, connectTimeoutMs: o.connectTimeoutMs, now: deps.now() });
  const abort = new AbortController();
  await deps.waitFor(guarded(deps.pause?.(outcome.waitMs) ?? Promise.resolve(), undefined, deps, abort));
  outcome.error.trace = outcome.trace;
  throw outcome.error;
}

async function exchange(req: PlannedRequest, o: CurlOptions, deadline: number | undefined, deps: TransferDeps, received: { bytes: number }): Promise<Hop> {
  const abort = new AbortController();
  const startedAt = deps.now();
  const request = toFetchRequest(req, abort.signal);
  const response = await deps.waitFor(guarded(deps.fetch(request), deadline, deps, abort)).catch((err: unknown) => {
    if (errorCode(err) === 'ETIMEDOUT') return unanswered(req, o, deadline, startedAt, deps);
    throw err;
  });
  const reading = response.arrayBuffer().catch((e: unknown) => {
    throw new BodyFailed(String(e));
  });
  const buffer = await deps.waitFor(guarded(reading, deadline, deps, abort));
  const body = new Uint8Array(buffer);
  received.bytes += body.byteLength;
  return { request: req, response, body, startedAt, endedAt: deps.now() };
}

function redirectTarget(hop: Hop): string | undefined {
  const { status } = hop.response;
  if (![301, 302, 303, 307, 308].includes(status)) return undefined;
  const location = hop.response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, hop.request.url).href;
  } catch {
    return undefined;
  }
}

/** curl -L rules: 303 always turns into GET; 301/302 turn a POST into GET; 307/308 keep everything. */
async function followRedirect(prev: Hop, location: string): Promise<PlannedRequest> {
  const { url, target } = parseCurlUrl(location);
  const status = prev.response.status;
  const toGet = status === 303 || ((status === 301 || status === 302) && prev.request.method === 'POST');
  const keepHost = url.host === prev.request.url.host;
  const headerLines = prev.request.headerLines
    .filter((l) => !(toGet && /^content-(length|type):/i.test(l)))
    // curl does not send credentials on to a different host
    .filter((l) => keepHost || !/^authorization:/i.test(l))
    .map((l) => (/^host:/i.test(l) ? `Host: ${url.host}` : l));
  return {
    ...prev.request,
    url,
    target,
    method: toGet ? 'GET' : prev.request.method,
    body: toGet ? undefined : prev.request.body,
    headerLines,
  };
}

/** Runs one URL's transfer: the first request and, with -L, its redirects. */
export async function transfer(first: PlannedRequest, o: CurlOptions, deps: TransferDeps): Promise<TransferResult> {
  const startedAt = deps.now();
  const deadline = o.maxTimeMs !== undefined && o.maxTimeMs > 0 ? startedAt + o.maxTimeMs : undefined;
  const hops: Hop[] = [];
  const received = { bytes: 0 };
  let req = first;
  for (;;) {
    try {
      hops.push(await exchange(req, o, deadline, deps, received));
    } catch (err) {
      const elapsed = Math.round(deps.now() - startedAt);
      if (err instanceof Cancelled) throw err;
      if (err instanceof CurlError) return { hops, error: err, failedRequest: req, startedAt, endedAt: deps.now() };
      const error =
        err instanceof Timeout ? curlErrors.timedOut(Math.max(elapsed, o.maxTimeMs ?? 0), received.bytes)
        : err instanceof BodyFailed ? curlErrors.bodyFailed()
        : mapNetworkError(err, req, elapsed);
      return { hops, error, failedRequest: req, startedAt, endedAt: deps.now() };
    }
    const last = hops[hops.length - 1] as Hop;
    const location = o.location ? redirectTarget(last) : undefined;
    if (location === undefined) break;
    if (hops.length - 1 >= o.maxRedirs) {
      return { hops, error: curlErrors.tooManyRedirects(o.maxRedirs), startedAt, endedAt: deps.now() };
    }
    try {
      req = await followRedirect(last, location);
    } catch (err) {
      if (err instanceof CurlError) return { hops, error: err, startedAt, endedAt: deps.now() };
      throw err;
    }
  }
  return { hops, startedAt, endedAt: deps.now() };
}

export { Cancelled as TransferCancelled };
