/**
 * Who may call the `/_sandbox/` control API: it can reset the world and mint tokens, so it must not
 * be reachable from a web page (issue 16: a `text/plain` form post from any origin reset the world,
 * and `Host: attacker.example` was served, which is what DNS rebinding needs). A call is accepted
 * only with a loopback Host, no foreign Origin (or Sec-Fetch-Site), and — for anything that
 * changes state — a JSON content type, which no form can send and a page can send only after a
 * CORS preflight the control API never grants.
 */
export interface ControlRefusal {
  status: number;
  code: string;
  message: string;
}

/** `127.0.0.1`, `localhost`, `[::1]`, `::1`, with or without a port. */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:\]]+))(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m) return false;
  const name = (m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

/** An Origin a loopback tool would send (a page served from this machine's loopback). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.host);
  } catch {
    return false;
  }
}

const CHANGES_STATE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function controlRefusal(method: string, headers: { get(name: string): string | null }): ControlRefusal | null {
  if (!isLoopbackHost(headers.get('host'))) {
    return { status: 403, code: 'ForeignHost', message: 'The control API answers only requests addressed to a loopback Host (127.0.0.1, localhost or [::1]).' };
  }
  const origin = headers.get('origin');
  if ((origin !== null && !isLoopbackOrigin(origin)) || headers.get('sec-fetch-site') === 'cross-site') {
    return { status: 403, code: 'ForeignOrigin', message: `The control API does not answer web pages from other origins${origin ? ` (Origin: ${origin})` : ''}.` };
  }
  if (CHANGES_STATE.has(method.toUpperCase())) {
    const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return {
        status: 415,
        code: 'UnsupportedMediaType',
        message: `Control calls that change the sandbox take a JSON body with Content-Type: application/json${type ? `; got ${type}` : ''} (curl: -H 'Content-Type: application/json').`,
      };
    }
  }
  return null;
}
