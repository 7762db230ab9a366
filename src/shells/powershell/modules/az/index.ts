/**
 * Azure PowerShell (Az 16.2.0) as installed on the Windows VM: the module manifests `Get-Module
 * -ListAvailable Az*` lists, and their cmdlets as lazy entries. Nothing here runs Azure code: the cmdlets'
 * code (./cmdlets.ts and what it imports) loads on first use, as 5.1 autoloads a module, so it stays out of
 * the worker's first load. Commands that exist in these modules but are not simulated say so.
 *
 * Versions: Az 16.2.0 with Az.Accounts 5.5.2 and Az.Resources 10.x are from the release notes
 * (spec/az-cli.md §7, RN-PS); the other module versions are plausible for that release but not verified.
 */
import type { LazyCmdlet, PowerShellModule } from '../../engine/cmdlet';
import { AZ_VIEWS } from './views';

export const AZ_VERSION = '16.2.0';
const MODULES_DIR = 'C:\\Program Files\\WindowsPowerShell\\Modules';

function lazy(name: string): LazyCmdlet {
  return {
    name,
    load: async () => {
      const { AZ_CMDLETS } = await import('./cmdlets');
      const def = AZ_CMDLETS.find((c) => c.name === name);
      if (!def) throw new Error(`the Az cmdlet ${name} has no implementation`);
      return def;
    },
  };
}

function azModule(name: string, version: string, simulated: string[], unsimulated: string[]): PowerShellModule {
  return {
    name,
    version,
    path: `${MODULES_DIR}\\${name}\\${version}`,
    moduleType: 'Script',
    autoload: true,
    stateKey: 'Az',
    cmdlets: simulated.map(lazy),
    unsimulated,
    views: AZ_VIEWS.filter((v) => v.module === name).map((v) => v.view),
  };
}

export const azModules: PowerShellModule[] = [
  azModule(
    'Az.Accounts',
    '5.5.2',
    ['Connect-AzAccount', 'Disconnect-AzAccount', 'Get-AzContext', 'Get-AzSubscription', 'Get-AzAccessToken', 'Invoke-AzRestMethod'],
    ['Set-AzContext:Select-AzSubscription', 'Get-AzTenant', 'Clear-AzContext', 'Save-AzContext', 'Import-AzContext', 'Get-AzEnvironment', 'Enable-AzContextAutosave', 'Disable-AzContextAutosave', 'Update-AzConfig', 'Get-AzConfig', 'Resolve-AzError'],
  ),
  azModule(
    'Az.Resources',
    '10.0.0',
    ['Get-AzResourceGroup', 'Get-AzResource', 'Get-AzRoleAssignment', 'New-AzRoleAssignment', 'Remove-AzRoleAssignment', 'Get-AzADGroup', 'Get-AzRoleDefinition'],
    ['New-AzResourceGroup', 'Remove-AzResourceGroup', 'New-AzRoleDefinition', 'Get-AzADServicePrincipal', 'Get-AzADUser', 'New-AzResourceGroupDeployment'],
  ),
  azModule('Az.Compute', '11.0.0', ['Get-AzVM', 'Update-AzVM'], ['New-AzVM', 'Remove-AzVM', 'Start-AzVM', 'Stop-AzVM', 'Restart-AzVM', 'Set-AzVMExtension']),
  azModule('Az.ManagedServiceIdentity', '2.0.0', ['New-AzUserAssignedIdentity', 'Get-AzUserAssignedIdentity', 'Remove-AzUserAssignedIdentity'], ['Update-AzUserAssignedIdentity']),
  azModule('Az.KeyVault', '6.4.0', ['Get-AzKeyVaultSecret', 'Set-AzKeyVaultSecret'], ['Get-AzKeyVault', 'New-AzKeyVault', 'Remove-AzKeyVaultSecret', 'Set-AzKeyVaultAccessPolicy']),
  azModule('Az.Storage', '9.3.0', ['New-AzStorageContext', 'Get-AzStorageBlob', 'Get-AzStorageBlobContent'], ['Get-AzStorageAccount', 'New-AzStorageAccount', 'Get-AzStorageContainer', 'Set-AzStorageBlobContent']),
  { name: 'Az', version: AZ_VERSION, path: `${MODULES_DIR}\\Az\\${AZ_VERSION}`, moduleType: 'Script', autoload: true, cmdlets: [] },
];
