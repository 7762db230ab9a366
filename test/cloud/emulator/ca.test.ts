/** The emulator's local CA: made once, reused, and unable to certify anything but Azure's hosts and loopback. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadOrCreateCa } from '../../../src/cloud/emulator/ca';

const firstCert = (chain: string) => chain.split(/(?<=-----END CERTIFICATE-----)/)[0]!;

/** OpenSSL's verdict on a leaf against the CA alone: what Node and Python (both OpenSSL) decide. */
function verify(caPath: string, leafPem: string, dir: string): string {
  const file = join(dir, `leaf-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(file, firstCert(leafPem));
  try {
    return execFileSync('openssl', ['verify', '-CAfile', caPath, '-purpose', 'sslserver', file], { stdio: 'pipe' }).toString().trim().split(': ').at(-1)!;
  } catch (e) {
    return String((e as { stdout: Buffer }).stdout) + String((e as { stderr: Buffer }).stderr);
  }
}

describe('local CA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-ca-'));

  test('is created once with a private key only its owner reads, then reused', async () => {
    const first = await loadOrCreateCa(dir);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateCa(dir);
    expect(again.created).toBe(false);
    expect(again.certPem).toBe(first.certPem);
  });

  test.each(['management.azure.com', 'myvault.vault.azure.net', 'mysandboxstorage.blob.core.windows.net', '127.0.0.1', 'localhost'])('certifies %s', async (host) => {
    const ca = await loadOrCreateCa(dir);
    expect(verify(ca.certPath, (await ca.leaf(host)).cert, dir)).toBe('OK');
  });

  test.each(['example.com', 'management.azure.com.evil.example', 'azure.microsoft.com', '10.0.0.1'])('cannot certify %s (name constraints)', async (host) => {
    const ca = await loadOrCreateCa(dir);
    expect(verify(ca.certPath, (await ca.leaf(host)).cert, dir)).toMatch(/permitted subtree violation/);
  });
});
