/**
 * Proxy mode (Node only): one loopback port that unmodified clients use through their ordinary
 * proxy variables, so code written for a VM in Azure runs with nothing changed but environment:
 *
 * - `GET http://169.254.169.254/…` (absolute-form, HTTP_PROXY) → the simulated IMDS;
 * - `CONNECT <azure host>:443` (HTTPS_PROXY) → a TLS tunnel the emulator terminates itself with a
 *   leaf for that host from the local CA, answering from the simulated world under the real name
 *   (management.azure.com, <vault>.vault.azure.net, <account>.blob.core.windows.net);
 * - origin-form `/_sandbox/…` on the proxy port → the control API.
 *
 * It is never an open proxy: it opens no connection anywhere. Any other host (the Azure CLI's
 * version check `CONNECT azure.microsoft.com:443`, telemetry…) is refused at once with 403 and a
 * sentence saying why; a vault or account the world does not have is a 502 naming the DNS failure,
 * as a real proxy reports it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { CallerId } from '../call-context';
import type { SandboxHost } from '../control/sandbox-api';
import { isLoopbackHost } from '../control/guard';
import { IMDS_HOST, resolveHost } from '../hosts';
import type { Router } from '../router';
import type { LocalCa } from './ca';
import { isControlPath, serveControl } from './control-http';
import { forward, isLoopbackPeer, sendHttpSys, sendJson, sendResponse, sendText } from './node-bridge';
import { requestTarget, servesTunnel } from './targets';

export interface ProxyOptions {
  router: Router;
  host: SandboxHost;
  ca: LocalCa;
  port: number;
  from: () => CallerId;
  note: (line: string) => void;
}

interface Tunnel {
  host: string;
  port: number;
}

const VAULT_OR_BLOB = /^[a-z0-9-]{1,63}\.(vault\.azure\.net|blob\.core\.windows\.net)$/;

/** Why a CONNECT target is refused, as the status line and body the client will show. */
type Verdict = { ok: true; tls: boolean } | { ok: false; status: number; reason: string; body: string };

function judgeConnect(router: Router, hostname: string, port: number): Verdict {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const resolved = resolveHost(router.world, name);
  if (resolved?.service === 'imds') {
    if (port === 80) return { ok: true, tls: false };
    return { ok: false, status: 502, reason: 'Bad Gateway', body: `connect ECONNREFUSED ${IMDS_HOST}:${port}` };
  }
  if (resolved && port === 443) return { ok: true, tls: true };
  if (!resolved && VAULT_OR_BLOB.test(name) && port === 443) {
    // The name is an Azure data-plane host the world does not have: DNS would not resolve it.
    return { ok: false, status: 502, reason: 'Bad Gateway', body: `getaddrinfo ENOTFOUND ${name}` };
  }
  return {
    ok: false,
    status: 403,
    reason: 'Forbidden',
    body: `mi-sandbox emulator: ${name}:${port} is not part of the simulated cloud, and the emulator connects nowhere else (it is not an open proxy). Add the host to NO_PROXY if it should bypass the emulator.`,
  };
}

