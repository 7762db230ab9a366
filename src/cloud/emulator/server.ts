/**
 * The emulator: the same handlers over real HTTP on loopback, so real SDKs and CLIs run against
 * the simulated cloud (Node only; never imported by browser code). Two modes:
 *
 * - **ports** (default): one loopback port per service, `http` or (`https: true`) TLS with a leaf
 *   from the local CA:
 *     IMDS      P    → http://169.254.169.254   (+ the /_sandbox/ control API)
 *     ARM       P+1  → https://management.azure.com
 *     Key Vault P+2/<vault>   → https://<vault>.vault.azure.net
 *     Storage   P+3/<account> → https://<account>.blob.core.windows.net (Azurite's layout)
 * - **proxy**: one port that unmodified clients reach through HTTP(S)_PROXY (./proxy.ts).
 *
 * Every request acts from the VM chosen with `PUT /_sandbox/vm` (the first VM after a reset).
 * Every listener answers only loopback peers addressed by a loopback Host (DNS rebinding).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { World } from '../../sim/index';
import { defaultVm, newEmulatorWorld, type SandboxHost } from '../control/sandbox-api';
import { DEFAULT_BODY_LIMITS } from '../http/body';
import { createRouter, type Router } from '../router';
import { loadOrCreateCa, type LocalCa } from './ca';
import { isControlPath, serveControl } from './control-http';
import { forward, isLoopbackPeer, sendHttpSys, sendJson, sendResponse } from './node-bridge';
import { startProxy } from './proxy';
import { publicBaseOf, requestTarget, servesLoopback, virtualUrl, type EmulatorService } from './targets';

export { virtualUrl, type EmulatorService } from './targets';

const ORDER: EmulatorService[] = ['imds', 'arm', 'keyvault', 'storage'];

/** What the emulator holds in one Storage request: 1 GiB (Storage itself takes up to 5000 MiB per Put Blob). */
export const EMULATOR_STORAGE_BODY_LIMIT = 1024 * 1024 * 1024;

export interface EmulatorOptions {
  /** First port (ports mode) or the proxy's port. 0 (default) picks free ports. */
  port?: number;
  preset?: string;
  /** One proxy port instead of a port per service. */
  proxy?: boolean;
  /** Ports mode over TLS (leaf certificates for 127.0.0.1 and localhost from the local CA). */
  https?: boolean;
  /** Where the local CA lives (default: ca.ts defaultCaDir()). */
  caDir?: string;
  /** Largest Storage request body held in memory. */
  storageBodyLimit?: number;
  /** Notes for the operator (refused hosts, TLS handshakes that failed); default: stderr. */
  note?: (line: string) => void;
}

export interface Emulator {
  mode: 'ports' | 'proxy';
  /** Ports mode: the loopback URL per service. Proxy mode: the real URLs clients use through the proxy. */
  urls: Record<EmulatorService, string>;
  /** Proxy mode: `http://127.0.0.1:P`. */
  proxy: string | null;
  /** The control API's base URL. */
  control: string;
  /** The local CA (proxy or https mode). */
  ca: Pick<LocalCa, 'certPath' | 'bundlePath' | 'created'> | null;
  router: Router;
  host: SandboxHost;
  close(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const made = newEmulatorWorld(opts.preset ?? 'quickstart');
  if (!made.ok) throw new Error(made.error.message);
  let vm = defaultVm(made.value);
  const router = createRouter(made.value, { maxBodyBytes: { storage: opts.storageBodyLimit ?? EMULATOR_STORAGE_BODY_LIMIT } });
  const host: SandboxHost = {
    get world(): World {
      return router.world;
    },
    replaceWorld: (world) => router.replaceWorld(world),
    currentVm: () => vm,
    setVm: (id) => {
      vm = id;
    },
  };
  const from = () => ({ kind: 'vm' as const, vmId: vm ?? '' });
  const note = opts.note ?? ((line: string) => process.stderr.write(`[emulator] ${line}\n`));
  const ca = opts.proxy || opts.https ? await loadOrCreateCa(opts.caDir) : null;
  const caInfo = ca ? { certPath: ca.certPath, bundlePath: ca.bundlePath, created: ca.created } : null;

  if (opts.proxy) {
    const proxy = await startProxy({ router, host, ca: ca!, port: opts.port ?? 0, from, note });
    return {
      mode: 'proxy',
      urls: { imds: 'http://169.254.169.254', arm: 'https://management.azure.com', keyvault: 'https://<vault>.vault.azure.net', storage: 'https://<account>.blob.core.windows.net' },
      proxy: proxy.url,
      control: `${proxy.url}/_sandbox`,
      ca: caInfo,
      router,
      host,
      close: proxy.close,
    };
  }

  async function serve(service: EmulatorService, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackPeer(req.socket.remoteAddress)) {
      req.resume();
      sendJson(res, 403, { error: { code: 'LoopbackOnly', message: 'The emulator answers only on loopback.' } });
      return;
    }
    const target = requestTarget(req.url ?? '', req.headers.host, servesLoopback);
    if (target.kind === 'foreignHost') {
      req.resume();
      sendHttpSys(res, 'hostname');
      return;
    }
    const forService = virtualUrl(service, '/');
    const anyTarget = typeof forService === 'string' ? forService : service === 'keyvault' ? 'https://x.vault.azure.net/' : 'https://x.blob.core.windows.net/';
    if (target.kind === 'asterisk') {
      req.resume();
      if (service === 'keyvault' || service === 'storage') sendHttpSys(res, 'url');
      else await forwardOrGateway(service, req, res, anyTarget, undefined, true);
      return;
    }
    const { pathAndQuery } = target;
    if (service === 'imds' && isControlPath(pathAndQuery)) {
      await serveControl(host, req, res, pathAndQuery);
      return;
    }
    const url = virtualUrl(service, pathAndQuery);
    if (url !== null && typeof url === 'object') {
      req.resume();
      sendHttpSys(res, 'url');
      return;
    }
    if (url === null) {
      req.resume();
      sendJson(res, 404, { error: { code: 'NotFound', message: `Put the ${service === 'keyvault' ? 'vault' : 'account'} name first in the path: /<name>/…` } });
      return;
    }
    await forwardOrGateway(service, req, res, url, publicBaseOf(origin, service, pathAndQuery));
  }

