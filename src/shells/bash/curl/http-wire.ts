/**
 * How an exchange looks on the wire, for -i, -I and -v. A fetch Response has lost some of that
 * (header case, reason phrase, protocol), so this module puts back what the real endpoints send.
 */

/**
 * Which HTTP version curl ends up speaking. Plain http (IMDS) is HTTP/1.1. Over https curl 7.81
 * offers h2 via ALPN and Azure's front doors (ARM, Key Vault) accept it; Azure Storage only
 * speaks HTTP/1.1.
 */
export function httpVersionFor(url: URL): '1.1' | '2' {
  if (url.protocol !== 'https:') return '1.1';
  return /\.core\.windows\.net$/i.test(url.hostname) ? '1.1' : '2';
}

const reasons: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content',
  301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The status line as curl prints it. HTTP/2 has no reason phrase; curl 7.81 still prints the space. */
export function statusLine(version: '1.1' | '2', status: number, statusText: string): string {
  if (version === '2') return `HTTP/2 ${status} `;
  return `HTTP/1.1 ${status} ${statusText || reasons[status] || ''}`.trimEnd();
}

/**
 * Header names as the server sent them. HTTP/2 header names are lower case on the wire. For
 * HTTP/1.1 (IMDS) Headers has lower-cased them, so restore the usual Title-Case; `x-ms-*` names
 * stay lower case as Azure sends them.
 */
export function wireHeaderName(version: '1.1' | '2', name: string): string {
  if (version === '2' || name.startsWith('x-ms-')) return name;
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** The response header block (status line, headers, blank line), each line ending in CRLF. */
export function responseHeaderLines(version: '1.1' | '2', res: Response): string[] {
  const lines = [statusLine(version, res.status, res.statusText)];
  res.headers.forEach((value, name) => lines.push(`${wireHeaderName(version, name)}: ${value}`));
  return lines;
}

/**
 * Addresses printed in `*   Trying <ip>:<port>...`. IMDS is the link-local address itself; the
 * public names get fixed, invented addresses from Azure's ranges (the sandbox never resolves DNS).
 */
const knownAddresses: Record<string, string> = {
  localhost: '127.0.0.1',
  'management.azure.com': '4.150.240.10',
  'login.microsoftonline.com': '20.190.151.6',
  'graph.microsoft.com': '20.190.152.22',
};

export function addressFor(hostname: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return hostname;
  if (hostname.startsWith('[')) return hostname.slice(1, -1);
  const known = knownAddresses[hostname.toLowerCase()];
  if (known) return known;
  let h = 0;
  for (const c of hostname.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `20.${(h >>> 16) & 0xff}.${(h >>> 8) & 0xff}.${(h & 0xfe) + 1}`;
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
