/**
 * Every simulated command, its aliases, the native programs, and the well-known 5.1 commands that
 * exist on a real VM but are not simulated (they get a clear "not simulated here" error rather than
 * "not recognized", which would be a lie).
 */
import type { CmdletDef, CommandHost } from '../engine/cmdlet';
import { getCommand, getHelp } from './discovery';
import { convertFromJson, convertToJsonCmdlet } from './json-cmdlets';
import { forEachObject, getMemberCmdlet, measureObject, selectObject, sortObject, whereObject } from './objects';
import { formatList, formatTable, outDefault, outHost, outNull, outString, writeDebug, writeError, writeHost, writeOutput, writeVerbose, writeWarning } from './output';
import { clearHost, getDate, getLocation, NATIVE_COMMANDS, startSleep } from './system';
import { invokeRestMethod, invokeWebRequest } from './web';

let table: Map<string, CmdletDef> | null = null;
let list: CmdletDef[] = [];

function build(): Map<string, CmdletDef> {
  list = [
    invokeWebRequest,
    invokeRestMethod,
    convertFromJson,
    convertToJsonCmdlet,
    selectObject,
    whereObject,
    forEachObject,
    sortObject,
    measureObject,
    getMemberCmdlet,
    formatList,
    formatTable,
    outString,
    outNull,
    outHost,
    outDefault,
    writeHost,
    writeOutput,
    writeError,
    writeWarning,
    writeVerbose,
    writeDebug,
    getDate,
    clearHost,
    getLocation,
    startSleep,
    getCommand,
    getHelp,
  ];
  const t = new Map<string, CmdletDef>();
  for (const def of list) {
    t.set(def.name.toLowerCase(), def);
    for (const a of def.aliases ?? []) t.set(a.toLowerCase(), def);
  }
  return t;
}

export function findCmdlet(name: string): CmdletDef | undefined {
  table ??= build();
  const lower = name.toLowerCase();
  return table.get(lower) ?? table.get(lower.replace(/^microsoft\.powershell\.(utility|core|management)\\/, ''));
}

export function allCmdlets(): CmdletDef[] {
  table ??= build();
  return list;
}

export function nativeCommand(name: string): ((host: CommandHost) => string) | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(NATIVE_COMMANDS, key) ? NATIVE_COMMANDS[key] : undefined;
}

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
  'Import-Module:ipmo',
  'Get-Module:gmo',
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

export const KNOWN_UNSIMULATED = new Map<string, string>();
for (const entry of UNSIMULATED) {
  const [name, aliases] = entry.split(':') as [string, string | undefined];
  KNOWN_UNSIMULATED.set(name.toLowerCase(), name);
  for (const a of aliases?.split(',') ?? []) KNOWN_UNSIMULATED.set(a.toLowerCase(), `${a} (${name})`);
}
