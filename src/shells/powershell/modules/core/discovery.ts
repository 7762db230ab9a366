/** Get-Command and Get-Help, limited to what the sandbox simulates (and saying so). */
import { toPsString } from '../../runtime/conversions';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSObject } from '../../runtime/values';
import { arg, flag, type CmdletDef, type CommandEntry, type ParamDef } from '../../engine/cmdlet';
import { FormattedText } from '../../format/out-default';

/** Clear-Host is a function in 5.1, not a cmdlet: no module, no version. */
const FUNCTIONS = new Set(['clear-host']);

function commandInfo(entry: CommandEntry, alias?: string): PSObject {
  const isFunction = FUNCTIONS.has(entry.name.toLowerCase());
  const source = isFunction ? '' : entry.module.name;
  const o = PSObject.from(
    [
      ['CommandType', alias ? 'Alias' : isFunction ? 'Function' : 'Cmdlet'],
      ['Name', alias ? `${alias} -> ${entry.name}` : entry.name],
      ['Version', alias || isFunction ? '' : entry.module.version],
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
    const all = call.commands.all();
    if (!names) {
      for (const entry of all) out.push(commandInfo(entry));
      return out.sort((a, b) => String(a.get('Name')).localeCompare(String(b.get('Name'))));
    }
    for (const n of names) {
      const name = toPsString(n);
      if (/[*?]/.test(name)) {
        const re = wildcardToRegExp(name);
        for (const entry of all) if (re.test(entry.name)) out.push(commandInfo(entry));
        continue;
      }
      const entry = call.commands.find(name);
      if (entry) {
        out.push(commandInfo(entry, entry.name.toLowerCase() === name.toLowerCase() ? undefined : name));
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

function onlineHelp(entry: CommandEntry): string {
  const module = FUNCTIONS.has(entry.name.toLowerCase()) ? 'microsoft.powershell.core' : entry.module.name.toLowerCase();
  if (module.startsWith('az.')) return `https://learn.microsoft.com/powershell/module/${module}/${entry.name.toLowerCase()}`;
  return `https://learn.microsoft.com/powershell/module/${module}/${entry.name.toLowerCase()}?view=powershell-5.1`;
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
      const list = call.commands.all().map((d) => `    ${d.name}`).join('\n');
      return [new FormattedText(`\nTOPIC\n    Windows PowerShell Help System (sandbox)\n\nSHORT DESCRIPTION\n    This sandbox simulates the Windows PowerShell 5.1 commands used with IMDS and Azure Resource Manager:\n\n${list}\n\n    Type Get-Help <command> for its syntax.\n\n`)];
    }
    const entry = call.commands.find(name);
    if (!entry) {
      return call.fail({
        exceptionTypes: ['Microsoft.PowerShell.Commands.HelpNotFoundException'],
        message: `Get-Help could not find ${name} in a help file in this session. This sandbox has help only for the commands it simulates; run Get-Command to list them.`,
        category: 'ResourceUnavailable',
        targetName: '',
        targetType: '',
        fullyQualifiedErrorId: 'HelpNotFound',
      });
    }
    const def = await entry.resolve();
    if (flag(call, 'Online')) {
      call.host.writeHost(`Opening a browser is not simulated here. The page is ${onlineHelp(entry)}\n`);
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
      ...wrapWords(syntaxOf(def), call.host.columns - 5).map((l) => `    ${l}`),
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
