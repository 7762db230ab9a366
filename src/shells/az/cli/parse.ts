/**
 * Command-line parsing as azure-cli's argparse-based parser does it (azure-cli-core parser.py, knack
 * parser.py, Python's argparse): the command words pick a group or command from the table, then
 * options are matched exactly (`--name value`, `--name=value`, `-n value`, `-nvalue`), a switch takes
 * no value, a repeated option keeps its last value, and errors use argparse's words (exit 2):
 * "the following arguments are required: …", "argument --x/-y: expected one argument",
 * "unrecognized arguments: …", "'w' is misspelled or not recognized by the system.".
 */
import { parseError, AzCliError } from './errors';
import { OUTPUT_FORMATS, type OutputFormat } from './output';
import type { ArgDef, ArgValues, CommandDef, CommandTable, Example } from './types';

export interface GlobalArgs {
  output: OutputFormat;
  query?: string;
  debug: boolean;
  verbose: boolean;
  onlyShowErrors: boolean;
  help: boolean;
  subscription?: string;
}

export type Parsed =
  | { kind: 'command'; command: CommandDef; values: ArgValues; globals: GlobalArgs; given: string[] }
  | { kind: 'group'; path: string; globals: GlobalArgs }
  | { kind: 'help'; path: string; command?: CommandDef; globals: GlobalArgs };

/** Global arguments every command has (knack's log, output and query arguments, azure-cli's --subscription). */
export const GLOBAL_ARGS: readonly ArgDef[] = [
  { dest: '_debug', options: ['--debug'], flag: true, help: 'Increase logging verbosity to show all debug logs.' },
  { dest: '_help', options: ['--help', '-h'], flag: true, help: 'Show this help message and exit.' },
  { dest: '_only_show_errors', options: ['--only-show-errors'], flag: true, help: 'Only show errors, suppressing warnings.' },
  {
    dest: '_output',
    options: ['--output', '-o'],
    choices: OUTPUT_FORMATS,
    help: 'Output format.',
    defaultText: 'json',
  },
  { dest: '_query', options: ['--query'], help: 'JMESPath query string. See http://jmespath.org/ for more information and examples.' },
  { dest: '_verbose', options: ['--verbose'], flag: true, help: 'Increase logging verbosity. Use --debug for full debug logs.' },
];

export const SUBSCRIPTION_ARG: ArgDef = {
  dest: '_subscription',
  options: ['--subscription'],
  help: 'Name or ID of subscription. You can configure the default subscription using `az account set -s NAME_OR_ID`.',
};

/** argparse's name for an argument in messages: its option strings joined by `/`, as registered. */
export const argName = (arg: ArgDef): string => arg.options.join('/');

/** difflib.SequenceMatcher(None, a, b).ratio() for short words (matching blocks, greedy longest first). */
function ratio(a: string, b: string): number {
  const matches = (x: string, y: string): number => {
    if (!x || !y) return 0;
    let best = { i: 0, j: 0, size: 0 };
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < y.length; j++) {
        let k = 0;
        while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
        if (k > best.size) best = { i, j, size: k };
      }
    }
    if (best.size === 0) return 0;
    return best.size + matches(x.slice(0, best.i), y.slice(0, best.j)) + matches(x.slice(best.i + best.size), y.slice(best.j + best.size));
  };
  return (2 * matches(a, b)) / (a.length + b.length);
}

/** difflib.get_close_matches(word, candidates, n=1, cutoff=0.7). */
export function closeMatch(word: string, candidates: readonly string[], cutoff = 0.7): string | null {
  let best: string | null = null;
  let score = cutoff;
  for (const c of candidates) {
    const r = ratio(word, c);
    if (r > score || (r === score && best === null && r >= cutoff)) {
      best = c;
      score = r;
    }
  }
  return best;
}

/** Children (groups and commands) directly under a path. */
export function childrenOf(table: CommandTable, path: string): { groups: string[]; commands: string[] } {
  const depth = path ? path.split(' ').length : 0;
  const under = (name: string) => (path ? name.startsWith(`${path} `) : true) && name.split(' ').length === depth + 1;
  return {
    groups: [...table.groups.keys()].filter(under).sort(),
    commands: [...table.commands.keys()].filter(under).sort(),
  };
}

const isOptionLike = (word: string) => word.startsWith('-') && word !== '-' && !/^-\d/.test(word);

/** The option a word names (exact; argparse abbreviations are off in azure-cli). */
function findArg(args: readonly ArgDef[], word: string): { arg: ArgDef; inline?: string } | null {
  const eq = word.startsWith('--') ? word.indexOf('=') : -1;
  const name = eq > 0 ? word.slice(0, eq) : word;
  const exact = args.find((a) => a.options.includes(name));
  if (exact) return { arg: exact, ...(eq > 0 ? { inline: word.slice(eq + 1) } : {}) };
  // -nvalue: a short option with its value glued on
  if (/^-[A-Za-z]/.test(word) && word.length > 2) {
    const short = args.find((a) => a.options.includes(word.slice(0, 2)));
    if (short && !short.flag) return { arg: short, inline: word.slice(2) };
  }
  return null;
}