  async function forwardOrGateway(service: EmulatorService, req: IncomingMessage, res: ServerResponse, url: string, publicBase: string | undefined, asterisk = false): Promise<void> {
    if (asterisk) {
      const answer = await router.refuse({ method: (req.method ?? 'OPTIONS').toUpperCase(), url, reason: 'url' }, { from: from() });
      await sendResponse(res, answer, req.method ?? 'OPTIONS');
      return;
    }
    const failed = await forward(req, res, url, { router, from: from(), bodyLimit: router.bodyLimits[service], ...(publicBase ? { publicBase } : {}) });
    if (failed) {
      // A vault or account that does not exist fails name resolution in Azure; over loopback the
      // closest honest answer is a gateway error naming it.
      sendJson(res, 502, { error: { code: failed.networkError.code, message: failed.networkError.message } });
    }
  }

  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const urls = {} as Record<EmulatorService, string>;
  const first = opts.port ?? 0;
  const scheme = opts.https ? 'https' : 'http';
  let tls: { key: string; cert: string; SNICallback: (name: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void } | null = null;
  if (opts.https) {
    const ip = await ca!.leaf('127.0.0.1');
    tls = {
      ...ip,
      // A client that names `localhost` gets a leaf for it; 127.0.0.1 (no SNI) gets the default.
      SNICallback: (name, cb) => {
        if (name.toLowerCase() !== 'localhost') return cb(null, createSecureContext(ip));
        ca!.leaf('localhost').then((l) => cb(null, createSecureContext(l)), (e: Error) => cb(e));
      },
    };
  }
  try {
    for (const [i, service] of ORDER.entries()) {
      let origin = '';
      const handler = (req: IncomingMessage, res: ServerResponse) => {
        serve(service, origin, req, res).catch((e: unknown) => {
          console.error(`[emulator] ${service} ${req.method} ${req.url}:`, e);
          if (!res.headersSent) sendJson(res, 500, { error: { code: 'EmulatorError', message: String(e) } });
          else res.end();
        });
      };
      const server = tls ? createHttpsServer({ ...tls, ALPNProtocols: ['http/1.1'] }, handler) : createHttpServer(handler);
      // Not a proxy: CONNECT is a method it does not take (Node otherwise drops the socket silently).
      server.on('connect', (_req: IncomingMessage, socket: Socket) => {
        socket.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
      server.on('connection', (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(first === 0 ? 0 : first + i, '127.0.0.1', () => resolve());
      });
      servers.push(server);
      origin = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
      urls[service] = origin;
    }
  } catch (e) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw e;
  }

  return {
    mode: 'ports',
    urls,
    proxy: null,
    control: `${urls.imds}/_sandbox`,
    ca: caInfo,
    router,
    host,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
