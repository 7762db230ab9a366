/**
 * One `az` invocation, as azure-cli's `main` runs it: logging flags first (knack reads them before
 * parsing), then parse, sign-in check, the command, the global result transform (`resourceGroup`
 * from ids), `--query`, the output format, and errors rendered by knack's logger with the exit code
 * azure-cli's `handle_exception` gives. Nothing escapes as a JavaScript exception: a bug in a command
 * prints the CLI's "unexpected error" text and exits 1.
 */
import type { AzContext, AzEnvironment, AzFiles } from './context';
import { AzCliError } from './errors';
import { commandHelp, groupHelp, welcome } from './help';
import { AzLog } from './log';
import { formatResult, RawText } from './output';
import { parseArgs, type Parsed } from './parse';
import { compileQuery, type CompiledQuery } from './query';
import type { CommandLoader, CommandTable } from './types';
import { loginInCloudShell } from '../commands/account';
import { profileExists } from './profile';

export interface AzIo {
  files: AzFiles;
  env: AzEnvironment;
  fetch: (request: Request) => Promise<Response>;
  now(): number;
  stdoutIsTerminal: boolean;
  stdin(): string;
}

export interface AzOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

let table: CommandTable | null = null;

export function commandTable(loaders: readonly CommandLoader[]): CommandTable {
  if (table) return table;
  const t: CommandTable = { groups: new Map(), commands: new Map() };
  for (const load of loaders) load(t);
  table = t;
  return t;
}

/** Python's repr of a list of str, as knack logs "Command arguments: [...]". */
const pyList = (words: readonly string[]) => `[${words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;

function addResourceGroup(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) addResourceGroup(v);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (!Object.keys(obj).some((k) => k.toLowerCase() === 'resourcegroup') && typeof obj.id === 'string' && obj.id) {
    const parts = obj.id.split('/');
    if (parts.length > 8 && parts[3]?.toLowerCase() === 'resourcegroups') obj.resourceGroup = parts[4];
  }
  for (const [key, child] of Object.entries(obj)) if (key !== 'sourceVault') addResourceGroup(child);
}

/** Commands Cloud Shell's implicit sign-in does not precede. */
const NO_IMPLICIT_LOGIN = new Set(['login', 'logout', 'version', 'account clear']);

export async function runAz(argv: readonly string[], io: AzIo, loaders: readonly CommandLoader[]): Promise<AzOutcome> {
  const flags = { debug: argv.includes('--debug'), verbose: argv.includes('--verbose'), onlyErrors: argv.includes('--only-show-errors') };
  const log = new AzLog(io.stdoutIsTerminal, flags);
  if (flags.onlyErrors && (flags.debug || flags.verbose)) {
    log.error('--only-show-errors can\'t be used together with --debug or --verbose');
    return { stdout: '', stderr: log.stderr, exitCode: 1 };
  }
  log.debug('cli.knack.cli', `Command arguments: ${pyList(argv)}`);
  let stdout = '';
  let exitCode = 0;
  try {
    const t = commandTable(loaders);
    let parsed: Parsed;
    parsed = parseArgs(t, argv);
    if (parsed.kind === 'help') {
      stdout = parsed.command ? commandHelp(parsed.command) : groupHelp(t, parsed.path);
    } else if (parsed.kind === 'group') {
      stdout = parsed.path ? groupHelp(t, parsed.path) : welcome(t);
    } else {
      const query: CompiledQuery | null = parsed.globals.query !== undefined ? compileQuery(parsed.globals.query) : null;
      const ctx: AzContext = {
        log,
        files: io.files,
        env: io.env,
        fetch: io.fetch,
        now: io.now,
        commandName: parsed.command.name,
        parameterSetName: parsed.given.filter((g) => !['--debug', '--verbose', '--only-show-errors', '--output', '-o', '--query'].includes(g)).join(' '),
        ...(parsed.globals.subscription !== undefined ? { subscription: parsed.globals.subscription } : {}),
        stdin: io.stdin,
        tokens: new Map(),
      };
      if (io.env.cloudShell && !NO_IMPLICIT_LOGIN.has(parsed.command.name) && !(await profileExists(ctx))) {
        await loginInCloudShell(ctx);
      }
      let result = await parsed.command.run(ctx, parsed.values);
      if (!parsed.command.noResourceGroupTransform) addResourceGroup(result);
      if (query && !(result instanceof RawText)) result = query.search(result);
      stdout = formatResult(result, {
        format: parsed.globals.output,
        color: io.stdoutIsTerminal,
        queryActive: query !== null,
        ...(parsed.command.tableTransform ? { tableTransform: parsed.command.tableTransform } : {}),
      });
    }
  } catch (error) {
    if (error instanceof AzCliError) {
      log.error(error.message);
      for (const line of error.recommendations) log.plain(line);
      exitCode = error.exitCode;
    } else {
      // azure-cli-core util.py handle_exception: an unexpected Python exception.
      log.error('The command failed with an unexpected error. Here is the traceback:');
      log.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      log.plain("To check existing issues, please visit: https://github.com/Azure/azure-cli/issues");
      exitCode = 1;
    }
  }
  return { stdout, stderr: log.stderr, exitCode };
}
