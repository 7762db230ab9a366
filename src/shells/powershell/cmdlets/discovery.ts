/** Get-Command and Get-Help, limited to what the sandbox simulates (and saying so). */
import { toPsString } from '../runtime/conversions';
import { wildcardToRegExp } from '../runtime/operators';
import { PSObject } from '../runtime/values';
import { arg, flag, type CmdletDef, type ParamDef } from '../engine/cmdlet';
import { FormattedText } from '../format/out-default';
import { allCmdlets, findCmdlet } from './registry';

const MODULES: Record<string, string> = {
  'Clear-Host': '',
  'Get-Location': 'Microsoft.PowerShell.Management',
  'Get-Help': 'Microsoft.PowerShell.Core',
  'Get-Command': 'Microsoft.PowerShell.Core',
  'ForEach-Object': 'Microsoft.PowerShell.Core',
  'Where-Object': 'Microsoft.PowerShell.Core',
  'Out-Default': 'Microsoft.PowerShell.Core',
  'Out-Host': 'Microsoft.PowerShell.Core',
  'Out-Null': 'Microsoft.PowerShell.Core',
};

function commandInfo(def: CmdletDef, alias?: string): PSObject {
  const source = MODULES[def.name] ?? 'Microsoft.PowerShell.Utility';
  const isFunction = def.name === 'Clear-Host';
  const o = PSObject.from(
    [
      ['CommandType', alias ? 'Alias' : isFunction ? 'Function' : 'Cmdlet'],
      ['Name', alias ? `${alias} -> ${def.name}` : def.name],
      ['Version', alias || isFunction ? '' : source === 'Microsoft.PowerShell.Core' ? '3.0.0.0' : '3.1.0.0'],
      ['Source', alias ? '' : source],
    ],
    ['System.Management.Automation.CmdletInfo', 'System.Object'],
  );
  o.tableWidths = [15, 50, 10, 0];
  o.view = 'table';
  return o;
}

export const getCommand: CmdletDef = {
  name: 'Get-Command',
  aliases: ['gcm'],
  className: 'Microsoft.PowerShell.Commands.GetCommandCommand',
  synopsis: 'Gets all commands (here: the commands this sandbox simulates).',
  params: [{ name: 'Name', type: 'strings', position: 0 }, { name: 'CommandType', type: 'string' }, { name: 'Module', type: 'strings' }],
  async run(call) {
    const names = arg<string[]>(call, 'Name');
    const out: PSObject[] = [];
    if (!names) {
      for (const def of allCmdlets()) out.push(commandInfo(def));
      return out.sort((a, b) => String(a.get('Name')).localeCompare(String(b.get('Name'))));
    }
    for (const n of names) {
      const name = toPsString(n);
      if (/[*?]/.test(name)) {
        const re = wildcardToRegExp(name);
        for (const def of allCmdlets()) if (re.test(def.name)) out.push(commandInfo(def));
        continue;
      }
      const def = findCmdlet(name);
      if (def) {
        out.push(commandInfo(def, def.name.toLowerCase() === name.toLowerCase() ? undefined : name));
        continue;
      }
      call.writeError({
        exceptionTypes: ['System.Management.Automation.CommandNotFoundException'],
        message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
        category: 'ObjectNotFound',
        targetName: name,
        targetType: 'String',
        fullyQualifiedErrorId: 'CommandNotFoundException',
      });
    }
    return out;
  },
};

function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function syntaxOf(def: CmdletDef): string {
  const typeName = (p: ParamDef) => p.dotnetType ?? { string: 'String', strings: 'String[]', int: 'Int32', switch: '', object: 'Object', objects: 'Object[]', dictionary: 'IDictionary', scriptblock: 'ScriptBlock', uri: 'Uri', webmethod: 'WebRequestMethod' }[p.type];
  const parts = def.params.map((p) => {
    const name = p.position !== undefined ? `[-${p.name}]` : `-${p.name}`;
    const t = typeName(p);
    return p.type === 'switch' ? `[-${p.name}]` : `[${name} <${t}>]`;
  });
  return `${def.name} ${parts.join(' ')} [<CommonParameters>]`;
}

export const getHelp: CmdletDef = {
  name: 'Get-Help',
  aliases: ['help', 'man'],
  className: 'Microsoft.PowerShell.Commands.GetHelpCommand',
  synopsis: 'Displays information about PowerShell commands and concepts.',
  params: [{ name: 'Name', type: 'string', position: 0 }, { name: 'Examples', type: 'switch' }, { name: 'Detailed', type: 'switch' }, { name: 'Full', type: 'switch' }, { name: 'Online', type: 'switch' }],
  async run(call) {
    const name = arg<string>(call, 'Name');
    if (!name) {
      const list = allCmdlets().map((d) => `    ${d.name}`).join('\n');
      return [new FormattedText(`\nTOPIC\n    Windows PowerShell Help System (sandbox)\n\nSHORT DESCRIPTION\n    This sandbox simulates the Windows PowerShell 5.1 commands used with IMDS and Azure Resource Manager:\n\n${list}\n\n    Type Get-Help <command> for its syntax.\n\n`)];
    }
    const def = findCmdlet(name);
    if (!def) {
      return call.fail({
        exceptionTypes: ['Microsoft.PowerShell.Commands.HelpNotFoundException'],
        message: `Get-Help could not find ${name} in a help file in this session. This sandbox has help only for the commands it simulates; run Get-Command to list them.`,
        category: 'ResourceUnavailable',
        targetName: '',
        targetType: '',
        fullyQualifiedErrorId: 'HelpNotFound',
      });
    }
    if (flag(call, 'Online')) {
      call.interp.host.writeHost(`Opening a browser is not simulated here. The page is https://learn.microsoft.com/powershell/module/${(MODULES[def.name] ?? 'Microsoft.PowerShell.Utility').toLowerCase()}/${def.name.toLowerCase()}?view=powershell-5.1\n`);
      return [];
    }
    const aliases = def.aliases?.length ? def.aliases.join('\n    ') : 'None';
    const text = [
      '',
      'NAME',
      `    ${def.name}`,
      '',
      'SYNOPSIS',
      `    ${def.synopsis}`,
      '',
      '',
      'SYNTAX',
      ...wrapWords(syntaxOf(def), call.interp.host.columns - 5).map((l) => `    ${l}`),
      '',
      '',
      'ALIASES',
      `    ${aliases}`,
      '',
      '',
      'REMARKS',
      `    Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.`,
      `        -- To download and install Help files for the module that includes this cmdlet, use Update-Help.`,
      `        -- To view the Help topic for this cmdlet online, type: "Get-Help ${def.name} -Online" or`,
      `           go to https://go.microsoft.com/fwlink/?LinkID=217035.`,
      '',
      '',
      '',
    ].join('\n');
    return [new FormattedText(text)];
  },
};
