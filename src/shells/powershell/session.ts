/**
 * A Windows PowerShell 5.1 session on one simulated Windows VM: the prompt, variables that persist
 * across runs, parse errors before anything runs, Out-Default formatting, error records on stderr, and
 * per-run limits. Its only way out is the `fetch` it was given (the router bound to this VM).
 */
import type { Parser } from 'web-tree-sitter';
import { parseRange, parseToSyntaxTree, type SyntaxTree as Tree } from './parse/syntax-tree';
import { ErrorRecord, PSThrow } from './errors/error-record';
import { positionMessage } from './errors/position-message';
import { formatErrorRecord } from './format/error-view';
import { OutDefault } from './format/out-default';
import { createParser, type LoadGrammar } from './parse/grammar';
import { isIncompleteInput } from './parse/lexical-scan';
import { findLexicalErrors, findTreeErrors, treeHasErrors } from './parse/parse-errors';
import { splitStatements } from './parse/recovery';
import { SourceText } from './source-text';
import type { ModuleState, PowerShellModule } from './engine/cmdlet';
import { CommandTable } from './engine/command-table';
import type { CommandHost, VmFacts } from './engine/host';
import { callDepthRecord, Interpreter } from './engine/interpreter';
import { LimitExceeded, limitMessage, RunLimits } from './engine/run-limits';
import { SessionState } from './engine/scope';
import { ExitSignal, isFlowSignal } from './engine/signals';
import { SizeLimitExceeded } from './runtime/size-limit';
import { decodeValue, encodeValue, type EncodedValue } from './snapshot';

export type { VmFacts };
export type { PowerShellModule };
export type { GrammarSource, LoadGrammar } from './parse/grammar';

export interface PowerShellSessionOptions {
  /** The router's fetch bound to this VM. Network failures reject with an Error whose `code` is ENOTFOUND / ECONNREFUSED / ETIMEDOUT. */
  fetch: (request: Request) => Promise<Response>;
  vm: VmFacts;
  /** Where the tree-sitter wasm files come from (paths in Node, Vite `?url` URLs in the browser). */
  loadGrammar: LoadGrammar;
  /** The VM clock (defaults to the real clock). */
  now?: () => Date;
  /**
   * How Start-Sleep waits. The app moves the world's simulated clock (a retry loop's backoff costs
   * no real time); without it Start-Sleep waits real time within the script's time limit.
   */
  sleep?: (ms: number) => Promise<void>;
  /** Console buffer width; 5.1's default console is 120 columns. */
  columns?: number;
  timeLimitMs?: number;
  outputLimitChars?: number;
  /**
   * Milliseconds clock for the run's time limit. Default performance.now. Tests pass a clock that steps
   * on every read, so a runaway script stops after the same amount of work on any machine, however loaded.
   */
  clock?: () => number;
  /** Environment variables beyond a Windows VM's (Cloud Shell's MSI_ENDPOINT, ACC_CLOUD …). */
  env?: Record<string, string>;
  /** The location the prompt shows (default the admin's profile, `C:\\Users\\<user>`). */
  promptPath?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Streams output in order as it is produced (stderr chunks are error records, shown in red). */
  onOutput?: (chunk: { stream: 'stdout' | 'stderr'; text: string }) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when a limit (time, output, cancellation) stopped the script. */
  limitHit?: 'time' | 'output' | 'memory' | 'cancelled';
}

export interface SessionSnapshot {
  version: 1;
  variables: Record<string, EncodedValue>;
  env: Record<string, string>;
  functions: Record<string, string>;
  /** Module state (e.g. Az's signed-in context), by module name; plain JSON. */
  modules?: Record<string, Record<string, unknown>>;
}

