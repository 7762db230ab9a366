/**
 * Issue 16's acceptance, Node half: an ordinary Node program (clients/node-sdks.mjs — @azure/identity
 * ManagedIdentityCredential and DefaultAzureCredential, @azure/arm-resources, @azure/storage-blob,
 * @azure/keyvault-secrets at its default service version) runs against the emulator in proxy mode
 * with nothing changed but environment variables, in a child process with a clean environment.
 * The Python SDKs and the Azure CLI run the same way in `npm run test:clients`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from '../../src/cloud/emulator/server';
import { setupWorld } from './setup-world.mjs';
import { clientEnv } from './client-env.mjs';

let emu: Emulator;
let inputs: Record<string, string>;
const notes: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ proxy: true, port: 0, caDir: mkdtempSync(join(tmpdir(), 'mi-ca-')), note: (l) => notes.push(l) });
  inputs = await setupWorld(emu);
});
afterAll(() => emu?.close());

/** Runs a program with a clean environment: PATH, HOME, the proxy and CA variables, and its inputs. */
function run(file: string): Promise<{ code: number | null; json: any; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: clientEnv(emu, inputs), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    // Bounded: a hung client is a failure, not a wait.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: any;
      try {
        json = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
      } catch {
        json = { ok: false, stdout };
      }
      resolve({ code, json, stderr });
    });
  });
}

describe('an unmodified Node program through the proxy', () => {
  test('identity, ARM, Storage (5 MiB uploadStream, ranged download, list, delete, exists) and Key Vault', async () => {
    const before = emu.router.log.size;
    const { code, json, stderr } = await run('test/conformance/clients/node-sdks.mjs');
    expect(json, stderr).toMatchObject({ ok: true });
    expect(code).toBe(0);
    expect(json).toMatchObject({
      miToken: true,
      defaultCredentialToken: true,
      group: { name: 'myResourceGroup', location: 'eastus' },
      containerExists: true,
      missingContainerExists: false,
      download: { bytes: 5 * 1024 * 1024 + 123, sameBytes: true },
      ranged: { status: 206, contentRange: `bytes 1000-5999/${5 * 1024 * 1024 + 123}`, sameBytes: true },
      properties: { contentLength: 5 * 1024 * 1024 + 123, metadata: { purpose: 'conformance' }, etag: true },
      blocks: 6,
      listed: ['conformance/random.bin'],
      hierarchy: ['conformance/ (prefix)', 'hello.txt'],
      deleted: true,
      hello: 'Hello world! :)',
      secret: { value: 'p@ssw0rd!', vaultUrl: `https://${inputs.KEY_VAULT}.vault.azure.net`, version: true },
      secretNames: ['mySecret'],
    });
    const entries = emu.router.log.entries().slice(before - emu.router.log.size);
    const ops = new Set(entries.map((e) => e.operation));
    for (const op of ['imds.token', 'arm.resourceGroups.get', 'storage.putBlock', 'storage.putBlockList', 'storage.getBlob', 'storage.listBlobs', 'storage.deleteBlob', 'storage.getContainerProperties', 'keyvault.getSecret']) {
      expect(ops, op).toContain(op);
    }
    // The key vault client's default service version, answered rather than refused.
    expect(entries.some((e) => e.operation === 'keyvault.getSecret' && new URL(e.request.url).searchParams.get('api-version') === '2025-07-01' && e.response?.status === 200)).toBe(true);
    // Nothing needed a host the emulator does not simulate.
    expect(notes.filter((n) => n.startsWith('refused'))).toEqual([]);
  });
});
