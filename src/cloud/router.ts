/**
 * The in-process router: resolves a Request against the simulated services through msw's
 * `getResponse` (no service worker: an https page cannot reach http://169.254.169.254, and
 * workers fail in cross-origin embeds), records every exchange in the request log, and never
 * throws except for failures below HTTP, which reject like Node's fetch (`code` ENOTFOUND,
 * ETIMEDOUT, ECONNREFUSED).
 */
import { getResponse, type HttpHandler } from 'msw';
import type { World } from '../sim/index';
import { bindContext, newContext, type CallContext, type CallerId, type Service } from './call-context';
import { armService } from './arm/service';
import { DEFAULT_BODY_LIMITS } from './http/body';
import { cloudShellService } from './cloudshell/service';
import { graphService } from './graph/service';
import { CLOUD_SHELL_PORT, resolveHost } from './hosts';
import { imdsService } from './imds/service';
import { keyVaultService } from './keyvault/service';
import { connectionRefused, connectTimedOut, noSuchHost, type SimulatedNetworkError } from './network-errors';
import { loggedBody, RequestLog, type LoggedRequest, type LoggedResponse } from './request-log';
import type { ServiceDefinition } from './service';
import { storageService } from './storage/service';

export interface RouterOptions {
  /** Share a log between routers, or bring one with a different bound. */
  log?: RequestLog;
  logLimit?: number;
  /** How fault-plan latency is waited out; defaults to real setTimeout. */
  wait?: (ms: number) => Promise<void>;
  /** The largest request body each service accepts (bytes); see DEFAULT_BODY_LIMITS. */
  maxBodyBytes?: Partial<Record<Service, number>>;
}

export interface FetchOptions {
  from: CallerId;
  /**
   * The origin (and path prefix) the client really called when it was not the service's own host,
   * e.g. `http://127.0.0.1:7172/myvault` for the emulator's per-port Key Vault: ids and endpoints in
   * responses name it, as the service names the host it was called on.
   */
  publicBase?: string;
}

/** A request that cannot be a fetch Request (TRACE, `OPTIONS *`), answered by the service's own refusal. */
export interface Refusal {
  method: string;
  /** The simulated URL (its host picks the service). */
  url: string;
  headers?: [string, string][];
  reason: 'method' | 'url';
}

export interface Router {
  fetch(request: Request, opts: FetchOptions): Promise<Response>;
  /** The largest request body each service takes (bytes). */
  readonly bodyLimits: Readonly<Record<Service, number>>;
  /** Answers and logs a request the emulator could not turn into a Request; rejects like fetch for unknown hosts. */
  refuse(refusal: Refusal, opts: FetchOptions): Promise<Response>;
  readonly log: RequestLog;
  /** The world requests act on now. */
  readonly world: World;
  /** Swaps the world (sandbox reset); the log stays. */
  replaceWorld(world: World): void;
}

const SERVICES: Record<Service, ServiceDefinition> = {
  imds: imdsService,
  arm: armService,
  keyvault: keyVaultService,
  storage: storageService,
  graph: graphService,
  cloudshell: cloudShellService,
};

const BODYLESS = new Set(['GET', 'HEAD']);
const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> | null } | { ok: false; size: number };

