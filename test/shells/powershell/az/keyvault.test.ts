/**
 * Az.KeyVault secrets in Cloud Shell's PowerShell against the simulated Key Vault: the data-plane token
 * for https://vault.azure.net, RBAC on secrets (Owner alone may not read them), -AsPlainText, and the
 * KeyVault.format.ps1xml list (src/shells/powershell/modules/az/keyvault.ts, views.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRoleAssignment, createWorld, guid, rbac, type World } from '../../../../src/sim/index';
import { cloudShellRig } from './az-rig';

function dataWorld(): { world: World; vaultId: string } {
  const made = createWorld('data');
  if (!made.ok) throw new Error(made.error.message);
  const world = made.value;
  return { world, vaultId: Object.values(world.data.keyVaults)[0]!.id };
}

function grantSecretsOfficer(world: World, scope: string): void {
  const user = Object.values(world.data.users)[0]!;
  const made = createRoleAssignment(world, { name: guid(world.rng), scope, roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.keyVaultSecretsOfficer}`, principalId: user.objectId, principalType: 'User' });
  if (!made.ok) throw new Error(made.error.message);
}

describe('Set-AzKeyVaultSecret / Get-AzKeyVaultSecret', () => {
  it('an Owner without a data role is refused by the vault, as in Azure', async () => {
    const { world } = dataWorld();
    const r = await cloudShellRig(world);
    const out = await r.session.run('Get-AzKeyVaultSecret -VaultName mysandboxvault -Name anything');
    expect(out.stderr.split('\n')[0]).toBe("Get-AzKeyVaultSecret : Operation returned an invalid status code 'Forbidden'");
    expect(out.stderr).toContain('Code: Forbidden');
    expect(r.requests().at(-1)).toBe('GET https://mysandboxvault.vault.azure.net/secrets/anything?api-version=7.5');
  });

  it('a vault name that cannot be a host name is refused as .NET\'s Uri refuses it, and nothing is sent', async () => {
    const { world } = dataWorld();
    const r = await cloudShellRig(world);
    const before = r.requests().length;
    const out = await r.session.run("Get-AzKeyVaultSecret 'No Role' -Name anything");
    expect(out.stderr.split('\n')[0]).toBe('Get-AzKeyVaultSecret : Invalid URI: The hostname could not be parsed.');
    expect(out.stderr).toContain('FullyQualifiedErrorId : System.UriFormatException');
    expect(out.stderr).not.toContain('internal error');
    expect(r.requests().slice(before).some((line) => line.includes('vault.azure.net'))).toBe(false);
  });

  it('sets a secret from ConvertTo-SecureString, reads it back as PSKeyVaultSecret and -AsPlainText', async () => {
    const { world, vaultId } = dataWorld();
    grantSecretsOfficer(world, vaultId);
    const r = await cloudShellRig(world);
    const set = await r.session.run("$value = ConvertTo-SecureString 'p@ss w0rd' -AsPlainText -Force\nSet-AzKeyVaultSecret -VaultName mysandboxvault -Name mySecret -SecretValue $value -ContentType text/plain");
    expect(set.stderr).toBe('');
    const lines = set.stdout.split('\n');
    expect(lines).toContain('Vault Name   : mysandboxvault');
    expect(lines).toContain('Name         : mySecret');
    expect(lines.find((l) => l.startsWith('Id '))).toMatch(/^Id {11}: https:\/\/mysandboxvault\.vault\.azure\.net:443\/secrets\/mySecret\/[0-9a-f]{32}$/);
    expect(lines).toContain('Enabled      : True');
    expect(lines).toContain('Content Type : text/plain');
    expect((await r.session.run('Get-AzKeyVaultSecret -VaultName mysandboxvault -Name mySecret -AsPlainText')).stdout).toBe('p@ss w0rd\n');
    expect((await r.session.run('(Get-AzKeyVaultSecret mysandboxvault mySecret).SecretValue')).stdout).toBe('System.Security.SecureString\n');
    expect((await r.session.run('(Get-AzKeyVaultSecret -VaultName mysandboxvault).Name')).stdout).toContain('mySecret\n');
  });

  it('a plain string is no SecureString; -AsPlainText without -Force is refused as 5.1 does', async () => {
    const { world } = dataWorld();
    const r = await cloudShellRig(world);
    let out = await r.session.run('Set-AzKeyVaultSecret -VaultName mysandboxvault -Name s -SecretValue plain');
    expect(out.stderr.split('\n')[0]).toBe('Set-AzKeyVaultSecret : Cannot bind parameter \'SecretValue\'. Cannot convert the "plain" value of type "System.String" to type "System.Security.SecureString".');
    out = await r.session.run("ConvertTo-SecureString 'x' -AsPlainText");
    expect(out.stderr.split('\n')[0]).toContain('The system cannot protect plain text input.');
  });
});
