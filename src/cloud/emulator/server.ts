/**
 * The emulator: the same handlers over real HTTP on loopback, one port per service, so real SDK
 * code can run against the simulated cloud. Node only. Each port maps to the service's real host:
 *   IMDS      http://127.0.0.1:P            → http://169.254.169.254   (+ /_sandbox/ control API)
 *   ARM       http://127.0.0.1:P+1          → https://management.azure.com
 *   Key Vault http://127.0.0.1:P+2/<vault>  → https://<vault>.vault.azure.net
 *   Storage   http://127.0.0.1:P+3/<account>→ https://<account>.blob.core.windows.net (Azurite-style paths)
 * Every request acts from the VM chosen with `PUT /_sandbox/vm` (the first VM after a reset).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { World } from '../../sim/index';
import { defaultVm, handleControl, newEmulatorWorld, type SandboxHost } from '../control/sandbox-api';
import { MAX_BODY_BYTES } from '../http/body';
import { createRouter, type Router } from '../router';

export type EmulatorService = 'imds' | 'arm' | 'keyvault' | 'storage';
const ORDER: EmulatorService[] = ['imds', 'arm', 'keyvault', 'storage'];

export interface EmulatorOptions {
  /** First port; the others follow it. 0 (default) picks free ports. */
  port?: number;
  preset?: string;
}

export interface Emulator {
  urls: Record<EmulatorService, string>;
  router: Router;
  host: SandboxHost;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect']);

/** The simulated URL a loopback request stands for, or null when the path names no vault/account. */
export function virtualUrl(service: EmulatorService, pathAndQuery: string): string | null {
  switch (service) {
    case 'imds':
      return `http://169.254.169.254${pathAndQuery}`;
    case 'arm':
      return `https://management.azure.com${pathAndQuery}`;
    case 'keyvault':
    case 'storage': {
      const m = /^\/([^/?]+)(.*)$/.exec(pathAndQuery);
      if (!m) return null;
      const name = m[1]!.toLowerCase();
      const rest = m[2]!.startsWith('/') ? m[2]! : `/${m[2]!}`;
      return service === 'keyvault' ? `https://${name}.vault.azure.net${rest}` : `https://${name}.blob.core.windows.net${rest}`;
    }
  }
}

/** Reads the body, keeping at most one byte past the cap so the router can refuse it. */
function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > MAX_BODY_BYTES) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => {
      const all = Buffer.concat(chunks);
      const out = new Uint8Array(new ArrayBuffer(Math.min(all.length, MAX_BODY_BYTES + 1)));
      out.set(all.subarray(0, out.length));
      resolve(out);
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const made = newEmulatorWorld(opts.preset ?? 'quickstart');
  if (!made.ok) throw new Error(made.error.message);
  let vm = defaultVm(made.value);
  const router = createRouter(made.value);
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

  async function serve(service: EmulatorService, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      sendJson(res, 403, { error: { code: 'LoopbackOnly', message: 'The emulator answers only on loopback.' } });
      return;
    }
    const method = req.method ?? 'GET';
    const pathAndQuery = req.url ?? '/';
    const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req);
    if (service === 'imds' && /^\/_sandbox(\/|$|\?)/.test(pathAndQuery)) {
      const reply = await handleControl(host, method, new URL(pathAndQuery, 'http://127.0.0.1'), body ? Buffer.from(body).toString('utf8') : '');
      sendJson(res, reply.status, reply.body);
      return;
    }
    const target = virtualUrl(service, pathAndQuery);
    if (!target) {
      sendJson(res, 404, { error: { code: 'NotFound', message: `Put the ${service === 'keyvault' ? 'vault' : 'account'} name first in the path: /<name>/…` } });
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k)) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    let response: Response;
    try {
      response = await router.fetch(new Request(target, { method, headers, ...(body && body.length > 0 ? { body } : {}) }), {
        from: { kind: 'vm', vmId: vm ?? '' },
      });
    } catch (e) {
      // A vault or account that does not exist fails name resolution in Azure; over loopback the
      // closest honest answer is a gateway error naming it.
      const code = (e as { code?: string }).code ?? 'EUNKNOWN';
      sendJson(res, 502, { error: { code, message: e instanceof Error ? e.message : String(e) } });
      return;
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      out[key] = value;
    });
    const payload = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, response.statusText || undefined, out);
    res.end(method === 'HEAD' ? undefined : payload);
  }

  const servers: Server[] = [];
  const urls = {} as Record<EmulatorService, string>;
  const first = opts.port ?? 0;
  try {
    for (const [i, service] of ORDER.entries()) {
      const server = createServer((req, res) => {
        serve(service, req, res).catch((e: unknown) => {
          console.error(`[emulator] ${service} ${req.method} ${req.url}:`, e);
          if (!res.headersSent) sendJson(res, 500, { error: { code: 'EmulatorError', message: String(e) } });
          else res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(first === 0 ? 0 : first + i, '127.0.0.1', () => resolve());
      });
      servers.push(server);
      urls[service] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
  } catch (e) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw e;
  }

  return {
    urls,
    router,
    host,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections?.();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