/** Reads at most `limit` bytes; stops (and cancels the stream) as soon as the cap is passed. */
async function readBody(request: Request, limit: number): Promise<BodyRead> {
  if (BODYLESS.has(request.method.toUpperCase()) || request.body === null) return { ok: true, bytes: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, size };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: concat(chunks, size) };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1 && chunks[0]!.buffer instanceof ArrayBuffer && chunks[0]!.byteOffset === 0 && chunks[0]!.byteLength === chunks[0]!.buffer.byteLength) {
    return chunks[0] as Uint8Array<ArrayBuffer>;
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A path msw (and every service) would fail to percent-decode: `%zz`, `%`, or escapes that are not UTF-8. */
function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

export function createRouter(initialWorld: World, opts: RouterOptions = {}): Router {
  let world = initialWorld;
  const log = opts.log ?? new RequestLog(opts.logLimit);
  const wait = opts.wait ?? defaultWait;
  const limits = { ...DEFAULT_BODY_LIMITS, ...(opts.maxBodyBytes ?? {}) };
  const handlers: Record<Service, HttpHandler[]> = {
    imds: imdsService.handlers(),
    arm: armService.handlers(),
    keyvault: keyVaultService.handlers(),
    storage: storageService.handlers(),
    graph: graphService.handlers(),
    cloudshell: cloudShellService.handlers(),
  };

  function unreachable(from: CallerId, logged: LoggedRequest, service: Service | null, error: SimulatedNetworkError, started: number): never {
    log.append({
      requestId: crypto.randomUUID(),
      caller: from,
      service,
      operation: null,
      request: logged,
      response: null,
      networkError: { code: error.code, message: error.message },
      timing: { simulatedAt: world.now(), wallMs: performance.now() - started, latencyMs: 0 },
      identity: null,
      tokenId: null,
      authorizations: [],
      imdsToken: null,
    });
    throw error;
  }

  async function route(request: Request, { from, publicBase }: FetchOptions): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const resolved = resolveHost(world, url.hostname);
    const read = await readBody(request, resolved ? limits[resolved.service] : limits.arm);
    const logged: LoggedRequest = {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      ...(read.ok ? loggedBody(read.bytes, log.bodyPrefixBytes) : { body: '', bodySize: read.size, bodyTruncated: true }),
    };
    const port = portOf(url);
    if (!resolved) return unreachable(from, logged, null, noSuchHost(url.hostname, port), started);
    if (resolved.service === 'imds') {
      if (from.kind !== 'vm') return unreachable(from, logged, 'imds', connectTimedOut(url.hostname, port), started);
      if (url.protocol !== 'http:' || port !== 80) return unreachable(from, logged, 'imds', connectionRefused(url.hostname, port), started);
    }
    if (resolved.service === 'cloudshell') {
      // Loopback is the caller's own machine: only a Cloud Shell container runs the token endpoint there.
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      if (from.kind !== 'cloudShell' || url.protocol !== 'http:' || port !== CLOUD_SHELL_PORT) {
        return unreachable(from, logged, 'cloudshell', connectionRefused(url.hostname, port), started);
      }
    }

    const definition = SERVICES[resolved.service];
    const ctx = newContext({ from, world, service: resolved.service, requestId: crypto.randomUUID(), wait, publicBase: publicBase ?? null });
    let response: Response;
    if (undecodablePath(url.pathname)) {
      // Before msw: its path matching would throw on the escape.
      ctx.operation = `${resolved.service}.badUrl`;
      response = definition.badUrl(ctx);
    } else if (!read.ok) {
      ctx.operation = `${resolved.service}.bodyTooLarge`;
      response = definition.tooLarge(ctx, limits[resolved.service]);
    } else {
      // The Request handed to msw is the WeakMap key handlers use to find their context.
      const forMsw = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: read.bytes && !BODYLESS.has(request.method.toUpperCase()) ? read.bytes : null,
      });
      bindContext(forMsw, ctx);
      try {
        response = (await getResponse(handlers[resolved.service], forMsw)) ?? definition.internalError(ctx);
      } catch (e) {
        // A handler bug: answer like the service's own 500 and keep the error for the console.
        console.error(`[cloud] ${request.method} ${request.url} failed inside a handler:`, e);
        ctx.operation ??= `${resolved.service}.internalError`;
        response = definition.internalError(ctx);
      }
    }
    return finish(ctx, logged, response, started);
  }

  /** Reads the answer's bytes once: the caller gets them unchanged, the log a bounded prefix. */
  async function finish(ctx: CallContext, logged: LoggedRequest, response: Response, started: number): Promise<Response> {
    // Response.error() (a vault or account that vanished mid-request) has no status to log.
    if (response.type === 'error') return response;
    const bytes = response.body ? new Uint8Array(await response.arrayBuffer()) : null;
    const loggedResponse: LoggedResponse = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      ...loggedBody(bytes, log.bodyPrefixBytes),
    };
    recordExchange(ctx, logged, loggedResponse, started);
    return new Response(bytes && bytes.byteLength > 0 ? bytes : null, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  async function refuse(refusal: Refusal, { from, publicBase }: FetchOptions): Promise<Response> {
    const started = performance.now();
    const url = new URL(refusal.url);
    const logged: LoggedRequest = { method: refusal.method, url: refusal.url, headers: refusal.headers ?? [], body: '', bodySize: 0, bodyTruncated: false };
    const resolved = resolveHost(world, url.hostname);
    if (!resolved) return unreachable(from, logged, null, noSuchHost(url.hostname, portOf(url)), started);
    const definition = SERVICES[resolved.service];
    const ctx = newContext({ from, world, service: resolved.service, requestId: crypto.randomUUID(), wait, publicBase: publicBase ?? null });
    ctx.operation = `${resolved.service}.${refusal.reason === 'method' ? 'methodNotAllowed' : 'badUrl'}`;
    const response = refusal.reason === 'method' ? definition.methodNotAllowed(ctx, refusal.method) : definition.badUrl(ctx);
    return finish(ctx, logged, response, started);
  }

  function recordExchange(ctx: CallContext, request: LoggedRequest, response: LoggedResponse, started: number) {
    log.append({
      requestId: ctx.requestId,
      caller: ctx.from,
      service: ctx.service,
      operation: ctx.operation,
      request,
      response,
      networkError: null,
      timing: { simulatedAt: ctx.at, wallMs: performance.now() - started, latencyMs: ctx.latencyMs },
      identity: ctx.identity,
      tokenId: ctx.tokenId,
      authorizations: ctx.authorizations,
      imdsToken: ctx.imdsToken,
    });
  }

  return {
    fetch(request, opts) {
      return route(request, opts);
    },
    refuse,
    bodyLimits: limits,
    log,
    get world() {
      return world;
    },
    replaceWorld(next) {
      world = next;
    },
  };
}
