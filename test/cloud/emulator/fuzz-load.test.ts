/**
 * The emulator's listeners under malformed and heavy input (issue 16 "Hardening"), loopback only
 * and bounded in count: random request lines, targets, Host headers and bodies on every per-port
 * server and on the proxy never get a 5xx or crash the process; concurrent load is all answered;
 * the request log stays bounded however large the bodies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/cloud/emulator/server';
import { request } from './raw-http';

let ports: Emulator;
let proxy: Emulator;

beforeAll(async () => {
  ports = await startEmulator({ port: 0, preset: 'data', storageBodyLimit: 8 * 1024 * 1024 });
  proxy = await startEmulator({ proxy: true, port: 0, preset: 'data', caDir: mkdtempSync(join(tmpdir(), 'mi-ca-')), note: () => {} });
});
afterAll(async () => {
  await ports?.close();
  await proxy?.close();
});

const method = () => fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'TRACE', 'TRACK', 'PROPFIND', 'CONNECT');
const target = () =>
  fc.oneof(
    fc.constantFrom('*', '/', '/%zz', '/%', '/%E0%A4%A', '/_sandbox/world', '/_sandbox/reset', '/_sandbox/clock', '/mysandboxstorage/mycontainer/hello.txt?comp=blocklist', '/mySandboxVault/secrets/mySecret?api-version=7.4', '/subscriptions?api-version=2022-12-01', '/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', 'http://169.254.169.254/metadata/instance?api-version=2021-02-01', 'http://example.com/', 'https://management.azure.com/', 'example.com:443', '//x', '/a/../../b', '/%2e%2e/%2e%2e'),
    fc.string({ maxLength: 40 }).map((s) => `/${s.replace(/[\s\r\n]/g, '')}`),
  );
const hostHeader = () => fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'attacker.example', '', '169.254.169.254', 'management.azure.com', '127.0.0.1:1');
const extra = () => fc.array(fc.constantFrom('Metadata: true', 'Content-Type: text/plain', 'Content-Type: application/json', 'Origin: https://evil.example', 'x-ms-version: 2021-10-04', 'Range: bytes=0-1', 'Authorization: Bearer x.y.z', 'Expect: 100-continue', 'Transfer-Encoding: chunked'), { maxLength: 3 });

function rawLine(input: { method: string; target: string; host: string; extra: string[]; body: string }): { head: string; body: string } {
  const chunked = input.extra.includes('Transfer-Encoding: chunked');
  const headers = [`${input.method} ${input.target} HTTP/1.1`, ...(input.host ? [`Host: ${input.host}`] : []), ...input.extra.filter((h) => h !== 'Transfer-Encoding: chunked')];
  if (chunked) return { head: [...headers, 'Transfer-Encoding: chunked'].join('\r\n'), body: `${input.body.length.toString(16)}\r\n${input.body}\r\n0\r\n\r\n` };
  return { head: [...headers, `Content-Length: ${Buffer.byteLength(input.body)}`].join('\r\n'), body: input.body };
}

describe('malformed requests on the wire', () => {
  test('every listener answers every request with a status below 500 (or closes a request it cannot parse)', async () => {
    const crashes = vi.spyOn(console, 'error').mockImplementation(() => {});
    const listeners = () => fc.constantFrom(ports.urls.imds, ports.urls.arm, ports.urls.keyvault, ports.urls.storage, proxy.proxy!);
    await fc.assert(
      fc.asyncProperty(listeners(), method(), target(), hostHeader(), extra(), fc.string({ maxLength: 64 }), async (origin, m, t, h, x, body) => {
        const { head, body: payload } = rawLine({ method: m, target: t, host: h, extra: x, body });
        const res = await request(origin, head, payload);
        // 0: Node's parser closed a request line it could not read (a 400 it writes itself, or nothing).
        // 502 ENOTFOUND is the documented per-port answer for a vault/account name that does not
        // exist (in Azure the name would not resolve): a name, not malformed input.
        const unresolvable = res.status === 502 && (/"code":"ENOTFOUND"/.test(res.body) || m === "HEAD");
        expect(res.status === 0 || unresolvable || (res.status >= 200 && res.status < 500), `${origin} ${head.split('\r\n')[0]} → ${res.status} ${res.body.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(crashes).not.toHaveBeenCalled();
    crashes.mockRestore();
  }, 180_000);
});

describe('load', () => {
  test('200 concurrent requests across the services are all answered', async () => {
    const token = async () => {
      const res = await fetch(`${ports.urls.imds}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/`, { headers: { Metadata: 'true' } });
      return res.status;
    };
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0
        ? fetch(`${ports.urls.arm}/subscriptions?api-version=2022-12-01`).then((r) => r.status)
        : i % 4 === 1
          ? fetch(`${ports.urls.storage}/mysandboxstorage/mycontainer/hello.txt`, { headers: { 'x-ms-version': '2021-10-04' } }).then((r) => r.status)
          : i % 4 === 2
            ? fetch(`${ports.urls.keyvault}/mySandboxVault/secrets/mySecret?api-version=7.4`).then((r) => r.status)
            : token(),
    );
    const statuses = await Promise.all(calls);
    expect(statuses.every((s) => s > 0 && s < 500)).toBe(true);
  }, 120_000);

  test('one-megabyte bodies: the log keeps a bounded prefix of each and says it cut them', async () => {
    const body = new Uint8Array(1024 * 1024).fill(65);
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${ports.urls.storage}/mysandboxstorage/mycontainer/big-${i}`, { method: 'PUT', headers: { 'x-ms-version': '2021-10-04', 'x-ms-blob-type': 'BlockBlob' }, body });
      expect(res.status).toBe(401);
    }
    const puts = ports.router.log.entries().filter((e) => e.request.url.includes('/big-'));
    expect(puts).toHaveLength(40);
    for (const e of puts) {
      expect(e.request.bodySize).toBe(1024 * 1024);
      expect(e.request.bodyTruncated).toBe(true);
      expect(e.request.body.length).toBe(64 * 1024);
    }
  }, 120_000);

  test('a body over the emulator’s Storage capacity is Storage’s 413 with the limit', async () => {
    const res = await fetch(`${ports.urls.storage}/mysandboxstorage/mycontainer/huge`, {
      method: 'PUT',
      headers: { 'x-ms-version': '2021-10-04', 'x-ms-blob-type': 'BlockBlob' },
      body: new Uint8Array(8 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text).toContain('<Code>RequestBodyTooLarge</Code>');
    expect(text).toContain(`<MaxLimit>${8 * 1024 * 1024}</MaxLimit>`);
  }, 60_000);
});