export interface PowerShellSession {
  run(source: string, options?: RunOptions): Promise<RunResult>;
  prompt(): string;
  /** True when the input is unfinished (open brace/paren/quote/here-string, trailing backtick or pipe): show `>> `. */
  isIncomplete(source: string): boolean;
  snapshot(): SessionSnapshot;
  restore(snapshot: SessionSnapshot): void;
  /** Loads the grammar ahead of the first run (optional; run() loads it on demand). */
  ready(): Promise<void>;
  /** The terminal was resized: later output wraps and cuts at the new console width. */
  resize(columns: number): void;
  /** Registers a module's cmdlets, views and programs with this session (the engine's one way in). */
  use(...modules: PowerShellModule[]): PowerShellSession;
}

/**
 * Parses the script in one go; if tree-sitter had to recover from anything, parses each top-level
 * statement on its own instead (same offsets: the rest of the text is blanked), so its recovery cannot
 * merge a grammar gap on one line with the next line.
 */
function parseStatements(parser: Parser, source: string): Tree[] {
  const whole = parseToSyntaxTree(parser, source);
  if (!treeHasErrors(whole)) return [whole];
  return splitStatements(source).map(({ start, end }) => parseRange(parser, source, start, end));
}

const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

function initialEnv(state: SessionState, vm: VmFacts): void {
  const user = vm.adminUsername;
  const computer = vm.computerName.toUpperCase();
  const profile = `C:\\Users\\${user}`;
  const env: Record<string, string> = {
    ALLUSERSPROFILE: 'C:\\ProgramData',
    APPDATA: `${profile}\\AppData\\Roaming`,
    COMPUTERNAME: computer,
    ComSpec: 'C:\\Windows\\system32\\cmd.exe',
    HOMEDRIVE: 'C:',
    HOMEPATH: `\\Users\\${user}`,
    LOCALAPPDATA: `${profile}\\AppData\\Local`,
    LOGONSERVER: `\\\\${computer}`,
    NUMBER_OF_PROCESSORS: '2',
    OS: 'Windows_NT',
    Path: 'C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;' + `${profile}\\AppData\\Local\\Microsoft\\WindowsApps`,
    PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC;.CPL',
    PROCESSOR_ARCHITECTURE: 'AMD64',
    ProgramData: 'C:\\ProgramData',
    ProgramFiles: 'C:\\Program Files',
    'ProgramFiles(x86)': 'C:\\Program Files (x86)',
    PSModulePath: `${profile}\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules;C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules`,
    PUBLIC: 'C:\\Users\\Public',
    SystemDrive: 'C:',
    SystemRoot: 'C:\\Windows',
    TEMP: `${profile}\\AppData\\Local\\Temp`,
    TMP: `${profile}\\AppData\\Local\\Temp`,
    USERDOMAIN: computer,
    USERDOMAIN_ROAMINGPROFILE: computer,
    USERNAME: user,
    USERPROFILE: profile,
    windir: 'C:\\Windows',
  };
  for (const [k, v] of Object.entries(env)) state.setEnv(k, v);
}

/**
 * What escaped the statements, as the session reports it: the memory limit as a run limit, and the
 * browser's own stack overflow as 5.1's call-depth error (5.1 throws it when its stack runs low too).
 */
function runFailure(error: unknown): unknown {
  if (error instanceof SizeLimitExceeded) return new LimitExceeded('memory');
  if (error instanceof RangeError && /call stack/i.test(error.message)) return new PSThrow(callDepthRecord(), { scriptTerminating: true });
  return error;
}

/** JSON-only module state: a value that does not survive JSON is refused when it is set, not lost later. */
function moduleStateStore(store: Map<string, Record<string, unknown>>, module: string): ModuleState {
  const bucket = () => {
    let b = store.get(module);
    if (!b) store.set(module, (b = {}));
    return b;
  };
  return {
    get: <T>(key: string) => (Object.hasOwn(bucket(), key) ? (structuredClone(bucket()[key]) as T) : undefined),
    set: (key, value) => {
      bucket()[key] = JSON.parse(JSON.stringify(value)) as unknown;
    },
    delete: (key) => {
      delete bucket()[key];
    },
  };
}

/**
 * A session with the engine only: no commands until modules are registered with `use()`. Most callers
 * want `createPowerShellSession` from ./index, which registers the VM's modules.
 */
