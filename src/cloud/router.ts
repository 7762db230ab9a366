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
import { MAX_BODY_BYTES } from './http/body';
import { cloudShellService } from './cloudshell/service';
import { graphService } from './graph/service';
import { CLOUD_SHELL_PORT, resolveHost } from './hosts';
import { imdsService } from './imds/service';
import { keyVaultService } from './keyvault/service';
import { connectionRefused, connectTimedOut, hostNotFound, type SimulatedNetworkError } from './network-errors';
import { RequestLog, type LoggedRequest, type LoggedResponse } from './request-log';
import type { ServiceDefinition } from './service';
import { storageService } from './storage/service';

export interface RouterOptions {
  /** Share a log between routers, or bring one with a different bound. */
  log?: RequestLog;
  logLimit?: number;
  /** How fault-plan latency is waited out; defaults to real setTimeout. */
  wait?: (ms: number) => Promise<void>;
}

export interface FetchOptions {
  from: CallerId;
}

export interface Router {
  fetch(request: Request, opts: FetchOptions): Promise<Response>;
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

type BodyRead = { ok: true; bytes: Uint8Array | null } | { ok: false };

/** Reads at most MAX_BODY_BYTES; stops (and cancels the stream) as soon as the cap is passed. */
async function readBody(request: Request): Promise<BodyRead> {
  if (BODYLESS.has(request.method.toUpperCase()) || request.body === null) return { ok: true, bytes: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

const decoder = new TextDecoder();

export function createRouter(initialWorld: World, opts: RouterOptions = {}): Router {
  let world = initialWorld;
  const log = opts.log ?? new RequestLog(opts.logLimit);
  const wait = opts.wait ?? defaultWait;
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

  async function route(request: Request, from: CallerId): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    const read = await readBody(request);
    const bodyText = read.ok && read.bytes ? decoder.decode(read.bytes) : read.ok ? '' : `(body over ${MAX_BODY_BYTES} bytes, not kept)`;
    const logged: LoggedRequest = {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: bodyText,
    };
    const resolved = resolveHost(world, url.hostname);
    if (!resolved) return unreachable(from, logged, null, hostNotFound(url.hostname), started);
    if (resolved.service === 'imds') {
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
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
    const ctx = newContext({ from, world, service: resolved.service, requestId: crypto.randomUUID(), wait });
    let response: Response;
    if (!read.ok) {
      ctx.operation = `${resolved.service}.bodyTooLarge`;
      response = definition.tooLarge(ctx);
    } else {
      // The Request handed to msw is the WeakMap key handlers use to find their context.
      const forMsw = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: read.bytes && !BODYLESS.has(request.method.toUpperCase()) ? (read.bytes as Uint8Array<ArrayBuffer>) : null,
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
    const loggedResponse: LoggedResponse = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body: response.body ? await response.clone().text() : '',
    };
    recordExchange(ctx, logged, loggedResponse, started);
    return response;
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
    fetch(request, { from }) {
      return route(request, from);
    },
    log,
    get world() {
      return world;
    },
    replaceWorld(next) {
      world = next;
    },
  };
}
