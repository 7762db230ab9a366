/**
 * Az.Compute, Az.ManagedServiceIdentity and the Az.Resources role cmdlets against the simulated cloud:
 * what they send, what they change in the world, and what they print (views cited in
 * src/shells/powershell/modules/az/views.ts and vm-format.ts; errors in az-context.ts, autorest.ts, roles.ts).
 */
import { describe, expect, it } from 'vitest';
import { createResourceGroup, createUserAssignedIdentity, createWorld, rbac, type World } from '../../../../src/sim/index';
import { azRig, cloudShellRig } from './az-rig';

const OWNER = `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.owner}`;

function world(): World {
  const made = createWorld('quickstart');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

const firstLine = (text: string) => text.split(/\r?\n/)[0];

describe('Get-AzVM', () => {
  it('before Connect-AzAccount: "Run Connect-AzAccount to login."', async () => {
    const r = azRig();
    const out = await r.session.run('Get-AzVM');
    expect(firstLine(out.stderr)).toBe('Get-AzVM : Run Connect-AzAccount to login.');
    expect(out.stderr).toContain('FullyQualifiedErrorId : InvalidOperation,Microsoft.Azure.Commands.Compute.GetAzureVMCommand');
    expect(r.requests()).toEqual([]);
  });

  it('lists the VMs in PSVirtualMachineList\'s table (ResourceGroupName left, the rest right-aligned)', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzVM');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        '',
        'ResourceGroupName        Name Location          VmSize  OsType NIC ProvisioningState Zone',
        '-----------------        ---- --------          ------  ------ --- ----------------- ----',
        'myResourceGroup     myLinuxVM   eastus Standard_DS1_v2   Linux             Succeeded',
        'myResourceGroup   myWindowsVM   eastus Standard_D2s_v3 Windows             Succeeded',
        '',
        '',
        '',
      ].join('\n'),
    );
    expect(r.requests().at(-1)).toMatch(/^GET https:\/\/management\.azure\.com\/subscriptions\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\?api-version=/);
  });

  it('one VM in the FormatObject view (Compact: nested objects as their property names; Expand writes them out)', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzVM -ResourceGroupName myResourceGroup -Name myWindowsVM');
    const lines = out.stdout.split('\n');
    expect(lines).toContain('ResourceGroupName : myResourceGroup');
    expect(lines).toContain('Name              : myWindowsVM');
    expect(lines).toContain('HardwareProfile   : {VmSize}');
    expect(lines).toContain('Identity          : {Type, PrincipalId, TenantId}');
    const expanded = (await r.session.run('Get-AzVM myResourceGroup myWindowsVM -DisplayHint Expand')).stdout.split('\n');
    expect(expanded).toContain('  VmSize          : Standard_D2s_v3');
    expect(expanded).toContain('  Type            : SystemAssigned');
    expect((await r.session.run('(Get-AzVM myResourceGroup myWindowsVM).Identity.PrincipalId')).stdout).toBe(`${r.principalId()}\n`);
  });

  it('a VM that does not exist: the ComputeCloudException record with the service\'s code', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzVM -ResourceGroupName myResourceGroup -Name nope');
    expect(firstLine(out.stderr)).toBe("Get-AzVM : The Resource 'Microsoft.Compute/virtualMachines/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    expect(out.stderr).toContain('ErrorCode: ResourceNotFound\nErrorTarget: \nStatusCode: 404\nReasonPhrase: Not Found\n');
    expect(out.stderr).toContain('CategoryInfo          : CloseError: (:) [Get-AzVM], ComputeCloudException');
  });
});

