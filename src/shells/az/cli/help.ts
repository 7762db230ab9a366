/**
 * `-h` as knack prints it (microsoft/knack knack/help.py; layout checked against a local azure-cli's
 * `az group show -h`): a Group or Command heading, subgroups and commands or argument groups with
 * names padded to one column and descriptions wrapped under themselves, examples, and the closing
 * "az find" line. Text wraps at 100 columns.
 */
import { childrenOf, GLOBAL_ARGS, SUBSCRIPTION_ARG } from './parse';
import type { ArgDef, CommandDef, CommandTable } from './types';

const WIDTH = 100;

/** textwrap.fill: words onto lines of `width` (spacing inside a line kept), later lines indented by `indent`. */
function wrap(text: string, firstWidth: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = firstWidth;
  const parts = text.trim().split(/( +)/);
  for (let i = 0; i < parts.length; i += 2) {
    let word = parts[i]!;
    const gap = i > 0 ? parts[i - 1]! : '';
    if (line !== '' && line.length + gap.length + word.length <= width) {
      line += gap + word;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
      width = WIDTH - indent;
    }
    // textwrap breaks words longer than a line (break_long_words)
    while (word.length > width) {
      lines.push(word.slice(0, width));
      word = word.slice(width);
      width = WIDTH - indent;
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}

/** Each row's lines: the name padded to the widest, ` : `, the text wrapped under itself. */
function column(rows: { name: string; text: string }[]): string[][] {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows.map((r) => {
    const lead = `    ${r.name.padEnd(width)} : `;
    const lines = wrap(r.text, WIDTH - lead.length, lead.length);
    return [lead + (lines[0] ?? ''), ...lines.slice(1)];
  });
}

function helpName(arg: ArgDef): string {
  const longs = arg.options.filter((o) => o.startsWith('--')).sort();
  const shorts = arg.options.filter((o) => !o.startsWith('--')).sort();
  return [...longs, ...shorts].join(' ') + (arg.required ? ' [Required]' : '');
}

function helpText(arg: ArgDef): string {
  let text = arg.help;
  if (arg.choices) text += `  Allowed values: ${[...arg.choices].sort().join(', ')}.`;
  if (arg.defaultText) text += `  Default: ${arg.defaultText}.`;
  return text;
}

export function groupHelp(table: CommandTable, path: string): string {
  const { groups, commands } = childrenOf(table, path);
  const summary = path ? table.groups.get(path)?.summary : undefined;
  const rows = [
    ...groups.map((g) => ({ name: g.split(' ').pop()!, text: table.groups.get(g)!.summary })),
    ...commands.map((c) => ({ name: c.split(' ').pop()!, text: table.commands.get(c)!.summary })),
  ];
  const laid = column(rows);
  const out = ['', 'Group', `    az${path ? ` ${path}` : ''}${summary ? ` : ${summary}` : ''}`, ''];
  if (groups.length) out.push('Subgroups:', ...laid.slice(0, groups.length).flat(), '');
  if (commands.length) out.push('Commands:', ...laid.slice(groups.length).flat(), '');
  out.push(`To search AI knowledge base for examples, use: az find "az${path ? ` ${path}` : ''}"`, '');
  return `${out.join('\n')}\n`;
}

export function commandHelp(command: CommandDef): string {
  const out = ['', 'Command', `    az ${command.name} : ${command.summary}`];
  if (command.long) for (const line of command.long.split('\n')) out.push(...wrap(line, WIDTH - 8, 8).map((l, i) => (i === 0 ? `        ${l}` : l)));
  out.push('');
  const visible = command.args.filter((a) => !a.hidden);
  const groups = new Map<string, ArgDef[]>();
  const sorted = [...visible].sort((a, b) => Number(!!b.required) - Number(!!a.required) || helpName(a).localeCompare(helpName(b)));
  for (const a of sorted) groups.set(a.group ?? 'Arguments', [...(groups.get(a.group ?? 'Arguments') ?? []), a]);
  const globals = [...GLOBAL_ARGS, ...(command.noSubscription ? [] : [SUBSCRIPTION_ARG])].sort((a, b) => helpName(a).localeCompare(helpName(b)));
  const names = [...['Arguments', ...[...groups.keys()].filter((g) => g !== 'Arguments').sort()].filter((g) => groups.has(g)), 'Global Arguments'];
  const all = names.map((n) => (n === 'Global Arguments' ? globals : groups.get(n)!));
  const laid = column(all.flat().map((a) => ({ name: helpName(a), text: helpText(a) })));
  let at = 0;
  names.forEach((name, gi) => {
    out.push(name, ...laid.slice(at, at + all[gi]!.length).flat(), '');
    at += all[gi]!.length;
  });
  if (command.examples?.length) {
    out.push('Examples');
    for (const e of command.examples) {
      out.push(...wrap(e.summary, WIDTH - 4, 4).map((l, i) => (i === 0 ? `    ${l}` : l)));
      out.push(...wrap(e.command, WIDTH - 8, 8).map((l, i) => (i === 0 ? `        ${l}` : l)), '');
    }
  }
  out.push(`To search AI knowledge base for examples, use: az find "az ${command.name}"`, '');
  return `${out.join('\n')}\n`;
}

/** `az` alone: the welcome (knack's banner as azure-cli 2.x prints it, with the simulated groups). */
export function welcome(table: CommandTable): string {
  const banner = [
    '',
    '     /\\',
    '    /  \\    _____   _ _  ___ _',
    "   / /\\ \\  |_  / | | | \\'__/ _\\",
    '  / ____ \\  / /| |_| | | |  __/',
    ' /_/    \\_\\/___|\\__,_|_|  \\___|',
    '',
    '',
    'Welcome to the cool new Azure CLI!',
    '',
    'Use `az --version` to display the current version.',
    'Here are the base commands:',
    '',
  ];
  const { groups, commands } = childrenOf(table, '');
  const names = [...groups, ...commands].sort();
  const rows = names.map((n) => ({ name: n.padEnd(19), text: table.groups.get(n)?.summary ?? table.commands.get(n)!.summary }));
  return `${[...banner, ...column(rows).flat(), ''].join('\n')}\n`;
}