export function createEngineSession(options: PowerShellSessionOptions): PowerShellSession {
  const state = new SessionState();
  const commands = new CommandTable();
  const moduleStates = new Map<string, Record<string, unknown>>();
  initialEnv(state, options.vm);
  for (const [k, v] of Object.entries(options.env ?? {})) state.setEnv(k, v);
  let columns = options.columns ?? 120;
  let parserPromise: Promise<Parser> | null = null;
  const pendingFunctions: string[] = [];
  const getParser = () => {
    parserPromise ??= createParser(options.loadGrammar).catch((e: unknown) => {
      parserPromise = null;
      throw e;
    });
    return parserPromise;
  };

  async function run(source: string, runOptions: RunOptions = {}): Promise<RunResult> {
    let stdout = '';
    let stderr = '';
    const limits = new RunLimits(options.timeLimitMs ?? 2000, options.outputLimitChars ?? 1_000_000, runOptions.signal, options.clock);
    const write = (stream: 'stdout' | 'stderr', text: string) => {
      if (!text) return;
      limits.countOutput(text.length);
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      runOptions.onOutput?.({ stream, text });
    };
    const od = new OutDefault((t) => write('stdout', t), columns, commands.views);

    let parser: Parser;
    try {
      parser = await getParser();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      write('stderr', `The PowerShell session could not start: the parser failed to load (${message}).\n`);
      return { stdout, stderr, exitCode: 1 };
    }

    const pageSleep = options.sleep;
    const host: CommandHost = {
      vm: options.vm,
      // The page's time answering is not the script's (run-limits.ts).
      fetch: (request) => limits.waitFor(options.fetch(request)),
      now: options.now ?? (() => new Date()),
      ...(pageSleep ? { sleep: (ms: number) => limits.waitFor(pageSleep(ms)) } : {}),
      columns,
      env: (name) => state.getEnv(name),
      writeHost: (text) => {
        od.flush();
        write('stdout', text);
      },
      writeError: (record) => {
        od.flush();
        write('stderr', formatErrorRecord(record, columns));
      },
      writeWarning: (text) => {
        od.flush();
        write('stdout', `\x1b[93m${text}\x1b[0m\n`);
      },
      clearHost: () => {
        od.flush();
        write('stdout', CLEAR_SCREEN);
      },
    };
    const interp = new Interpreter(state, host, limits, parser, commands, (module) => moduleStateStore(moduleStates, module));
    let exitCode: number | null = null;
    let limitHit: RunResult['limitHit'];
    try {
      for (const fn of pendingFunctions.splice(0)) {
        const t = parseToSyntaxTree(parser, fn);
        await interp.execBlock(t.rootNode, { src: new SourceText(fn), tree: t, scope: state.globals, tryDepth: 0 }, () => undefined);
      }
      if (source.trim() === '') return { stdout, stderr, exitCode: state.lastSuccess ? 0 : 1 };
      const src = new SourceText(source);
      const trees = parseStatements(parser, source);
      const lexical = findLexicalErrors(source);
      const reparse = (start: number, end: number) => parseRange(parser, source, start, end);
      // The first failing statement's errors, all of them: 5.1 stops parsing there, but reports each error it met.
      const issues = lexical.length ? lexical : (trees.map((t) => findTreeErrors(source, t, reparse)).find((found) => found.length > 0) ?? []);
      if (issues.length) {
        const message = issues.map((i) => `${positionMessage(src, i)}\n${i.message}`).join('\n');
        const record = new ErrorRecord(
          {
            exceptionTypes: ['System.Management.Automation.ParentContainsErrorRecordException', 'System.Management.Automation.ParseException'],
            message,
            category: 'ParserError',
            fullyQualifiedErrorId: issues[0]?.errorId ?? 'ParseError',
            isParseError: true,
          },
          source,
        );
        interp.reportError(record);
        od.flush();
        return { stdout, stderr, exitCode: 1 };
      }
      for (const tree of trees) await interp.execBlock(tree.rootNode, { src, tree, scope: state.globals, tryDepth: 0 }, (v) => od.write(v));
    } catch (caught) {
      const error = runFailure(caught);
      if (error instanceof ExitSignal) exitCode = error.code;
      else if (error instanceof LimitExceeded) {
        limitHit = error.kind;
        try {
          od.flush();
        } catch {
          // The output limit may trip again while flushing; the notice below still goes out.
        }
        const notice = `\n${limitMessage(error.kind, limits)}\n`;
        stderr += notice;
        runOptions.onOutput?.({ stream: 'stderr', text: notice });
        state.lastSuccess = false;
      } else if (error instanceof PSThrow) {
        // A script-terminating error (call-depth overflow) or one thrown inside an unwinding try.
        interp.reportError(error.record);
      } else if (!isFlowSignal(error)) {
        const message = error instanceof Error ? error.message : String(error);
        const notice = `The sandbox's PowerShell hit an internal error and stopped this script: ${message}\n`;
        stderr += notice;
        runOptions.onOutput?.({ stream: 'stderr', text: notice });
        state.lastSuccess = false;
      }
    }
    if (!limitHit) {
      try {
        od.flush();
      } catch (error) {
        if (error instanceof LimitExceeded) {
          limitHit = error.kind;
          stderr += `\n${limitMessage(error.kind, limits)}\n`;
        }
      }
    }
    return { stdout, stderr, exitCode: exitCode ?? (state.lastSuccess && !limitHit ? 0 : 1), ...(limitHit ? { limitHit } : {}) };
  }

  const session: PowerShellSession = {
    use: (...modules) => {
      for (const m of modules) commands.use(m);
      return session;
    },
    run: async (source, runOptions) => {
      try {
        return await run(source, runOptions);
      } catch (error) {
        // Nothing may escape run(): report the failure as output instead.
        const message = error instanceof Error ? error.message : String(error);
        return { stdout: '', stderr: `The sandbox's PowerShell hit an internal error: ${message}\n`, exitCode: 1 };
      }
    },
    prompt: () => `PS ${options.promptPath ?? `C:\\Users\\${options.vm.adminUsername}`}> `,
    isIncomplete: (source) => isIncompleteInput(source),
    ready: async () => {
      await getParser();
    },
    resize: (cols) => {
      if (Number.isInteger(cols) && cols >= 20) columns = cols;
    },
    snapshot: () => {
      // Object.fromEntries keeps names like `__proto__` as plain data.
      const variables: Record<string, EncodedValue> = Object.fromEntries(
        [...state.globals.vars.values()].filter((v) => v.name !== '_' && v.name.toLowerCase() !== 'psitem').map((v) => [v.name, encodeValue(v.value)]),
      );
      const env: Record<string, string> = Object.fromEntries([...state.env.values()].map((e) => [e.name, e.value]));
      const functions: Record<string, string> = Object.fromEntries([...state.functions.values()].map((f) => [f.name, f.text]));
      const modules: Record<string, Record<string, unknown>> = Object.fromEntries([...moduleStates].filter(([, v]) => Object.keys(v).length > 0).map(([k, v]) => [k, structuredClone(v)]));
      return { version: 1, variables, env, functions, ...(Object.keys(modules).length ? { modules } : {}) };
    },
    restore: (snapshot) => {
      state.globals.vars.clear();
      for (const [name, value] of Object.entries(snapshot.variables)) state.globals.set(name, decodeValue(value));
      state.env.clear();
      for (const [k, v] of Object.entries(snapshot.env)) state.setEnv(k, v);
      state.functions.clear();
      pendingFunctions.push(...Object.values(snapshot.functions));
      moduleStates.clear();
      for (const [name, values] of Object.entries(snapshot.modules ?? {})) {
        if (values && typeof values === 'object' && !Array.isArray(values)) moduleStates.set(name, structuredClone(values));
      }
    },
  };
  return session;
}
