/**
 * Proxy mode on the wire: IMDS by absolute-form, the Azure hosts by intercepted CONNECT with a
 * certificate for their real names, and every other host refused at once — with no connection
 * out of the process, ever (every socket the process opens is watched).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/cloud/emulator/server';
import { parseRaw, request, type RawResponse } from './raw-http';

let emu: Emulator;
const notes: string[] = [];
const outbound: string[] = [];
const realConnect = net.Socket.prototype.connect;

beforeAll(async () => {
  // Every connection this process opens, whoever opens it: only loopback may appear.
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; port?: number } | number | string;
    const host = typeof first === 'object' && first !== null ? (first.host ?? 'localhost') : typeof args[1] === 'string' ? (args[1] as string) : 'localhost';
    if (!/^(127\.|localhost$|::1$)/.test(host)) outbound.push(host);
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof realConnect;
  emu = await startEmulator({ proxy: true, port: 0, preset: 'data', caDir: mkdtempSync(join(tmpdir(), 'mi-ca-')), note: (l) => notes.push(l) });
});
afterAll(async () => {
  net.Socket.prototype.connect = realConnect;
  await emu?.close();
  expect(outbound).toEqual([]);
});

const proxyHost = () => new URL(emu.proxy!).host;

/** CONNECT, then (if 200) TLS with the emulator's CA and one request; the TLS peer certificate too. */
function throughTunnel(authority: string, head: string): Promise<{ connect: RawResponse; response?: RawResponse; subjectAltName?: string }> {
  const { hostname, port } = new URL(emu.proxy!);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('tunnel timed out'));
    }, 10_000);
    let buffered = '';
    socket.on('connect', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    socket.on('error', reject);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const connect = parseRaw(buffered);
      if (connect.status !== 200) {
        socket.on('data', (c: Buffer) => (buffered += c.toString('utf8')));
        socket.on('close', () => {
          clearTimeout(timer);
          resolve({ connect: parseRaw(buffered) });
        });
        return;
      }
      const servername = authority.split(':')[0]!;
      const tls = tlsConnect({ socket, servername, ca: readFileSync(emu.ca!.certPath, 'utf8') });
      let text = '';
      let subjectAltName: string | undefined;
      tls.on('secureConnect', () => {
        subjectAltName = tls.getPeerCertificate().subjectaltname;
        tls.write(`${head}\r\nConnection: close\r\n\r\n`);
      });
      tls.on('data', (c: Buffer) => (text += c.toString('utf8')));
      tls.on('error', reject);
      tls.on('close', () => {
        clearTimeout(timer);
        resolve({ connect, response: parseRaw(text), subjectAltName });
      });
    };
    socket.on('data', onData);
  });
}

describe('refused at once, never forwarded', () => {
  test.each([
    ['azure.microsoft.com:443', 403, /not part of the simulated cloud/],
    ['dc.services.visualstudio.com:443', 403, /not an open proxy/],
    ['management.azure.com:8443', 403, /not part of the simulated cloud/],
    ['nosuchvault.vault.azure.net:443', 502, /getaddrinfo ENOTFOUND nosuchvault\.vault\.azure\.net/],
    ['169.254.169.254:443', 502, /connect ECONNREFUSED 169\.254\.169\.254:443/],
  ])('CONNECT %s → %i', async (authority, status, body) => {
    const { connect } = await throughTunnel(authority, '');
    expect(connect.status).toBe(status);
    expect(connect.body).toMatch(body);
  });

  test('plain HTTP to any host but IMDS is refused; origin-form is the control API or a 400', async () => {
    const other = await request(emu.proxy!, 'GET http://example.com/ HTTP/1.1\r\nHost: example.com');
    expect(other.status).toBe(403);
    const arm = await request(emu.proxy!, 'GET http://management.azure.com/subscriptions HTTP/1.1\r\nHost: management.azure.com');
    expect(arm.status).toBe(403);
    expect(arm.body).toMatch(/HTTPS only/);
    expect((await request(emu.proxy!, `GET / HTTP/1.1\r\nHost: ${proxyHost()}`)).status).toBe(400);
    expect((await request(emu.proxy!, `GET /_sandbox HTTP/1.1\r\nHost: ${proxyHost()}`)).status).toBe(200);
    expect((await request(emu.proxy!, `GET /_sandbox HTTP/1.1\r\nHost: attacker.example`)).status).toBe(400);
    expect(notes.some((n) => n.includes('refused GET http://example.com'))).toBe(true);
  });
});

describe('served under the real names', () => {
  test('IMDS by absolute-form (HTTP_PROXY), as the selected VM', async () => {
    const res = await request(emu.proxy!, 'GET http://169.254.169.254/metadata/instance/compute/name?api-version=2021-02-01&format=text HTTP/1.1\r\nHost: 169.254.169.254\r\nMetadata: true');
    expect(res.status).toBe(200);
    expect(res.body).toBe('myLinuxVM');
  });

  test.each([
    ['management.azure.com', 'GET /subscriptions?api-version=2022-12-01 HTTP/1.1\r\nHost: management.azure.com', 401, /AuthenticationFailed/],
    ['mysandboxvault.vault.azure.net', 'GET /secrets/mySecret?api-version=2025-07-01 HTTP/1.1\r\nHost: mysandboxvault.vault.azure.net', 401, /AKV10000/],
    ['mysandboxstorage.blob.core.windows.net', 'GET /mycontainer/hello.txt HTTP/1.1\r\nHost: mysandboxstorage.blob.core.windows.net\r\nx-ms-version: 2021-10-04', 401, /NoAuthenticationInformation/],
    ['management.azure.com', 'GET /metadata/endpoints?api-version=2015-01-01 HTTP/1.1\r\nHost: management.azure.com', 200, /loginEndpoint/],
  ])('CONNECT %s:443, TLS for that name, the service answers', async (name, head, status, body) => {
    const { connect, response, subjectAltName } = await throughTunnel(`${name}:443`, head);
    expect(connect.status).toBe(200);
    expect(subjectAltName).toBe(`DNS:${name}`);
    expect(response!.status).toBe(status);
    expect(response!.body).toMatch(body);
  });

  test('inside a tunnel the Host must be the tunnel’s (HTTP.sys Invalid Hostname otherwise)', async () => {
    const { response } = await throughTunnel('management.azure.com:443', 'GET /subscriptions HTTP/1.1\r\nHost: mysandboxvault.vault.azure.net');
    expect(response!.status).toBe(400);
    expect(response!.body).toContain('The request hostname is invalid.');
  });
});