describe('Update-AzVM', () => {
  it('a Reader identity may not write: AuthorizationFailed as ComputeCloudException, nothing changes', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM; Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType SystemAssigned');
    expect(out.stderr).toContain("does not have authorization to perform action 'Microsoft.Compute/virtualMachines/write'");
    expect(out.stderr).toContain('ErrorCode: AuthorizationFailed');
    expect(r.world.data.virtualMachines[r.linuxVmId.toLowerCase()]!.identity?.type ?? 'None').toBe('None');
  });

  it('-IdentityType SystemAssigned / UserAssigned with -IdentityId / None replace the identity, and print PSAzureOperationResponse', async () => {
    const r = await cloudShellRig(world());
    const vm = () => r.world.data.virtualMachines[Object.keys(r.world.data.virtualMachines).find((k) => k.endsWith('/mylinuxvm'))!]!;
    let out = await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM; Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType SystemAssigned');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(['', 'RequestId IsSuccessStatusCode StatusCode ReasonPhrase', '--------- ------------------- ---------- ------------', '                         True         OK OK', '', '', ''].join('\n'));
    expect(vm().identity?.type).toBe('SystemAssigned');
    await r.session.run('$id = New-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myId -Location eastus');
    out = await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM; Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType SystemAssignedUserAssigned -IdentityId $id.Id');
    expect(out.stderr).toBe('');
    expect(vm().identity?.type).toBe('SystemAssigned, UserAssigned');
    expect(Object.keys(vm().identity?.userAssignedIdentities ?? {}).map((k) => k.split('/').pop())).toEqual(['myId']);
    await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM; Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType None');
    expect(vm().identity?.type ?? 'None').toBe('None');
  });

  it('binder errors: an IdentityType that is no enum member, no -VM at all', async () => {
    const r = await cloudShellRig(world());
    let out = await r.session.run('$vm = Get-AzVM -ResourceGroupName myResourceGroup -Name myLinuxVM; Update-AzVM -ResourceGroupName myResourceGroup -VM $vm -IdentityType Both');
    expect(firstLine(out.stderr)).toBe('Update-AzVM : Cannot bind parameter \'IdentityType\'. Cannot convert value "Both" to type "Microsoft.Azure.Management.Compute.Models.ResourceIdentityType". Error: "Unable to match the identifier name Both to a valid enumerator name. Specify one of the following enumerator names and try again:');
    expect(out.stderr.split(/\r?\n/)[1]).toBe('SystemAssigned, UserAssigned, SystemAssignedUserAssigned, None"');
    out = await r.session.run('Update-AzVM -ResourceGroupName myResourceGroup');
    expect(firstLine(out.stderr)).toBe('Update-AzVM : Cannot process command because of one or more missing mandatory parameters: VM.');
    expect(out.stderr).toContain('FullyQualifiedErrorId : MissingMandatoryParameter,Microsoft.Azure.Commands.Compute.UpdateAzureVMCommand');
    out = await r.session.run("Update-AzVM -ResourceGroupName myResourceGroup -VM 'myLinuxVM' -IdentityType None");
    expect(firstLine(out.stderr)).toContain("Cannot bind parameter 'VM'.");
  });
});

