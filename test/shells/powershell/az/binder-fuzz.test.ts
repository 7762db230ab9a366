/**
 * fast-check properties for the Az cmdlets' parameter binding (bounded runs): random argument lists
 * never throw out of a cmdlet (each call ends in output or an error record), and an enum parameter
 * binds any casing of a member and refuses anything else with the members listed, as 5.1's binder does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../../src/sim/index';
import { cloudShellRig } from './az-rig';

async function rig() {
  const made = createWorld('quickstart');
  if (!made.ok) throw new Error(made.error.message);
  return cloudShellRig(made.value);
}

const CMDLETS = ['Get-AzVM', 'Update-AzVM', 'New-AzUserAssignedIdentity', 'Get-AzUserAssignedIdentity', 'Remove-AzUserAssignedIdentity', 'New-AzRoleAssignment', 'Get-AzRoleAssignment', 'Remove-AzRoleAssignment', 'Get-AzRoleDefinition', 'Get-AzKeyVaultSecret', 'Set-AzKeyVaultSecret', 'New-AzStorageContext', 'Get-AzStorageBlob', 'Get-AzStorageBlobContent', 'Get-AzResource'];
const ARGS = [
  '-ResourceGroupName', 'myResourceGroup', 'nope', '-Name', 'myLinuxVM', 'myId', '*', '-VM', '$vm', '$null', '-IdentityType', 'None', 'SystemAssigned', 'bogus', '-IdentityId', '@()',
  '-Location', 'eastus', '-ObjectId', '00000000-0000-0000-0000-000000000000', 'not-a-guid', '-SignInName', 'nobody@example.com', '-ApplicationId', '-RoleDefinitionName', 'Reader', "'No Role'",
  '-RoleDefinitionId', '-Scope', '/', '/subscriptions/x', '-VaultName', 'v', '-SecretValue', '-AsPlainText', '-Container', 'c', '-Context', '-Blob', '-UseConnectedAccount', '-StorageAccountName',
  '-DisplayHint', 'Expand', '-PassThru', '-WhatIf', '-Id', '-Tag', '@{a=1}', '-InputObject', '1', '-',
];

describe('fuzz: the Az cmdlets\' binding', () => {
  it('random argument lists end in output or an error record, never an internal error', async () => {
    const r = await rig();
    await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CMDLETS), fc.array(fc.constantFrom(...ARGS), { maxLength: 6 }), async (cmdlet, rest) => {
        const out = await r.session.run([cmdlet, ...rest].join(' '));
        expect(out.stderr).not.toContain('internal error');
        if (out.exitCode !== 0 && out.stderr !== '') expect(out.stderr).toContain('FullyQualifiedErrorId');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 80) },
    );
  }, 300_000);

  it.each([
    ['New-AzRoleAssignment -SignInName $null -RoleDefinitionName Reader', 'SignInName'],
    ["New-AzRoleAssignment -ObjectId '' -RoleDefinitionName Reader", 'ObjectId'],
    ['New-AzRoleAssignment -ApplicationId $null -RoleDefinitionName Reader', 'ServicePrincipalName'],
    ['Get-AzRoleAssignment -SignInName $null', 'SignInName'],
    ['Remove-AzRoleAssignment -ObjectId $null -RoleDefinitionName Reader', 'ObjectId'],
  ])('%s is refused by the binder\'s not-null-or-empty validation (found by the fuzz above)', async (source, parameter) => {
    const r = await rig();
    const out = await r.session.run(source);
    expect(out.stderr).toContain(`Cannot validate argument on parameter '${parameter}'. The argument is null or empty.`);
    expect(out.stderr).not.toContain('internal error');
  });

  it('an enum parameter binds any casing of a member, and refuses anything else listing the members', async () => {
    const r = await rig();
    await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM');
    const before = r.requests().length;
    const members = ['SystemAssigned', 'UserAssigned', 'SystemAssignedUserAssigned', 'None'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...members).chain((m) => fc.array(fc.boolean(), { minLength: m.length, maxLength: m.length }).map((up) => [...m].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''))),
          fc.stringMatching(/^[A-Za-z]{1,12}$/),
        ),
        async (value) => {
          // -WhatIf: bind and stop before any request.
          const out = await r.session.run(`Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType ${value} -WhatIf`);
          const isMember = members.some((m) => m.toLowerCase() === value.toLowerCase());
          if (isMember) expect(out.stderr).not.toContain("Cannot bind parameter 'IdentityType'");
          else expect(out.stderr).toContain(`Cannot convert value "${value}" to type "Microsoft.Azure.Management.Compute.Models.ResourceIdentityType".`);
        },
      ),
      { numRuns: 60 },
    );
    // -WhatIf: nothing was sent.
    expect(r.requests().length).toBe(before);
  }, 300_000);
});
