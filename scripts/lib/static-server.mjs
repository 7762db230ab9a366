// The built app served as a static host or CDN serves it: every file compressed once, ahead of time
// (gzip, as `vite preview` sends), then answered from memory; app routes fall back to index.html.
// `vite preview` compresses each response as it is asked for, on the same CPU as the browser under
// test: measured side by side on the 2-core machine (2026-12-07, same build, 15 interleaved runs),
// that alone added ~55 ms to navigation -> terminal ready. `npm run bench:browser` reports both.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
// The same threshold as vite preview's compression middleware: tiny files go as they are.
const COMPRESS_FROM = 1024;

function filesOf(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesOf(path));
    else out.push(path);
  }
  return out;
}

/** Serves `dir` on 127.0.0.1 at a free port; resolves to its origin and a way to stop it. */
export async function serveBuilt(dir) {
  const files = new Map();
  for (const path of filesOf(dir)) {
    const body = readFileSync(path);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const compressible = body.length >= COMPRESS_FROM && !['image/png', 'image/x-icon'].includes(type);
    files.set('/' + relative(dir, path).split('\\').join('/'), { body, type, gzip: compressible ? gzipSync(body, { level: 9 }) : null });
  }
  const index = files.get('/index.html');
  if (!index) throw new Error(`${dir} has no index.html: build the app first`);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // An app route (no file extension) is the app itself, as vite preview's SPA fallback answers.
    const file = files.get(path) ?? (extname(path) === '' ? index : undefined);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzip : file.body;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
