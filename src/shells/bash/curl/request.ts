/**
 * Turns parsed curl options and one URL into the request curl would send: the method, the header
 * lines exactly as curl writes them (for -v and size_request), and a fetch Request for the
 * simulated network.
 */
import { curlErrors } from './errors';
import { httpVersionFor } from './http-wire';
import type { CurlOptions, DataPart } from './options';

export const USER_AGENT = 'curl/7.81.0';

/** Where `-d @file` and `--data-urlencode name@file` read from; `-` is stdin. */
export type ReadInput = (path: string) => Promise<string>;

export interface PlannedRequest {
  url: URL;
  /** The request target as typed (curl does not re-encode the path or query). */
  target: string;
  method: string;
  /** Header lines in the order and spelling curl sends them, without CRLF. */
  headerLines: string[];
  body?: string;
  version: '1.1' | '2';
}

/** curl guesses http:// for a URL without a scheme and rejects URLs with blanks in them. */
export function parseCurlUrl(raw: string): { url: URL; target: string } {
  if (raw === '' || /\s/.test(raw)) throw curlErrors.malformedUrl();
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(raw);
  const withScheme = schemeMatch ? raw : `http://${raw}`;
  const scheme = (schemeMatch?.[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw curlErrors.unsupportedProtocol(schemeMatch?.[1] ?? scheme);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw curlErrors.malformedUrl();
  }
  if (!url.hostname) throw curlErrors.malformedUrl();
  const afterAuthority = withScheme.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  let target = afterAuthority.split('#')[0] ?? '';
  if (target.startsWith('?')) target = `/${target}`;
  if (target === '') target = '/';
  return { url, target };
}

/** curl_easy_escape: everything but unreserved characters becomes %XX (UTF-8). */
export function curlEscape(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

async function dataPartText(part: DataPart, read: ReadInput): Promise<string> {
  if (part.kind === 'raw') return part.value;
  if (part.kind === 'urlencode') {
    const v = part.value;
    const eq = v.indexOf('=');
    const at = v.indexOf('@');
    if (eq === 0) return curlEscape(v.slice(1));
    if (eq > 0 && (at < 0 || eq < at)) return `${v.slice(0, eq)}=${curlEscape(v.slice(eq + 1))}`;
    if (at === 0) return curlEscape(await read(v.slice(1)));
    if (at > 0) return `${v.slice(0, at)}=${curlEscape(await read(v.slice(at + 1)))}`;
    return curlEscape(v);
  }
  if (!part.value.startsWith('@')) return part.value;
  const content = await read(part.value.slice(1));
  // -d @file drops carriage returns and newlines; --data-binary keeps the file byte for byte.
  return part.kind === 'binary' ? content : content.replace(/[\r\n]/g, '');
}

interface CustomHeader {
  name: string;
  line: string | null; // null: the header is removed (`-H "Accept:"`)
}

/** -H values: `Name: value`, `Name:` removes, `Name;` sends an empty value, no colon is ignored. */
function customHeaders(raw: readonly string[]): CustomHeader[] {
  const out: CustomHeader[] = [];
  for (const h of raw) {
    const colon = h.indexOf(':');
    if (colon > 0) {
      const name = h.slice(0, colon).trim();
      const value = h.slice(colon + 1).trim();
      out.push({ name, line: value === '' ? null : h });
      continue;
    }
    const semi = h.indexOf(';');
    if (semi > 0 && h.slice(semi + 1).trim() === '') {
      const name = h.slice(0, semi).trim();
      out.push({ name, line: `${name}:` });
    }
  }
  return out;
}

function basicAuth(user: string): string {
  const bytes = new TextEncoder().encode(user.includes(':') ? user : `${user}:`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/** Builds the request for one URL of the command line. */
export async function planRequest(o: CurlOptions, rawUrl: string, read: ReadInput): Promise<PlannedRequest> {
  const dataTexts: string[] = [];
  for (const part of o.data) dataTexts.push(await dataPartText(part, read));
  const data = o.data.length > 0 ? dataTexts.join('&') : undefined;

  let urlText = rawUrl;
  if (data !== undefined && o.get) {
    const hashless = urlText.split('#')[0] ?? urlText;
    urlText = hashless + (hashless.includes('?') ? '&' : '?') + data;
  }
  const { url, target } = parseCurlUrl(urlText);
  const body = data !== undefined && !o.get ? data : undefined;
  const method = o.method ?? (o.head ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  const version = httpVersionFor(url);

  const custom = customHeaders(o.headers);
  const overridden = new Set(custom.map((h) => h.name.toLowerCase()));
  const lines: string[] = [];
  const add = (name: string, value: string) => {
    if (!overridden.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  };
  // curl 7.81 writes its own User-Agent and Accept in lower case when it speaks HTTP/2.
  const own = (name: string) => (version === '2' ? name.toLowerCase() : name);
  add('Host', url.host);
  if (o.user !== undefined) add('Authorization', basicAuth(o.user));
  add(own('User-Agent'), o.userAgent ?? USER_AGENT);
  add(own('Accept'), '*/*');
  if (o.referer !== undefined) add('Referer', o.referer);
  if (o.cookie !== undefined && o.cookie.includes('=')) add('Cookie', o.cookie);
  for (const h of custom) if (h.line !== null) lines.push(h.line);
  if (body !== undefined) {
    add('Content-Length', String(new TextEncoder().encode(body).byteLength));
    add('Content-Type', 'application/x-www-form-urlencoded');
  }
  return { url, target, method, headerLines: lines, body, version };
}

/** The fetch Request for a planned request. Headers a fetch Request cannot carry are left out. */
export function toFetchRequest(p: PlannedRequest, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (const line of p.headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (/^(host|content-length)$/i.test(name)) continue; // set by the transport, not by the caller
    try {
      headers.append(name, line.slice(colon + 1).trim());
    } catch {
      // A header name fetch refuses (e.g. with a space in it): a real server would likely reject
      // it too; the simulation simply does not send it.
    }
  }
  const canHaveBody = p.method.toUpperCase() !== 'GET' && p.method.toUpperCase() !== 'HEAD';
  try {
    return new Request(p.url.href, {
      method: p.method,
      headers,
      body: canHaveBody ? p.body : undefined,
      redirect: 'manual',
      signal,
    });
  } catch {
    throw curlErrors.cannotSend(`a ${p.method} request`);
  }
}
