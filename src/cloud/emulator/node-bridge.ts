/**
 * Node's http messages ↔ fetch's Request/Response for the emulator (Node only). Bodies stay bytes.
 * Nothing here decides anything: the router answers, these functions only carry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpSysPage } from '../http/http-sys';
import type { Router } from '../router';
import type { CallerId } from '../call-context';

/** Headers that describe one connection, never the request (RFC 9110 §7.6.1), plus the proxy's own. */
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate']);

/** Methods fetch's Request cannot carry; the service's own refusal answers them. */
export const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The body, keeping at most `keep` bytes: the router refuses anything over its cap, so one byte
 * past the cap is all it needs to see; the rest is read and dropped so the client can get the 413.
 */
export function collectBody(req: IncomingMessage, keep: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept >= keep) return;
      const part = kept + chunk.length > keep ? chunk.subarray(0, keep - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    });
    req.on('end', () => {
      const out = new Uint8Array(new ArrayBuffer(kept));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    req.on('error', reject);
  });
}

/** The request's end-to-end headers as fetch Headers; null when one cannot be a fetch header. */
export function headersOf(req: IncomingMessage): Headers | null {
  const headers = new Headers();
  try {
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      headers.append(name, req.rawHeaders[i + 1]!);
    }
  } catch {
    return null;
  }
  return headers;
}

export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, statusText?: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, statusText, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  sendText(res, status, text, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const isLoopbackPeer = (address: string | undefined) => LOOPBACK_PEERS.has(address ?? '') || /^(::ffff:)?127\./.test(address ?? '');

/** HTTP.sys's 400 pages, as the Windows services answer them before any handler. */
export function sendHttpSys(res: ServerResponse, page: 'url' | 'hostname'): void {
  sendText(res, 400, httpSysPage(page), { 'Content-Type': 'text/html; charset=us-ascii', Server: 'Microsoft-HTTPAPI/2.0', Connection: 'close' }, 'Bad Request');
}

/** Node refuses a status message with control or non-Latin-1 characters; Storage's are plain ASCII. */
const safeStatusText = (text: string) => text.replace(/[^\x20-\x7e]/g, ' ');

export async function sendResponse(res: ServerResponse, response: Response, method: string): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const payload = method === 'HEAD' ? null : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, response.statusText ? safeStatusText(response.statusText) : undefined, headers);
  res.end(payload ?? undefined);
}

export interface Exchange {
  router: Router;
  from: CallerId;
  /** Largest body the router takes for the target service. */
  bodyLimit: number;
  /** Where the client really called (per-port prefix), for ids in answers. */
  publicBase?: string;
}

/**
 * One request through the router. A method fetch cannot carry, an undecodable target or a header
 * fetch refuses gets the service's own 4xx; a host the world does not have is the caller's to word.
 */
export async function forward(req: IncomingMessage, res: ServerResponse, target: string, x: Exchange): Promise<{ networkError: Error & { code?: string } } | null> {
  const method = (req.method ?? 'GET').toUpperCase();
  const opts = { from: x.from, ...(x.publicBase ? { publicBase: x.publicBase } : {}) };
  try {
    if (FORBIDDEN_METHODS.has(method)) {
      req.resume();
      await sendResponse(res, await x.router.refuse({ method, url: target, reason: 'method' }, opts), method);
      return null;
    }
    const headers = headersOf(req);
    if (!headers) {
      req.resume();
      await sendResponse(res, await x.router.refuse({ method, url: target, reason: 'url' }, opts), method);
      return null;
    }
    const body = method === 'GET' || method === 'HEAD' ? null : await collectBody(req, x.bodyLimit + 1);
    if (method === 'GET' || method === 'HEAD') req.resume();
    const response = await x.router.fetch(new Request(target, { method, headers, ...(body && body.length > 0 ? { body } : {}) }), opts);
    await sendResponse(res, response, method);
    return null;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) return { networkError: err };
    throw e;
  }
}