function examplesFor(command: CommandDef | undefined, count = 3): readonly Example[] {
  return command?.examples?.slice(0, count) ?? [];
}

function invalidChoice(prog: string, arg: ArgDef, value: string, command?: CommandDef): AzCliError {
  const name = arg.options[0]!;
  const suggestion = closeMatch(value, arg.choices ?? []);
  const message = `${prog}: '${value}' is not a valid value for '${name}'. Allowed values: ${(arg.choices ?? []).join(', ')}.`;
  return parseError(message, examplesFor(command), suggestion ? [`Did you mean '${suggestion}' ?`] : []);
}

export function parseArgs(table: CommandTable, argv: readonly string[]): Parsed {
  // 1. the command words
  let path = '';
  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (isOptionLike(word)) break;
    const next = path ? `${path} ${word}` : word;
    if (table.groups.has(next) || table.commands.has(next)) {
      path = next;
      if (table.commands.has(next)) {
        i++;
        break;
      }
      continue;
    }
    const { groups, commands } = childrenOf(table, path);
    const names = [...groups, ...commands].map((n) => n.split(' ').pop()!);
    const suggestion = closeMatch(word, names);
    const fixed = suggestion ? (path ? `${path} ${suggestion}` : suggestion) : '';
    const corrected = suggestion ? (table.commands.get(`${fixed} ${argv[i + 1] ?? ''}`.trim()) ?? table.commands.get(fixed)) : undefined;
    throw parseError(`'${word}' is misspelled or not recognized by the system.`, examplesFor(corrected, 1), suggestion ? [`Did you mean '${suggestion}' ?`] : []);
  }
  const command = table.commands.get(path);
  const rest = argv.slice(i);
  const prog = `az${path ? ` ${path}` : ''}`;
  const specs: ArgDef[] = [...(command?.args ?? []), ...GLOBAL_ARGS, ...(command && !command.noSubscription ? [SUBSCRIPTION_ARG] : [])];

  // 2. the options
  const values: ArgValues = {};
  const given: string[] = [];
  const unrecognized: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const word = rest[j]!;
    const found = isOptionLike(word) ? findArg(specs, word) : null;
    if (!found) {
      unrecognized.push(word);
      continue;
    }
    const { arg, inline } = found;
    given.push(word.startsWith('--') ? word.split('=')[0]! : word.slice(0, 2));
    if (arg.flag) {
      if (inline !== undefined) throw parseError(`argument ${argName(arg)}: ignored explicit argument '${inline}'`);
      values[arg.dest] = true;
      continue;
    }
    if (arg.many) {
      const collected: string[] = inline !== undefined ? [inline] : [];
      while (j + 1 < rest.length && !isOptionLike(rest[j + 1]!)) collected.push(rest[++j]!);
      if (collected.length === 0) throw parseError(`argument ${argName(arg)}: expected at least one argument`, [], []);
      values[arg.dest] = collected;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = rest[j + 1];
      if (next === undefined || isOptionLike(next)) {
        if (arg.dest === '_help') continue;
        throw parseError(`argument ${argName(arg)}: expected one argument`);
      }
      value = next;
      j++;
    }
    if (arg.choices) {
      const typed = value;
      const lowered = arg.dest === '_output' ? typed.toLowerCase() : typed;
      const match = arg.choices.find((c) => c === lowered) ?? arg.choices.find((c) => c.toLowerCase() === typed.toLowerCase());
      if (!match) {
        if (values._help) continue;
        throw invalidChoice(prog, arg, value, command);
      }
      value = match;
    }
    values[arg.dest] = value;
  }

  const globals: GlobalArgs = {
    output: (values._output as OutputFormat | undefined) ?? 'json',
    debug: values._debug === true,
    verbose: values._verbose === true,
    onlyShowErrors: values._only_show_errors === true,
    help: values._help === true,
    ...(typeof values._query === 'string' ? { query: values._query } : {}),
    ...(typeof values._subscription === 'string' ? { subscription: values._subscription } : {}),
  };
  if (globals.help) return { kind: 'help', path, ...(command ? { command } : {}), globals };
  if (unrecognized.length > 0) throw parseError(`unrecognized arguments: ${unrecognized.join(' ')}`);
  if (!command) return { kind: 'group', path, globals };
  const missing = command.args.filter((a) => a.required && values[a.dest] === undefined);
  if (missing.length > 0) throw parseError(`the following arguments are required: ${missing.map(argName).join(', ')}`);
  return { kind: 'command', command, values, globals, given };
}
