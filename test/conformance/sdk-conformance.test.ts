/**
 * Real Azure SDK clients against the loopback emulator: @azure/identity 4.13.1's
 * ManagedIdentityCredential (system-assigned, by clientId, by resourceId, by objectId) gets tokens
 * from the simulated IMDS; @azure/arm-resources 7.0.0 reads a resource group (AuthorizationFailed
 * before the grant, the group after); @azure/keyvault-secrets 4.10.0 reads a secret. No request
 * leaves 127.0.0.1. Only success paths and non-retried errors are exercised, so no SDK retry waits.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManagedIdentityCredential } from '@azure/identity';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SecretClient } from '@azure/keyvault-secrets';
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
  const res = await fetch(`${emu.urls.imds}/_sandbox${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

async function adminArm(method: string, path: string, body?: unknown) {
  const world = await control('GET', '/world');
  const token = await control('POST', '/token', { principal: world.users[0].userPrincipalName, resource: 'https://management.azure.com/' });
  return fetch(`${emu.urls.arm}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

describe('ManagedIdentityCredential against the simulated IMDS', () => {
  test('system-assigned (the default when it is on)', async () => {
    const world = await control('GET', '/world');
    const vm = world.virtualMachines.find((v: { name: string }) => v.name === 'myLinuxVM');
    const token = await new ManagedIdentityCredential().getToken(ARM_SCOPE);
    expect(token.token.split('.')).toHaveLength(3);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(decodeJwt(token.token).oid).toBe(vm.identity.principalId);
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

describe('ResourceManagementClient with a managed identity', () => {
  test('resourceGroups.get fails with AuthorizationFailed before the grant and returns the group after', async () => {
    const world = await control('GET', '/world');
    const subscriptionId = world.subscriptions[0].subscriptionId;
    const ua = world.userAssignedIdentities[0];
    const credential = new ManagedIdentityCredential({ clientId: ua.clientId });
    const client = new ResourceManagementClient(credential, subscriptionId, { endpoint: emu.urls.arm, allowInsecureConnection: true });
    // core-rest-pipeline 1.24's bearer policy refuses http:// outright, even with
    // allowInsecureConnection; over loopback a one-line policy adds the token instead (docs/EMULATOR.md).
    client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
    client.pipeline.addPolicy({
      name: 'emulatorBearer',
      async sendRequest(request, next) {
        request.headers.set('authorization', `Bearer ${(await credential.getToken(ARM_SCOPE)).token}`);
        return next(request);
      },
    });
    await expect(client.resourceGroups.get('myResourceGroup')).rejects.toMatchObject({ name: 'RestError', code: 'AuthorizationFailed', statusCode: 403 });

    const grant = await adminArm(
      'PUT',
      `/subscriptions/${subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.Authorization/roleAssignments/6f1d2c3b-4a5e-4f60-8a7b-9c8d7e6f5a4b?api-version=2022-04-01`,
      { properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7', principalId: ua.principalId, principalType: 'ServicePrincipal' } },
    );
    expect(grant.status).toBe(201);
    const group = await client.resourceGroups.get('myResourceGroup');
    expect(group).toMatchObject({ name: 'myResourceGroup', location: 'eastus', type: 'Microsoft.Resources/resourceGroups' });
  });
});

describe('SecretClient with a managed identity', () => {
  test('reads the data preset’s secret once Key Vault Secrets User is granted', async () => {
    await control('POST', '/reset', { preset: 'data' });
    const world = await control('GET', '/world');
    const subscriptionId = world.subscriptions[0].subscriptionId;
    const vm = world.virtualMachines.find((v: { name: string }) => v.name === 'myLinuxVM');
    const on = await adminArm('PATCH', `${vm.id}?api-version=2024-07-01`, { identity: { type: 'SystemAssigned' } });
    const principalId = (await on.json()).identity.principalId;
    const vault = world.keyVaults[0];
    const grant = await adminArm('PUT', `${vault.id}/providers/Microsoft.Authorization/roleAssignments/7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d?api-version=2022-04-01`, {
      properties: { roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`, principalId, principalType: 'ServicePrincipal' },
    });
    expect(grant.status).toBe(201);
    const client = new SecretClient(`${emu.urls.keyvault}/${vault.name}`, new ManagedIdentityCredential(), {
      allowInsecureConnection: true,
      // The challenge names vault.azure.net while the request goes to 127.0.0.1.
      disableChallengeResourceVerification: true,
    });
    const secret = await client.getSecret('mySecret');
    expect(secret.value).toBe('p@ssw0rd!');
    expect(secret.properties.version).toMatch(/^[0-9a-f]{32}$/);
  });
});