describe('user-assigned identities', () => {
  it('New-, Get-, Remove-AzUserAssignedIdentity in the world, with the generated module\'s table', async () => {
    const r = await cloudShellRig(world());
    const out = await r.session.run('New-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI -Location eastus');
    expect(out.stdout).toBe(['', 'Location Name  ResourceGroupName', '-------- ----  -----------------', 'eastus   myUAI myResourceGroup', '', '', ''].join('\n'));
    const made = Object.values(r.world.data.userAssignedIdentities).find((i) => i.name === 'myUAI')!;
    expect((await r.session.run('(Get-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI).ClientId')).stdout).toBe(`${made.properties.clientId}\n`);
    expect((await r.session.run('(Get-AzUserAssignedIdentity).Count')).stdout).toBe(`${Object.keys(r.world.data.userAssignedIdentities).length}\n`);
    await r.session.run('Get-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI | Remove-AzUserAssignedIdentity');
    expect(Object.values(r.world.data.userAssignedIdentities).some((i) => i.name === 'myUAI')).toBe(false);
  });

  it('a service error is the AutoRest record: the variant cmdlet, the service\'s message and code', async () => {
    const r = await cloudShellRig(world());
    const out = await r.session.run('Get-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name nope');
    expect(firstLine(out.stderr)).toBe("Get-AzUserAssignedIdentity_Get : The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    expect(out.stderr).toContain('+ CategoryInfo          : InvalidOperation: ({ SubscriptionI...ceName = nope }:<>f__AnonymousType0`3) [Get-AzUserA \n   ssignedIdentity_Get], RestException`1');
    expect(out.stderr).toContain('FullyQualifiedErrorId : ResourceNotFound,Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Cmdlets.GetAz \n   UserAssignedIdentity_Get');
    const missing = await r.session.run('New-AzUserAssignedIdentity -Name x');
    expect(firstLine(missing.stderr)).toBe('New-AzUserAssignedIdentity : Cannot process command because of one or more missing mandatory parameters: ResourceGroupName Location.');
  });
});

describe('role assignments', () => {
  it('New-AzRoleAssignment by -ObjectId, -SignInName and -ApplicationId; the PSRoleAssignment list', async () => {
    const r = await cloudShellRig(world());
    await r.session.run('$id = New-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI -Location eastus');
    const out = await r.session.run('New-AzRoleAssignment -ObjectId $id.PrincipalId -RoleDefinitionName Reader -ResourceGroupName myResourceGroup');
    expect(out.stderr).toBe('');
    const sub = r.subscriptionId;
    const lines = out.stdout.split('\n');
    expect(lines).toContain(`Scope              : /subscriptions/${sub}/resourceGroups/myResourceGroup`);
    expect(lines).toContain('DisplayName        : myUAI');
    expect(lines).toContain('RoleDefinitionName : Reader');
    expect(lines).toContain(`RoleDefinitionId   : ${rbac.BUILT_IN_ROLE_IDS.reader}`);
    expect(lines).toContain('ObjectType         : ServicePrincipal');
    expect(lines).toContain('CanDelegate        : False');
    const byApp = await r.session.run(`New-AzRoleAssignment -ApplicationId $id.ClientId -RoleDefinitionName Contributor -Scope "/subscriptions/${sub}"`);
    expect(byApp.stderr).toBe('');
    const user = await r.session.run(`New-AzRoleAssignment -SignInName ${r.user.userPrincipalName} -RoleDefinitionName Reader -ResourceGroupName myResourceGroup`);
    expect(user.stdout.split('\n')).toContain(`SignInName         : ${r.user.userPrincipalName}`);
    const made = Object.values(r.world.data.roleAssignments).filter((a) => a.removedAt == null);
    const uai = Object.values(r.world.data.userAssignedIdentities).find((i) => i.name === 'myUAI')!;
    expect(made.filter((a) => a.principalId === uai.properties.principalId).map((a) => a.roleDefinitionId.split('/').pop()).sort()).toEqual([rbac.BUILT_IN_ROLE_IDS.contributor, rbac.BUILT_IN_ROLE_IDS.reader].sort());
    expect(made.some((a) => a.principalId === r.user.objectId && a.scope.endsWith('/resourceGroups/myResourceGroup'))).toBe(true);
  });

  it('orphans show ObjectType Unknown; the documented clean-up pipeline removes exactly them', async () => {
    const r = await cloudShellRig(world());
    await r.session.run('$id = New-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI -Location eastus');
    await r.session.run('$null = New-AzRoleAssignment -ObjectId $id.PrincipalId -RoleDefinitionName Reader -ResourceGroupName myResourceGroup');
    await r.session.run('Remove-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name myUAI');
    const listed = await r.session.run('Get-AzRoleAssignment -ResourceGroupName myResourceGroup | Format-Table RoleDefinitionName, DisplayName, ObjectType');
    expect(listed.stdout).toBe(['', 'RoleDefinitionName DisplayName   ObjectType', '------------------ -----------   ----------', 'Owner              Sandbox Admin User', 'Reader                           Unknown', '', '', ''].join('\n'));
    const before = Object.values(r.world.data.roleAssignments).filter((a) => a.removedAt == null).length;
    const removed = await r.session.run('Get-AzRoleAssignment | Where-Object ObjectType -eq Unknown | Remove-AzRoleAssignment');
    expect(removed.stderr).toBe('');
    expect(Object.values(r.world.data.roleAssignments).filter((a) => a.removedAt == null).length).toBe(before - 1);
    expect((await r.session.run('(Get-AzRoleAssignment | Where-Object ObjectType -eq Unknown).Count')).stdout).toBe('0\n');
  });

  it('Remove-AzRoleAssignment by principal, role and scope; "does not map" when nothing matches', async () => {
    const r = await cloudShellRig(world());
    await r.session.run(`$null = New-AzRoleAssignment -SignInName ${r.user.userPrincipalName} -RoleDefinitionName Reader -ResourceGroupName myResourceGroup`);
    const out = await r.session.run(`Remove-AzRoleAssignment -SignInName ${r.user.userPrincipalName} -RoleDefinitionName Reader -ResourceGroupName myResourceGroup`);
    expect(out.stderr).toBe('');
    expect(Object.values(r.world.data.roleAssignments).some((a) => a.removedAt == null && a.principalId === r.user.objectId && a.scope.endsWith('myResourceGroup'))).toBe(false);
    const again = await r.session.run(`Remove-AzRoleAssignment -SignInName ${r.user.userPrincipalName} -RoleDefinitionName Reader -ResourceGroupName myResourceGroup`);
    expect(firstLine(again.stderr)).toBe('Remove-AzRoleAssignment : The provided information does not map to a role assignment.');
  });

  it('principals and roles that do not exist get Az.Resources\' messages', async () => {
    const r = await cloudShellRig(world());
    let out = await r.session.run('New-AzRoleAssignment -SignInName nobody@example.com -RoleDefinitionName Reader');
    expect(firstLine(out.stderr)).toBe('New-AzRoleAssignment : Cannot find principal using the specified options');
    out = await r.session.run(`New-AzRoleAssignment -ObjectId ${r.user.objectId} -RoleDefinitionName 'No Such Role'`);
    expect(firstLine(out.stderr)).toBe("New-AzRoleAssignment : Cannot find role definition with name 'No Such Role'.");
    out = await r.session.run('New-AzRoleAssignment -RoleDefinitionName Reader');
    expect(firstLine(out.stderr)).toBe('New-AzRoleAssignment : Cannot process command because of one or more missing mandatory parameters: ObjectId.');
  });

  it('as a managed identity Graph refuses: the assignment\'s principalType, no names', async () => {
    const r = azRig();
    r.grant(`/subscriptions/${r.subscriptionId}`, OWNER);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzRoleAssignment -ObjectId (Get-AzVM myResourceGroup myWindowsVM).Identity.PrincipalId');
    expect(out.stderr).toBe('');
    expect(out.stdout.split('\n')).toContain('ObjectType         : ServicePrincipal');
    expect(out.stdout.split('\n')).toContain('DisplayName        :');
    expect(out.stdout.split('\n')).toContain('RoleDefinitionName : Owner');
  });
});

describe('Get-AzRoleDefinition', () => {
  it('by name, as the PSRoleDefinition list', async () => {
    const r = await cloudShellRig(world());
    const out = await r.session.run('Get-AzRoleDefinition Reader');
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines).toContain('Name             : Reader');
    expect(lines).toContain(`Id               : ${rbac.BUILT_IN_ROLE_IDS.reader}`);
    expect(lines).toContain('IsCustom         : False');
    expect(lines).toContain('Actions          : {*/read}');
    expect(lines).toContain('AssignableScopes : {/}');
    expect((await r.session.run('(Get-AzRoleDefinition -Id b24988ac-6180-42a0-ab88-20f7382dd24c).Name')).stdout).toBe('Contributor\n');
  });
});

