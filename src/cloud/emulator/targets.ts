/**
 * What a request line and Host header name, for the emulator's listeners: the per-port servers
 * (not proxies: absolute-form must name loopback) and the proxy's tunnels (the Host must be the
 * tunnel's). Pure functions, so the table of odd inputs is tested without sockets.
 */
import { isLoopbackHost } from '../control/guard';

export type EmulatorService = 'imds' | 'arm' | 'keyvault' | 'storage';

export type Target =
  /** A path and query to serve. */
  | { kind: 'path'; pathAndQuery: string }
  /** `OPTIONS *` (or an empty target): the service's "bad URL" answer. */
  | { kind: 'asterisk' }
  /** A Host (or absolute-form authority) this listener does not serve: HTTP.sys's Invalid Hostname page. */
  | { kind: 'foreignHost' };

/** Origin-form or absolute-form request target plus Host header, judged by `servesHost`. */
export function requestTarget(rawTarget: string, hostHeader: string | undefined, servesHost: (host: string) => boolean): Target {
  if (rawTarget === '*' || rawTarget === '') return { kind: 'asterisk' };
  if (!servesHost(hostHeader ?? '')) return { kind: 'foreignHost' };
  if (rawTarget.startsWith('/')) return { kind: 'path', pathAndQuery: rawTarget };
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^#]*)/i.exec(rawTarget);
  if (!m) return { kind: 'asterisk' };
  if (!servesHost(m[1]!)) return { kind: 'foreignHost' };
  const rest = m[2]!;
  return { kind: 'path', pathAndQuery: rest.startsWith('/') ? rest : `/${rest}` };
}

export const servesLoopback = (host: string) => isLoopbackHost(host);

/** The tunnel's host, with or without its port (`:443`, or `:80` for IMDS). */
export function servesTunnel(tunnelHost: string, port: number): (host: string) => boolean {
  const want = tunnelHost.toLowerCase();
  return (host) => {
    const h = host.toLowerCase().replace(/\.$/, '');
    return h === want || h === `${want}:${port}`;
  };
}

/**
 * The simulated URL a loopback per-port request stands for, or null when the path names no
 * vault/account. Data-plane services take the vault or account name as the first path segment
 * (Azurite's layout), percent-decoded like any segment; `{ invalid: true }` when it cannot be.
 */
export function virtualUrl(service: EmulatorService, pathAndQuery: string): string | null | { invalid: true } {
  switch (service) {
    case 'imds':
      return `http://169.254.169.254${pathAndQuery}`;
    case 'arm':
      return `https://management.azure.com${pathAndQuery}`;
    case 'keyvault':
    case 'storage': {
      const m = /^\/([^/?]+)(.*)$/.exec(pathAndQuery);
      if (!m) return null;
      let name: string;
      try {
        name = decodeURIComponent(m[1]!).toLowerCase();
      } catch {
        return { invalid: true };
      }
      // Only what can be a DNS label: anything else could rewrite the host part of the URL.
      if (!/^[a-z0-9-]{1,63}$/.test(name)) return null;
      const rest = m[2]!.startsWith('/') ? m[2]! : `/${m[2]!}`;
      return service === 'keyvault' ? `https://${name}.vault.azure.net${rest}` : `https://${name}.blob.core.windows.net${rest}`;
    }
  }
}

/** The per-port prefix a client called for a data-plane name (ids and endpoints in answers name it). */
export function publicBaseOf(origin: string, service: EmulatorService, pathAndQuery: string): string | undefined {
  if (service !== 'keyvault' && service !== 'storage') return undefined;
  const m = /^\/([^/?]+)/.exec(pathAndQuery);
  return m ? `${origin}/${m[1]!}` : undefined;
}
