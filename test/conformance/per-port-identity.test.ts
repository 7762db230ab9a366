/**
 * @azure/identity 4.13.1's ManagedIdentityCredential against the per-port emulator's IMDS, reached
 * through AZURE_POD_IDENTITY_AUTHORITY_HOST (system-assigned, by clientId, by resourceId, by
 * objectId, a transient 404, an identity not on the VM). The proxy-mode run of whole programs is
 * proxy-mode.test.ts. No request leaves 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManagedIdentityCredential } from '@azure/identity';
import { decodeJwt } from 'jose';
import { startEmulator, type Emulator } from '../../src/cloud/emulator/server';

let emu: Emulator;
const saved = process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
const ARM_SCOPE = 'https://management.azure.com/.default';

beforeAll(async () => {
  emu = await startEmulator({ preset: 'user-assigned', port: 0 });
  // msal-node's IMDS source takes its base URL from this variable (imds.md §5; docs/EMULATOR.md).
  process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = emu.urls.imds;
});

afterAll(async () => {
  if (saved === undefined) delete process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
  else process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = saved;
  await emu?.close();
});

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emu.urls.imds}/_sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

describe('ManagedIdentityCredential against the simulated IMDS', () => {
  test('system-assigned (the default when it is on)', async () => {
    const world = await control('GET', '/world');
    const vm = world.virtualMachines.find((v: { name: string }) => v.name === 'myLinuxVM');
    const token = await new ManagedIdentityCredential().getToken(ARM_SCOPE);
    expect(token.token.split('.')).toHaveLength(3);
    const claims = decodeJwt(token.token);
    // The expiry the SDK reports lies after the token's issue time (no wall-clock read in the test).
    expect(token.expiresOnTimestamp).toBeGreaterThan(claims.iat! * 1000);
    expect(claims.oid).toBe(vm.identity.principalId);
  });

  test.each(['clientId', 'resourceId', 'objectId'] as const)('user-assigned by %s', async (by) => {
    const world = await control('GET', '/world');
    const ua = world.userAssignedIdentities[0];
    const value = { clientId: ua.clientId, resourceId: ua.id, objectId: ua.principalId }[by];
    const credential =
      by === 'clientId'
        ? new ManagedIdentityCredential({ clientId: value })
        : by === 'resourceId'
          ? new ManagedIdentityCredential({ resourceId: value })
          : new ManagedIdentityCredential({ objectId: value });
    const token = await credential.getToken(ARM_SCOPE);
    const claims = decodeJwt(token.token);
    expect(claims.oid).toBe(ua.principalId);
    expect(claims.appid).toBe(ua.clientId);
    expect(claims.aud).toBe('https://management.azure.com');
  });

  test('IMDS "updating" (404) for a moment: the credential retries and gets the token', async () => {
    const world = await control('GET', '/world');
    const now = Date.parse(world.clock.now);
    // The emulator's clock runs in real time; @azure/identity's first 404 retry waits 0.4–0.8 s.
    await control('PUT', '/faults', { rules: [{ kind: 'updating', from: now - 1000, until: now + 300 }] });
    const before = emu.router.log.size;
    // A resource no other test asks for: msal-node shares its token cache across credentials, and a
    // cached token would skip IMDS (and, after the reset below, carry the old world's signature).
    const token = await new ManagedIdentityCredential().getToken('https://storage.azure.com/.default');
    expect(decodeJwt(token.token).aud).toBe('https://storage.azure.com');
    const statuses = emu.router.log.entries().slice(before).filter((e) => e.operation?.startsWith('imds.token')).map((e) => e.response?.status);
    expect(statuses[0]).toBe(404);
    expect(statuses.at(-1)).toBe(200);
    await control('PUT', '/faults', { rules: [] });
  });

  test('an identity that is not on the VM is refused', async () => {
    const credential = new ManagedIdentityCredential({ clientId: '11111111-2222-4333-8444-555555555555' });
    await expect(credential.getToken(ARM_SCOPE)).rejects.toThrow(/Identity not found/);
  });
});
