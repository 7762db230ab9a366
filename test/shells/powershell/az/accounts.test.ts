/**
 * Az.Accounts and Get-AzResourceGroup against the simulated cloud: real IMDS and ARM requests as the VM,
 * golden outputs from spec/az-cli.md §6 (sources cited there: Accounts.generated.format.ps1xml,
 * ConnectAzureRmAccount.cs, ResourceManagerSdkClient.cs, ResourceManager.format.ps1xml).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { azRig } from './az-rig';

describe('Connect-AzAccount -Identity', () => {
  it('asks IMDS for the ARM resource as the VM, lists subscriptions, and prints the Az 12+ table', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    const out = await r.session.run('Connect-AzAccount -Identity');
    expect(out.stderr).toBe('');
    const tenant = r.world.data.tenant.tenantId;
    expect(out.stdout).toBe(['', 'Subscription name    Tenant', '-----------------    ------', `Azure subscription 1 ${tenant}`, '', '', ''].join('\n'));
    expect(r.requests()).toEqual([
      'GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.core.windows.net%2F',
      'GET https://management.azure.com/subscriptions?api-version=2022-12-01',
    ]);
  });

  it('-AccountId sends the client id to IMDS and becomes the account', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    const client = '11111111-2222-3333-4444-555555555555';
    const out = await r.session.run(`Connect-AzAccount -Identity -AccountId ${client}`);
    expect(r.requests()[0]).toContain(`client_id=${client}`);
    expect(out.stderr).toContain('ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.');
    expect(out.stderr).toContain('Status: 400 (Bad Request)');
    expect(out.stderr).toContain('{"error":"invalid_request","error_description":"Identity not found"}');
  });

  it('a VM without an identity: the credential\'s message as a Connect-AzAccount error, and no context', async () => {
    const r = azRig({ identity: false });
    const out = await r.session.run('Connect-AzAccount -Identity');
    expect(out.stderr.split('\n')[0]).toBe('Connect-AzAccount : ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.');
    expect(out.exitCode).toBe(1);
    expect((await r.session.run('Get-AzContext')).stdout).toBe('');
  });

  it('with no role anywhere it signs in without a subscription; Get-AzResourceGroup then says so', async () => {
    const r = azRig();
    const out = await r.session.run('Connect-AzAccount -Identity');
    expect(out.stderr).toBe('');
    const rg = await r.session.run('Get-AzResourceGroup');
    expect(rg.stderr.split('\n')[0]).toBe('Get-AzResourceGroup : No subscription found in the context.  Please ensure that the credentials you provided are authorized to access an Azure subscription, then run Connect-AzAccount to login.');
  });
});

describe('the context', () => {
  it('Get-AzContext is grouped by tenant; it survives a snapshot/restore into a new session', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const tenant = r.world.data.tenant.tenantId;
    const sub = r.subscriptionId;
    const expected = ['', `   Tenant: ${tenant}`, '', 'SubscriptionName     SubscriptionId                       Account   Environment', '----------------     --------------                       -------   -----------', `Azure subscription 1 ${sub} MSI@50342 AzureCloud`, '', '', ''].join('\n');
    expect((await r.session.run('Get-AzContext')).stdout).toBe(expected);
    const next = r.newSession();
    next.restore(JSON.parse(JSON.stringify(r.session.snapshot())));
    expect((await next.run('Get-AzContext')).stdout).toBe(expected);
    expect((await next.run('(Get-AzContext).Account.Type; (Get-AzContext).Subscription.Id')).stdout).toBe(`ManagedService\n${sub}\n`);
  });

  it('Disconnect-AzAccount removes it; cmdlets then ask for Connect-AzAccount', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    await r.session.run('Disconnect-AzAccount');
    const out = await r.session.run('Get-AzResourceGroup');
    expect(out.stderr.split('\n')[0]).toBe('Get-AzResourceGroup : Run Connect-AzAccount to login.');
    expect(out.stderr).toContain('+ FullyQualifiedErrorId : InvalidOperation,Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzur \n   eResourceGroupCmdlet');
  });
});

describe('Get-AzResourceGroup', () => {
  it('lists the groups the identity can read, in the PSResourceGroup list view', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzResourceGroup');
    expect(out.stdout).toBe(['', '', 'ResourceGroupName : myResourceGroup', 'Location          : eastus', 'ProvisioningState : Succeeded', 'Tags              :', `ResourceId        : /subscriptions/${r.subscriptionId}/resourceGroups/myResourceGroup`, '', '', ''].join('\n'));
    expect(r.requests().at(-1)).toBe(`GET https://management.azure.com/subscriptions/${r.subscriptionId}/resourcegroups?api-version=2021-04-01`);
  });

  it('-Name of a group it cannot read gives the "does not exist" error, never AuthorizationFailed (spec §6.5)', async () => {
    const r = azRig();
    r.grant(`/subscriptions/${r.subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myWindowsVM`);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('Get-AzResourceGroup -Name myResourceGroup');
    expect(out.stderr.split('\n')[0]).toMatch(/^Get-AzResourceGroup : \d{1,2}:\d\d:\d\d [AP]M - Provided resource group does not exist\.$/);
    expect(out.stderr).toContain('+ CategoryInfo          : NotSpecified: (:) [Get-AzResourceGroup], ArgumentException');
    expect(r.requests().at(-1)).toBe(`GET https://management.azure.com/subscriptions/${r.subscriptionId}/resourcegroups/myResourceGroup?api-version=2021-04-01`);
  });
});

describe('Get-AzAccessToken (Az 14+: a SecureString token)', () => {
  it('returns PSSecureAccessToken whose Token prints as System.Security.SecureString; -ResourceUrl asks IMDS for that resource', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await r.session.run('Connect-AzAccount -Identity');
    const out = await r.session.run('$t = Get-AzAccessToken -ResourceUrl https://vault.azure.net; $t.Token; $t.Type; $t.GetType().FullName');
    expect(out.stdout).toBe('System.Security.SecureString\nBearer\nMicrosoft.Azure.Commands.Profile.Models.PSSecureAccessToken\n');
    expect(r.requests().at(-1)).toContain('resource=https%3A%2F%2Fvault.azure.net');
  });
});

describe('modules', () => {
  it('Get-Module -ListAvailable Az* lists the installed Az 16.2.0 modules by directory', async () => {
    const r = azRig();
    const out = await r.session.run('Get-Module -ListAvailable Az*');
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual(['', '', '    Directory: C:\\Program Files\\WindowsPowerShell\\Modules', '', '', 'ModuleType Version    Name                                ExportedCommands']);
    // ExportedCommands is the rest of the line, cut with "..." at 120 columns.
    expect(out.stdout).toContain('Script     5.5.2      Az.Accounts                         {Connect-AzAccount, Disconnect-AzAccount, Get-AzContext, G...\n');
    expect(out.stdout).toContain('Script     16.2.0     Az ');
  });

  it('an Az module loads on first use (Get-Module shows it then), and an Az cmdlet that is not simulated says so', async () => {
    const r = azRig();
    expect((await r.session.run('(Get-Module Az.Accounts) -eq $null')).stdout).toBe('True\n');
    await r.session.run('Get-AzContext');
    expect((await r.session.run('(Get-Module Az.Accounts).Version')).stdout).toBe('5.5.2\n');
    const out = await r.session.run('Set-AzContext -Subscription x');
    expect(out.stderr.split('\n')[0]).toBe("Set-AzContext : 'Set-AzContext' exists in Az.Accounts 5.5.2 but is not simulated here. This sandbox simulates the Az cmdlets used with managed identities; see Get-Command -Module Az.* for the list.");
  });
});

describe('fuzz: random arguments never throw out of an Az cmdlet', () => {
  const cmdlets = ['Connect-AzAccount', 'Disconnect-AzAccount', 'Get-AzContext', 'Get-AzSubscription', 'Get-AzAccessToken', 'Invoke-AzRestMethod', 'Get-AzResourceGroup'];
  const args = ['-Identity', '-AccountId', 'x', '-Name', 'myResourceGroup', '*', '-ResourceUrl', 'https://vault.azure.net', '-Path', '/subscriptions?api-version=2022-12-01', '-Method', 'DELETE', 'PATCH', '-Payload', '{}', '-Uri', 'not a uri', '-ResourceTypeName', 'Nope', 'KeyVault', '-SubscriptionId', '$null', '@{}', '-Tag', '-Location', 'eastus', '-Subscription', '-Force'];

  it('each call ends with output or an error record, never an internal error', async () => {
    const r = azRig();
    r.grant(r.resourceGroupId);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cmdlets), fc.array(fc.constantFrom(...args), { maxLength: 5 }), async (cmdlet, rest) => {
        const out = await r.session.run([cmdlet, ...rest].join(' '));
        expect(out.stderr).not.toContain('internal error');
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