export async function startProxy(opts: ProxyOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { router, host, ca, from, note } = opts;
  const noted = new Set<string>();
  const noteOnce = (key: string, line: string) => {
    if (noted.has(key)) return;
    noted.add(key);
    note(line);
  };
  const tunnels = new WeakMap<Socket, Tunnel>();
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const crash = (res: ServerResponse, where: string) => (e: unknown) => {
    console.error(`[emulator] proxy ${where}:`, e);
    if (!res.headersSent) sendJson(res, 500, { error: { code: 'EmulatorError', message: String(e) } });
    else res.end();
  };

  /** Requests inside a CONNECT tunnel: origin-form, Host must be the tunnel's. */
  const inner = createServer((req, res) => {
    const tunnel = tunnels.get(req.socket);
    if (!tunnel) {
      sendText(res, 400, 'mi-sandbox emulator: no tunnel for this connection.');
      return;
    }
    serveTunnel(tunnel, req, res).catch(crash(res, `${tunnel.host} ${req.method} ${req.url}`));
  });

  async function serveTunnel(tunnel: Tunnel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = requestTarget(req.url ?? '', req.headers.host, servesTunnel(tunnel.host, tunnel.port));
    if (target.kind === 'foreignHost') {
      req.resume();
      sendHttpSys(res, 'hostname');
      return;
    }
    const scheme = tunnel.port === 80 ? 'http' : 'https';
    const base = `${scheme}://${tunnel.host}`;
    if (target.kind === 'asterisk') {
      req.resume();
      await sendResponse(res, await router.refuse({ method: (req.method ?? 'OPTIONS').toUpperCase(), url: `${base}/`, reason: 'url' }, { from: from() }), req.method ?? 'OPTIONS');
      return;
    }
    await forwardOrGateway(req, res, `${base}${target.pathAndQuery}`);
  }

  async function forwardOrGateway(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const resolved = resolveHost(router.world, new URL(url).hostname);
    const limit = resolved ? router.bodyLimits[resolved.service] : router.bodyLimits.arm;
    const failed = await forward(req, res, url, { router, from: from(), bodyLimit: limit });
    // The vault or account vanished mid-tunnel (a reset): the gateway error a proxy would give.
    if (failed) sendText(res, 502, failed.networkError.message, {}, 'Bad Gateway');
  }

  /** The proxy port itself: absolute-form to IMDS, origin-form control API. */
  async function serveOuter(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackPeer(req.socket.remoteAddress)) {
      req.resume();
      sendJson(res, 403, { error: { code: 'LoopbackOnly', message: 'The emulator answers only on loopback.' } });
      return;
    }
    const raw = req.url ?? '';
    if (raw.startsWith('/')) {
      if (!isLoopbackHost(req.headers.host)) {
        req.resume();
        sendHttpSys(res, 'hostname');
        return;
      }
      if (isControlPath(raw)) {
        await serveControl(host, req, res, raw);
        return;
      }
      req.resume();
      sendText(res, 400, `mi-sandbox emulator: this port is a proxy. Point clients at it with HTTP_PROXY / HTTPS_PROXY; the control API is under /_sandbox/.`);
      return;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      req.resume();
      sendText(res, 400, `mi-sandbox emulator: '${raw.slice(0, 200)}' is not a request target.`);
      return;
    }
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (url.protocol !== 'http:' || url.hostname !== IMDS_HOST || port !== 80) {
      req.resume();
      const verdict = url.protocol === 'http:' && resolveHost(router.world, url.hostname) && url.hostname !== IMDS_HOST
        ? { status: 403, body: `mi-sandbox emulator: ${url.hostname} is served over HTTPS only (CONNECT through HTTPS_PROXY).` }
        : { status: 403, body: `mi-sandbox emulator: ${url.host} is not part of the simulated cloud, and the emulator connects nowhere else (it is not an open proxy).` };
      noteOnce(`http:${url.host}`, `refused ${req.method} ${url.protocol}//${url.host} (not simulated; nothing was sent anywhere)`);
      sendText(res, verdict.status, verdict.body, {}, 'Forbidden');
      return;
    }
    await forwardOrGateway(req, res, url.href);
  }

  const outer: Server = createServer((req, res) => {
    serveOuter(req, res).catch(crash(res, `${req.method} ${req.url}`));
  });
  outer.on('connection', track);

  outer.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isLoopbackPeer(socket.remoteAddress)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.url ?? '');
    if (!m) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const hostname = m[1]!.toLowerCase();
    const port = Number(m[2]);
    const verdict = judgeConnect(router, hostname, port);
    if (!verdict.ok) {
      noteOnce(`connect:${hostname}:${port}`, `refused CONNECT ${hostname}:${port} (${verdict.status === 403 ? 'not simulated; nothing was sent anywhere' : verdict.body})`);
      const body = Buffer.from(verdict.body, 'utf8');
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${verdict.body}`);
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tunnel = { host: hostname, port };
    if (!verdict.tls) {
      tunnels.set(socket, tunnel);
      inner.emit('connection', socket);
      return;
    }
    ca.leaf(hostname).then(
      (leaf) => {
        const tls = new TLSSocket(socket, { isServer: true, secureContext: createSecureContext(leaf), ALPNProtocols: ['http/1.1'] });
        tls.on('error', (e: Error) => {
          noteOnce(
            `tls:${hostname}`,
            `TLS with a client for ${hostname} failed (${e.message}). Does the client trust ${ca.certPath}? (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, SSL_CERT_FILE)`,
          );
          socket.destroy();
        });
        track(tls);
        tunnels.set(tls, tunnel);
        inner.emit('connection', tls);
      },
      (e: unknown) => {
        note(`could not issue a certificate for ${hostname}: ${String(e)}`);
        socket.destroy();
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    outer.once('error', reject);
    outer.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(outer.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => outer.close(() => resolve()));
      inner.close();
    },
  };
}
