/**
 * Azure PowerShell for a portal change: quoting, and what each cmdlet would receive. The second is
 * checked by running the printed commands in the Windows PowerShell 5.1 session of src/shells,
 * with the Az cmdlets stubbed as functions that record their parameters: a hostile name must reach
 * the cmdlet as the one string it was, never expanded, split or cut short.
 */
import { describe, expect, it } from 'vitest';
import { powershellCommands, psq } from '../../../src/cloud/inspect/az-powershell';
import type { PortalChange, ResourceRef, ScopeRef } from '../../../src/cloud/inspect/portal-change';
import { newSession } from '../../shells/powershell/fake-azure';

describe('psq', () => {
  it.each([
    ['myResourceGroup', "'myResourceGroup'"],
    ['', "''"],
    ["it's", "'it''s'"],
    ["''", "''''''"],
    ['$x', "'$x'"],
    ['$(Remove-Item C:\\ -Recurse)', "'$(Remove-Item C:\\ -Recurse)'"],
    ['`n and `"', "'`n and `\"'"],
    ['a b\tc', "'a b\tc'"],
    ['@splat', "'@splat'"],
    ['x; y | z', "'x; y | z'"],
    ['a,b', "'a,b'"],
    ['"double"', "'\"double\"'"],
    // PowerShell ends a single-quoted string at any of ‘ ’ ‚ ‛ too; each is doubled like '.
    ['‘left’', "'‘‘left’’'"],
    ['low‚ and ‛reversed', "'low‚‚ and ‛‛reversed'"],
  ])('%j → %s', (value, quoted) => {
    expect(psq(value)).toBe(quoted);
  });

  // The simulated 5.1 session unescapes '' but not the doubled typographic quotes, so those are
  // left to the table above (real PowerShell reads a doubled one back as one).
  const HOSTILE = ["it's", "o''brien", '$x', '${env:PATH}', '$(Get-Date)', '`$x`n', 'a b', "  '  ", 'a,b', '@x', '# not a comment', 'line\nbreak', '"q"'];

  it.each(HOSTILE)('%j comes back from a PowerShell session as itself', async (value) => {
    const session = newSession();
    const run = await session.run(`$got = ${psq(value)}`);
    expect(run.stderr).toBe('');
    expect(session.snapshot().variables.got).toBe(value);
  });
});

/**
 * Stand-ins for the Az cmdlets: lookups answer with values made from their parameters, and the
 * changing cmdlets record what they were given in $calls.
 */
const STUBS = `
$calls = @()
function Get-AzVM { param($ResourceGroupName, $Name) [pscustomobject]@{ Id = "vm|$ResourceGroupName|$Name"; Identity = [pscustomobject]@{ PrincipalId = "vm-principal|$ResourceGroupName|$Name" } } }
function Get-AzUserAssignedIdentity { param($ResourceGroupName, $Name) [pscustomobject]@{ Id = "uai|$ResourceGroupName|$Name"; PrincipalId = "uai-principal|$ResourceGroupName|$Name" } }
function Get-AzResource { param($ResourceGroupName, $ResourceType, $Name) [pscustomobject]@{ ResourceId = "res|$ResourceGroupName|$ResourceType|$Name" } }
function Get-AzResourceGroup { param($Name) [pscustomobject]@{ ResourceId = "rg|$Name" } }
function Get-AzADGroup { param($DisplayName) [pscustomobject]@{ Id = "group|$DisplayName" } }
function Get-AzContext { [pscustomobject]@{ Subscription = [pscustomobject]@{ Id = 'SUB' } } }
function New-AzUserAssignedIdentity { param($ResourceGroupName, $Name, $Location) $global:calls += @{ cmd = 'New-AzUserAssignedIdentity'; ResourceGroupName = $ResourceGroupName; Name = $Name; Location = $Location } }
function Remove-AzUserAssignedIdentity { param($ResourceGroupName, $Name) $global:calls += @{ cmd = 'Remove-AzUserAssignedIdentity'; ResourceGroupName = $ResourceGroupName; Name = $Name } }
function Update-AzVM { param($ResourceGroupName, $VM, $IdentityType, $IdentityId) $global:calls += @{ cmd = 'Update-AzVM'; ResourceGroupName = $ResourceGroupName; VM = $VM; IdentityType = $IdentityType; IdentityId = $IdentityId } }
function New-AzRoleAssignment { param($ObjectId, $ObjectType, $SignInName, $RoleDefinitionName, $Scope) $global:calls += @{ cmd = 'New-AzRoleAssignment'; ObjectId = $ObjectId; ObjectType = $ObjectType; SignInName = $SignInName; RoleDefinitionName = $RoleDefinitionName; Scope = $Scope } }
function Remove-AzRoleAssignment { param($ObjectId, $SignInName, $RoleDefinitionName, $Scope) $global:calls += @{ cmd = 'Remove-AzRoleAssignment'; ObjectId = $ObjectId; SignInName = $SignInName; RoleDefinitionName = $RoleDefinitionName; Scope = $Scope } }
`;

/**
 * PowerShell binds each key of a splatted hashtable to the parameter of that name. The simulated
 * session does not splat into functions, so a splatted call records its hashtable instead, which is
 * what the cmdlet would receive.
 */
const recordSplat = (command: string): string =>
  command.replace(/^([A-Za-z]+-Az[A-Za-z]+) @params$/m, (_all, cmdlet: string) => `$params['cmd'] = '${cmdlet}'\n$global:calls += $params`);

type Encoded = null | string | { $array: Encoded[] } | { $object: [string, Encoded][] } | { $hashtable: [string, Encoded][] };

