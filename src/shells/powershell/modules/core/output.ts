/** Output cmdlets: Write-Host/Output/Error/Warning/Verbose, Out-String/Null/Host/Default, Format-List/Table. */
import { toPsString } from '../../runtime/conversions';
import { PSHashtable, PSObject } from '../../runtime/values';
import { arg, flag, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { cellText } from '../../format/display';
import { defaultProps, FormattedText, formatToString, propertyText, renderObjectList, tableColumns } from '../../format/out-default';
import { renderList } from '../../format/list-view';
import { renderTable } from '../../format/table-view';
import { propertySpecs } from './objects';

const ANSI: Record<string, number> = {
  black: 30,
  darkblue: 34,
  darkgreen: 32,
  darkcyan: 36,
  darkred: 31,
  darkmagenta: 35,
  darkyellow: 33,
  gray: 37,
  darkgray: 90,
  blue: 94,
  green: 92,
  cyan: 96,
  red: 91,
  magenta: 95,
  yellow: 93,
  white: 97,
};

function inputOf(call: CmdletCall, param = 'inputobject'): unknown[] {
  const given = call.bound.get(param);
  if (given !== undefined) return Array.isArray(given) ? given : [given];
  return call.input ?? [];
}

function hostText(v: unknown, sep: string): string {
  if (Array.isArray(v)) return v.map((x) => hostText(x, sep)).join(sep);
  return toPsString(v);
}

export const writeHost: CmdletDef = {
  name: 'Write-Host',
  className: 'Microsoft.PowerShell.Commands.WriteHostCommand',
  synopsis: 'Writes customized output to a host.',
  params: [
    { name: 'Object', type: 'objects', position: 0, remaining: true },
    { name: 'NoNewline', type: 'switch' },
    { name: 'Separator', type: 'object' },
    { name: 'ForegroundColor', type: 'string' },
    { name: 'BackgroundColor', type: 'string' },
  ],
  async run(call) {
    const sep = call.bound.has('separator') ? toPsString(call.bound.get('separator')) : ' ';
    const objects = (call.bound.get('object') as unknown[] | undefined) ?? call.input ?? [];
    let text = objects.map((o) => hostText(o, sep)).join(sep);
    const fg = arg<string>(call, 'ForegroundColor');
    const code = fg && Object.hasOwn(ANSI, fg.toLowerCase()) ? ANSI[fg.toLowerCase()] : undefined;
    if (fg && code === undefined) {
      call.fail({
        exceptionTypes: ['System.Management.Automation.ParameterBindingException'],
        message: `Cannot bind parameter 'ForegroundColor'. Cannot convert value "${fg}" to type "System.ConsoleColor". Error: "Unable to match the identifier name ${fg} to a valid enumerator name. Specify one of the following enumerator names and try again:\r\nBlack, DarkBlue, DarkGreen, DarkCyan, DarkRed, DarkMagenta, DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White"`,
        category: 'InvalidArgument',
        fullyQualifiedErrorId: 'CannotConvertArgumentNoMessage',
      });
    }
    if (code !== undefined) text = `\x1b[${code}m${text}\x1b[0m`;
    call.host.writeHost(text + (flag(call, 'NoNewline') ? '' : '\n'));
    return [];
  },
};

export const writeOutput: CmdletDef = {
  name: 'Write-Output',
  aliases: ['echo', 'write'],
  className: 'Microsoft.PowerShell.Commands.WriteOutputCommand',
  synopsis: 'Sends the specified objects to the next command in the pipeline.',
  params: [
    { name: 'InputObject', type: 'objects', position: 0, remaining: true },
    { name: 'NoEnumerate', type: 'switch' },
  ],
  async run(call) {
    const given = call.bound.get('inputobject') as unknown[] | undefined;
    if (!given) return call.input ?? [];
    if (flag(call, 'NoEnumerate')) return [given.length === 1 ? given[0] : given];
    return given.flatMap((v) => (Array.isArray(v) ? v : [v]));
  },
};

export const writeError: CmdletDef = {
  name: 'Write-Error',
  className: 'Microsoft.PowerShell.Commands.WriteErrorCommand',
  synopsis: 'Writes an object to the error stream.',
  params: [
    { name: 'Message', type: 'string', position: 0 },
    { name: 'Category', type: 'string' },
    { name: 'ErrorId', type: 'string' },
    { name: 'TargetObject', type: 'object' },
    { name: 'Exception', type: 'object' },
  ],
  async run(call) {
    const message = arg<string>(call, 'Message') ?? (call.input ?? []).map(toPsString).join(' ');
    call.writeError({
      exceptionTypes: ['Microsoft.PowerShell.Commands.WriteErrorException', 'System.SystemException'],
      message,
      category: arg<string>(call, 'Category') ?? 'NotSpecified',
      fullyQualifiedErrorId: arg<string>(call, 'ErrorId') ?? 'Microsoft.PowerShell.Commands.WriteErrorException',
      unqualified: true,
      // The record belongs to the calling script block, so 5.1 prefixes the whole typed line and shows no position.
      invocationName: call.scriptText.trim(),
      noPosition: true,
    });
    return [];
  },
};

function streamWriter(name: string, prefix: string, shown: (call: CmdletCall) => boolean, synopsis: string): CmdletDef {
  return {
    name,
    className: `Microsoft.PowerShell.Commands.${name.replace('-', '')}Command`,
    synopsis,
    params: [{ name: 'Message', type: 'string', position: 0 }],
    async run(call) {
      if (!shown(call)) return [];
      const text = `${prefix}: ${arg<string>(call, 'Message') ?? ''}`;
      if (name === 'Write-Warning') call.host.writeWarning(text);
      else call.host.writeHost(`\x1b[93m${text}\x1b[0m\n`);
      return [];
    },
  };
}

export const writeWarning = streamWriter('Write-Warning', 'WARNING', () => true, 'Writes a warning message.');
export const writeVerbose = streamWriter('Write-Verbose', 'VERBOSE', (c) => flag(c, 'Verbose'), 'Writes text to the verbose message stream.');
export const writeDebug = streamWriter('Write-Debug', 'DEBUG', (c) => flag(c, 'Debug'), 'Writes a debug message to the console.');

export const outString: CmdletDef = {
  name: 'Out-String',
  className: 'Microsoft.PowerShell.Commands.OutStringCommand',
  synopsis: 'Sends objects to the host as a series of strings.',
  params: [{ name: 'InputObject', type: 'object' }, { name: 'Width', type: 'int' }, { name: 'Stream', type: 'switch' }],
  async run(call) {
    const text = formatToString(inputOf(call), arg<number>(call, 'Width') ?? call.host.columns);
    if (flag(call, 'Stream')) return text.replace(/\n$/, '').split('\n');
    return [text];
  },
};

export const outNull: CmdletDef = {
  name: 'Out-Null',
  className: 'Microsoft.PowerShell.Commands.OutNullCommand',
  synopsis: 'Hides the output instead of sending it down the pipeline or displaying it.',
  params: [{ name: 'InputObject', type: 'object' }],
  async run() {
    return [];
  },
};

function outHostDef(name: string): CmdletDef {
  return {
    name,
    className: `Microsoft.PowerShell.Commands.${name.replace('-', '')}Command`,
    synopsis: name === 'Out-Host' ? 'Sends output to the command line.' : 'Sends the output to the default formatter and to the default output cmdlet.',
    params: [{ name: 'InputObject', type: 'object' }, { name: 'Paging', type: 'switch' }],
    async run(call) {
      call.host.writeHost(formatToString(inputOf(call), call.host.columns));
      return [];
    },
  };
}

export const outHost = outHostDef('Out-Host');
export const outDefault = outHostDef('Out-Default');

async function columnsFor(call: CmdletCall, item: unknown): Promise<{ name: string; get(i: unknown): Promise<unknown> }[]> {
  const props = arg<unknown[]>(call, 'Property');
  if (props) return propertySpecs(call, props, item);
  if (item instanceof PSObject) return defaultProps(item).map((p) => ({ name: p, get: async (i: unknown) => (i instanceof PSObject ? (i.displayText?.[p] ?? i.get(p)) : null) }));
  return [];
}

export const formatList: CmdletDef = {
  name: 'Format-List',
  aliases: ['fl'],
  className: 'Microsoft.PowerShell.Commands.FormatListCommand',
  synopsis: 'Formats the output as a list of properties in which each property appears on a new line.',
  params: [{ name: 'Property', type: 'objects', position: 0 }, { name: 'InputObject', type: 'object' }, { name: 'Force', type: 'switch' }],
  async run(call) {
    const width = call.host.columns;
    const blocks: string[] = [];
    let text = '';
    for (const item of inputOf(call)) {
      call.limits.step();
      if (item instanceof PSHashtable) {
        for (const e of item.entries.values()) blocks.push(renderList([{ name: 'Name', text: cellText(e.name) }, { name: 'Value', text: cellText(e.value) }], width).join('\n'));
        continue;
      }
      if (!(item instanceof PSObject)) {
        if (blocks.length) {
          text += '\n' + blocks.map((b) => '\n' + b + '\n').join('') + '\n\n';
          blocks.length = 0;
        }
        text += cellText(item) + '\n';
        continue;
      }
      if (!call.bound.has('property')) {
        blocks.push(renderObjectList(item, defaultProps(item), width).join('\n'));
        continue;
      }
      const specs = await columnsFor(call, item);
      const entries = [];
      for (const s of specs) {
        const v = await s.get(item);
        entries.push({ name: s.name, text: item.displayText?.[s.name] ?? cellText(v) });
      }
      blocks.push(renderList(entries, width).join('\n'));
    }
    if (blocks.length) text += '\n' + blocks.map((b) => '\n' + b + '\n').join('') + '\n\n';
    return text ? [new FormattedText(text)] : [];
  },
};

export const formatTable: CmdletDef = {
  name: 'Format-Table',
  aliases: ['ft'],
  className: 'Microsoft.PowerShell.Commands.FormatTableCommand',
  synopsis: 'Formats the output as a table.',
  params: [
    { name: 'Property', type: 'objects', position: 0 },
    { name: 'AutoSize', type: 'switch' },
    { name: 'Wrap', type: 'switch' },
    { name: 'HideTableHeaders', type: 'switch' },
    { name: 'InputObject', type: 'object' },
  ],
  async run(call) {
    const width = call.host.columns;
    const items = inputOf(call);
    const objects = items.flatMap((i) => (i instanceof PSHashtable ? [...i.entries.values()].map((e) => PSObject.from([['Name', e.name], ['Value', e.value]])) : [i]));
    const first = objects.find((o) => o instanceof PSObject);
    if (!first) return items.length ? [new FormattedText(items.map((i) => cellText(i) + '\n').join(''))] : [];
    const specs = await columnsFor(call, first);
    const rows: PSObject[] = [];
    for (const o of objects) {
      call.limits.step();
      const row = new PSObject();
      for (const s of specs) row.set(s.name, o instanceof PSObject && !call.bound.has('property') ? propertyTextValue(o, s.name) : await s.get(o));
      rows.push(row);
    }
    const lines = renderTable(rows, tableColumns(specs.map((s) => s.name), first instanceof PSObject && !call.bound.has('property') && !flag(call, 'AutoSize') ? first.tableWidths : undefined), width, flag(call, 'AutoSize'));
    const body = flag(call, 'HideTableHeaders') ? lines.slice(2) : lines;
    return [new FormattedText('\n' + body.join('\n') + '\n\n\n')];
  },
};

function propertyTextValue(o: PSObject, name: string): unknown {
  return o.displayText?.[name] !== undefined ? propertyText(o, name) : o.get(name);
}