describe('Cloud Shell\'s PowerShell', () => {
  it('is signed in before the first prompt through Cloud Shell\'s token endpoint, as the portal\'s user', async () => {
    const r = await cloudShellRig(world());
    expect(r.requests()).toEqual(['POST http://localhost:50342/oauth2/token', 'GET https://management.azure.com/subscriptions?api-version=2022-12-01']);
    expect(r.session.prompt()).toBe('PS /home/admin> ');
    const out = await r.session.run('(Get-AzResourceGroup).ResourceGroupName');
    expect(out.stdout).toBe('myResourceGroup\n');
    const last = r.router.log.entries().at(-1)!;
    expect(last.identity?.principalId).toBe(r.user.objectId);
  });
});

describe('Get-AzResource lists through ARM\'s /resources', () => {
  /** The quickstart plus a group "other" holding one user-assigned identity; the Windows VM reads myResourceGroup only. */
  async function twoGroups() {
    const r = azRig();
    const sub = Object.values(r.world.data.subscriptions)[0]!.subscriptionId;
    const rg = createResourceGroup(r.world, { subscriptionId: sub, name: 'other', location: 'eastus' });
    const uai = createUserAssignedIdentity(r.world, { subscriptionId: sub, resourceGroup: 'other', name: 'otherId', location: 'eastus', tags: { Env: 'dev' } });
    if (!rg.ok || !uai.ok) throw new Error('setup');
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    return { r, sub };
  }

  it('with no filter: the subscription list, cut down by ARM to what the identity may read', async () => {
    const { r, sub } = await twoGroups();
    const out = await r.session.run('Get-AzResource | ForEach-Object { "$($_.ResourceGroupName)/$($_.Name) $($_.ResourceType)" }');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('myResourceGroup/myLinuxVM Microsoft.Compute/virtualMachines\nmyResourceGroup/myWindowsVM Microsoft.Compute/virtualMachines\n');
    expect(r.requests().at(-1)).toBe(`GET https://management.azure.com/subscriptions/${sub}/resources?api-version=2021-04-01`);
    r.grant(`/subscriptions/${sub}`);
    const all = await r.session.run('(Get-AzResource).Name -join ","; (Get-AzResource)[0].Name');
    expect(all.stdout).toBe('myLinuxVM,myWindowsVM,otherId\nmyLinuxVM\n');
  });

  it('-ResourceGroupName lists one group (wildcards filter the subscription list); -ResourceType sends ARM\'s $filter', async () => {
    const { r, sub } = await twoGroups();
    r.grant(`/subscriptions/${sub}`);
    expect((await r.session.run('(Get-AzResource -ResourceGroupName other).ResourceId')).stdout).toBe(
      `/subscriptions/${sub}/resourceGroups/other/providers/Microsoft.ManagedIdentity/userAssignedIdentities/otherId\n`,
    );
    expect(r.requests().at(-1)).toBe(`GET https://management.azure.com/subscriptions/${sub}/resourceGroups/other/resources?api-version=2021-04-01`);
    expect((await r.session.run('(Get-AzResource -ResourceGroupName my*).Name -join ","')).stdout).toBe('myLinuxVM,myWindowsVM\n');
    const typed = await r.session.run('(Get-AzResource -ResourceType Microsoft.ManagedIdentity/userAssignedIdentities).Name');
    expect(typed.stdout).toBe('otherId\n');
    expect(decodeURIComponent(r.requests().at(-1)!.replace(/\+/g, ' '))).toBe(
      `GET https://management.azure.com/subscriptions/${sub}/resources?api-version=2021-04-01&$filter=resourceType EQ 'Microsoft.ManagedIdentity/userAssignedIdentities'`,
    );
    expect((await r.session.run('(Get-AzResource -ResourceType Microsoft.Compute/* -Name *Windows*).Name')).stdout).toBe('myWindowsVM\n');
    expect((await r.session.run('(Get-AzResource -Tag @{ env = "dev" }).Name; (Get-AzResource -Tag @{ Env = $null }).Name; @(Get-AzResource -Tag @{ Env = "prod" }).Count')).stdout).toBe('otherId\notherId\n0\n');
  });

  it('a group the identity may not read: AuthorizationFailed from the group list', async () => {
    const { r } = await twoGroups();
    const out = await r.session.run('Get-AzResource -ResourceGroupName other');
    expect(out.stderr).toContain("'Microsoft.Resources/subscriptions/resourceGroups/resources/read'");
    expect(out.stdout).toBe('');
  });
});
