import { describe, expect, it } from 'vitest';
import { accessPolicyAllows, createKeyVault, createResourceGroup, dataWorld, DATA, getSecret, listSecrets, quickstartWorld, setSecret } from '../../../src/sim/index';

describe('key vaults', () => {
  it('RBAC model by default; access-policy model on request, with policies deciding', () => {
    const q = quickstartWorld();
    const rbacVault = createKeyVault(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'kv-rbac' });
    expect(rbacVault.ok && rbacVault.value.vault.properties.enableRbacAuthorization).toBe(true);
    const policyVault = createKeyVault(q.world, {
      subscriptionId: q.subscriptionId,
      resourceGroup: 'myResourceGroup',
      name: 'kv-policy',
      enableRbacAuthorization: false,
      accessPolicies: [{ tenantId: q.world.tenantId, objectId: q.adminObjectId, permissions: { secrets: ['Get', 'List'] } }],
    });
    if (!policyVault.ok) throw new Error(policyVault.error.message);
    expect(policyVault.value.vault.properties.vaultUri).toBe('https://kv-policy.vault.azure.net/');
    expect(accessPolicyAllows(policyVault.value.vault, q.adminObjectId.toUpperCase(), 'get')).toBe(true);
    expect(accessPolicyAllows(policyVault.value.vault, q.adminObjectId, 'set')).toBe(false);
    expect(accessPolicyAllows(policyVault.value.vault, '00000000-0000-4000-8000-000000000000', 'get')).toBe(false);
  });

  it.each([['ab'], ['1starts-with-digit'], ['double--hyphen'], ['ends-with-']])('rejects the vault name %j', (name) => {
    const q = quickstartWorld();
    const r = createKeyVault(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name });
    expect(r.ok === false && r.error.code).toBe('InvalidResourceName');
  });

  it('vault names are global', () => {
    const q = quickstartWorld();
    createKeyVault(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'shared-name' });
    createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: 'other', location: 'westus' });
    const r = createKeyVault(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'other', name: 'Shared-Name' });
    expect(r.ok === false && r.error.code).toBe('VaultAlreadyExists');
  });
});

describe('secrets', () => {
  it('set adds versions; get returns the newest or the one asked for (wire shapes: test/cloud/keyvault-lifecycle)', () => {
    const d = dataWorld();
    const v2 = setSecret(d.world, { vault: DATA.keyVault, name: DATA.secret, value: 'rotated' });
    if (!v2.ok) throw new Error();
    const latest = getSecret(d.world, { vault: DATA.keyVault, name: 'MYSECRET' });
    expect(latest.ok && latest.value.version).toEqual(v2.value.version);
    expect(v2.value.version).toMatchObject({ value: 'rotated', enabled: true, version: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(v2.value.secret.name).toBe('mySecret');
    const versions = d.world.data.secrets[Object.keys(d.world.data.secrets)[0]!]!.versions;
    expect(versions).toHaveLength(2);
    const first = getSecret(d.world, { vault: DATA.keyVault, name: DATA.secret, version: versions[0]!.version });
    expect(first.ok && first.value.version.value).toBe('p@ssw0rd!');
  });

  it('a missing secret is SecretNotFound with Key Vault’s text', () => {
    const d = dataWorld();
    expect(getSecret(d.world, { vault: DATA.keyVault, name: 'nope' })).toEqual({
      ok: false,
      error: {
        code: 'SecretNotFound',
        message:
          'A secret with (name/id) nope was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182',
      },
    });
  });

  it('rejects bad names and lists the live secrets', () => {
    const d = dataWorld();
    expect(setSecret(d.world, { vault: DATA.keyVault, name: 'has_underscore', value: 'x' })).toMatchObject({ ok: false, error: { code: 'BadParameter' } });
    const listed = listSecrets(d.world, DATA.keyVault);
    expect(listed.ok && listed.value.map((s) => s.secret.name)).toEqual(['mySecret']);
  });
});
