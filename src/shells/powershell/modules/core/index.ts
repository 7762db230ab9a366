/**
 * The built-in Windows PowerShell 5.1 modules the VM has loaded: Microsoft.PowerShell.Core, .Management
 * and .Utility (object, output, JSON, host and discovery cmdlets; the web cmdlets register from
 * ../web), the simulated native programs, and the well-known 5.1 commands that exist on a real VM but
 * are not simulated (they get a clear "not simulated here" error rather than "not recognized", which
 * would be a lie).
 */
import type { PowerShellModule } from '../../engine/cmdlet';
import { getCommand, getHelp } from './discovery';
import { convertFromJson, convertToJsonCmdlet } from './json-cmdlets';
import { forEachObject, getMemberCmdlet, measureObject, selectObject, sortObject, whereObject } from './objects';
import { formatList, formatTable, outDefault, outHost, outNull, outString, writeDebug, writeError, writeHost, writeOutput, writeVerbose, writeWarning } from './output';
import { getModule, importModule, MODULE_VIEW } from './modules';
import { clearHost, getDate, getLocation, NATIVE_COMMANDS, startSleep } from './system';
import { convertToSecureString } from './security';

const SYSTEM32_MODULES = 'C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules';

const UNSIMULATED = [
  'Get-ChildItem:ls,dir,gci',
  'Get-Content:cat,gc,type',
  'Set-Location:cd,sl,chdir',
  'Push-Location:pushd',
  'Pop-Location:popd',
  'Get-Process:ps,gps',
  'Stop-Process:kill,spps',
  'Start-Process:start,saps',
  'Invoke-Expression:iex',
  'Invoke-Command:icm',
  'New-Item:ni,md,mkdir',
  'Remove-Item:rm,del,rmdir,rd,erase,ri',
  'Copy-Item:cp,copy,cpi',
  'Move-Item:mv,move,mi',
  'Rename-Item:ren,rni',
  'Set-Content:sc',
  'Add-Content:ac',
  'Out-File',
  'Export-Csv:epcsv',
  'Import-Csv:ipcsv',
  'ConvertTo-Csv',
  'ConvertFrom-Csv',
  'ConvertTo-Xml',
  'Get-Service:gsv',
  'Test-Connection',
  'Test-NetConnection:tnc',
  'Resolve-DnsName',
  'Get-NetIPAddress',
  'Get-NetIPConfiguration',
  'Install-Module',
  'Find-Module',
  'Update-Help',
  'New-Object',
  'Add-Member',
  'Get-Variable:gv',
  'Set-Variable:set,sv',
  'Remove-Variable:rv',
  'Clear-Variable:clv',
  'Get-Item:gi',
  'Get-ItemProperty:gp',
  'Set-ExecutionPolicy',
  'Get-ExecutionPolicy',
  'Enter-PSSession:etsn',
  'Get-WmiObject:gwmi',
  'Get-CimInstance',
  'Start-Job:sajb',
  'Get-Job:gjb',
  'Receive-Job:rcjb',
  'Tee-Object:tee',
  'Group-Object:group',
  'Compare-Object:compare,diff',
  'Get-Random',
  'Get-History:h,history,ghy',
  'Invoke-History:r,ihy',
  'Get-Host',
  'Read-Host',
  'Get-Credential',
  'Get-Culture',
  'Get-Unique:gu',
  'Get-Alias:gal',
  'New-TimeSpan',
  'Measure-Command',
  'Select-String:sls',
  'Split-Path',
  'Join-Path',
  'Resolve-Path:rvpa',
  'Test-Path',
  'Get-PSDrive:gdr',
  'Get-TimeZone',
  'Get-ComputerInfo',
  'Set-StrictMode',
  'Get-FileHash',
  'Start-Transcript',
  'Stop-Transcript',
  'Get-EventLog',
  'Restart-Computer',
  'Stop-Computer',
  'curl.exe',
  'ping:ping.exe',
  'ipconfig:ipconfig.exe',
  'nslookup:nslookup.exe',
  'notepad:notepad.exe',
  'systeminfo:systeminfo.exe',
  'netstat:netstat.exe',
  'tracert:tracert.exe',
  'powershell:powershell.exe',
  'cmd:cmd.exe',
];

export const powerShellCore: PowerShellModule = {
  name: 'Microsoft.PowerShell.Core',
  version: '3.0.0.0',
  moduleType: 'Manifest',
  cmdlets: [whereObject, forEachObject, outDefault, outHost, outNull, getCommand, getHelp, getModule, importModule],
  views: [MODULE_VIEW],
  unsimulated: UNSIMULATED,
  natives: NATIVE_COMMANDS,
};

export const powerShellManagement: PowerShellModule = {
  name: 'Microsoft.PowerShell.Management',
  version: '3.1.0.0',
  path: `${SYSTEM32_MODULES}\\Microsoft.PowerShell.Management`,
  moduleType: 'Manifest',
  cmdlets: [getLocation, clearHost],
};

export const powerShellUtility: PowerShellModule = {
  name: 'Microsoft.PowerShell.Utility',
  version: '3.1.0.0',
  path: `${SYSTEM32_MODULES}\\Microsoft.PowerShell.Utility`,
  moduleType: 'Manifest',
  cmdlets: [
    convertFromJson,
    convertToJsonCmdlet,
    selectObject,
    sortObject,
    measureObject,
    getMemberCmdlet,
    formatList,
    formatTable,
    outString,
    writeHost,
    writeOutput,
    writeError,
    writeWarning,
    writeVerbose,
    writeDebug,
    getDate,
    startSleep,
  ],
};

/** Loaded on first use, as 5.1 autoloads it (a fresh console does not list it). */
export const powerShellSecurity: PowerShellModule = {
  name: 'Microsoft.PowerShell.Security',
  version: '3.0.0.0',
  path: `${SYSTEM32_MODULES}\\Microsoft.PowerShell.Security`,
  moduleType: 'Manifest',
  autoload: true,
  cmdlets: [convertToSecureString],
};

/** Everything a fresh 5.1 console has, in the order `Get-Module` lists it (Security when first used). */
export const coreModules: PowerShellModule[] = [powerShellManagement, powerShellUtility, powerShellCore, powerShellSecurity];