/** A recorded value as text: a VM object by its Id, an array joined with ' + '. */
function plain(value: Encoded): string | null {
  if (value === null || typeof value === 'string') return value || null;
  if ('$array' in value) return value.$array.map(plain).join(' + ');
  if ('$object' in value) return plain(value.$object.find(([name]) => name === 'Id')?.[1] ?? null);
  return JSON.stringify(value);
}

/** Runs the change's commands after the stubs; what each changing cmdlet received (unset parameters left out). */
async function received(change: PortalChange): Promise<Record<string, string>[]> {
  const session = newSession();
  const run = await session.run(`${STUBS}\n${powershellCommands(change).map(recordSplat).join('\n')}`);
  expect(run.stderr).toBe('');
  const calls = session.snapshot().variables.calls as { $array: { $hashtable: [string, Encoded][] }[] };
  return calls.$array.map((call) => Object.fromEntries(call.$hashtable.map(([k, v]) => [k, plain(v)]).filter(([, v]) => v !== null)));
}

const RG = "r'g $x";
const ref = (type: string, name: string, resourceGroup = RG, child = ''): ResourceRef => ({ resourceGroup, type, name, child });
const VM = ref('Microsoft.Compute/virtualMachines', 'my`VM');
const UAI = ref('Microsoft.ManagedIdentity/userAssignedIdentities', 'id $(Get-Date)');
const OTHER_UAI = ref('Microsoft.ManagedIdentity/userAssignedIdentities', 'plain', 'elsewhere');
const ROLE = "Reader's \"role\"";

type Case = [label: string, change: PortalChange, calls: Record<string, string>[]];

const SCOPES: [string, ScopeRef, string][] = [
  ['the root', { kind: 'root' }, '/'],
  ['a management group', { kind: 'managementGroup', name: "mg 'one'" }, "/providers/Microsoft.Management/managementGroups/mg 'one'"],
  ['the subscription', { kind: 'subscription' }, '/subscriptions/SUB'],
  ['a resource group', { kind: 'resourceGroup', name: RG }, `rg|${RG}`],
  ['a VM', { kind: 'resource', resource: VM }, `vm|${RG}|my\`VM`],
  [
    'a blob container',
    { kind: 'resource', resource: ref('Microsoft.Storage/storageAccounts', 'st', RG, "/blobServices/default/containers/c 'x'") },
    `res|${RG}|Microsoft.Storage/storageAccounts|st/blobServices/default/containers/c 'x'`,
  ],
];

const CASES: Case[] = [
  [
    'create a user-assigned identity',
    { kind: 'identity.create', identity: UAI, location: 'west $europe' },
    [{ cmd: 'New-AzUserAssignedIdentity', ResourceGroupName: RG, Name: UAI.name, Location: 'west $europe' }],
  ],
  ['delete a user-assigned identity', { kind: 'identity.delete', identity: UAI }, [{ cmd: 'Remove-AzUserAssignedIdentity', ResourceGroupName: RG, Name: UAI.name }]],
  [
    'turn on the system-assigned identity of a VM that has two user-assigned ones',
    { kind: 'vm.identity', vm: VM, on: true, off: false, attached: [], detached: [], after: { systemAssigned: true, userAssigned: [UAI, OTHER_UAI] } },
    [{ cmd: 'Update-AzVM', ResourceGroupName: RG, VM: `vm|${RG}|my\`VM`, IdentityType: 'SystemAssignedUserAssigned', IdentityId: `uai|${RG}|${UAI.name} + uai|elsewhere|plain` }],
  ],
  [
    'detach the last user-assigned identity',
    { kind: 'vm.identity', vm: VM, on: false, off: false, attached: [], detached: [UAI], after: { systemAssigned: false, userAssigned: [] } },
    [{ cmd: 'Update-AzVM', ResourceGroupName: RG, VM: `vm|${RG}|my\`VM`, IdentityType: 'None' }],
  ],
  ...SCOPES.flatMap(([where, scope, scopeValue]): Case[] => [
    [
      `give a VM's identity a role on ${where}`,
      { kind: 'role.create', role: ROLE, principal: { kind: 'managedIdentity', owner: VM, system: true }, scope },
      [{ cmd: 'New-AzRoleAssignment', ObjectId: `vm-principal|${RG}|my\`VM`, ObjectType: 'ServicePrincipal', RoleDefinitionName: ROLE, Scope: scopeValue }],
    ],
    [
      `take a role on ${where} from a user`,
      { kind: 'role.delete', role: ROLE, principal: { kind: 'user', userPrincipalName: "o'brien@contoso.example" }, scope },
      [{ cmd: 'Remove-AzRoleAssignment', SignInName: "o'brien@contoso.example", RoleDefinitionName: ROLE, Scope: scopeValue }],
    ],
  ]),
  [
    'give a group a role',
    { kind: 'role.create', role: 'Reader', principal: { kind: 'group', displayName: 'App "readers" $x' }, scope: { kind: 'resourceGroup', name: 'g' } },
    [{ cmd: 'New-AzRoleAssignment', ObjectId: 'group|App "readers" $x', ObjectType: 'Group', RoleDefinitionName: 'Reader', Scope: 'rg|g' }],
  ],
  [
    'take a role from a user-assigned identity',
    { kind: 'role.delete', role: 'Reader', principal: { kind: 'managedIdentity', owner: UAI, system: false }, scope: { kind: 'subscription' } },
    [{ cmd: 'Remove-AzRoleAssignment', ObjectId: `uai-principal|${RG}|${UAI.name}`, RoleDefinitionName: 'Reader', Scope: '/subscriptions/SUB' }],
  ],
];

describe('powershellCommands: what the cmdlets receive, hostile names included', () => {
  it.each(CASES)('%s', async (_label, change, calls) => {
    expect(await received(change)).toEqual(calls);
  });
});
