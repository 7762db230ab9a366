/** `npm run emulator` as a person runs it: the JSON line for scripts, the lines to paste, bad options; and --https. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startEmulator } from '../../../src/cloud/emulator/server';

/** Starts the script, resolves with its first stdout line, and stops it (bounded: 60 s). */
function firstLine(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/emulator.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no output: ${out}`));
    }, 60_000);
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(out.split('\n')[0]!);
      }
    });
  });
}

describe('scripts/emulator.mjs', () => {
  test('--proxy --json adds proxy and caCertPath', async () => {
    const caDir = mkdtempSync(join(tmpdir(), 'mi-ca-'));
    const line = JSON.parse(await firstLine(['--proxy', '--json', '--port', '0', '--ca-dir', caDir]));
    expect(line).toMatchObject({ mode: 'proxy', caCertPath: join(caDir, 'ca.pem'), caBundlePath: join(caDir, 'ca-bundle.pem'), preset: 'quickstart', vm: 'myLinuxVM' });
    expect(line.proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.control).toBe(`${line.proxy}/_sandbox`);
  }, 90_000);

  test.each([
    [['--proxy', '--https'], /pick one/],
    [['--port', '70000'], /--port must be an integer/],
    [['--max-request-mb', '0'], /--max-request-mb must be a number from 1 to 5000/],
    [['--what'], /unknown option --what/],
  ])('%j is refused with exit 2', (args, message) => {
    const r = spawnSync(process.execPath, ['scripts/emulator.mjs', ...args], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('--https per-port mode', () => {
  test('each port speaks TLS with a certificate for 127.0.0.1 from the local CA', async () => {
    const caDir = mkdtempSync(join(tmpdir(), 'mi-ca-'));
    const emu = await startEmulator({ https: true, port: 0, caDir });
    try {
      expect(emu.urls.arm).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(emu.ca!.certPath, 'utf8');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest(`${emu.urls.arm}/metadata/endpoints?api-version=2015-01-01`, { ca }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).authentication.loginEndpoint).toBe('https://login.windows.net/');
    } finally {
      await emu.close();
    }
  });
});
