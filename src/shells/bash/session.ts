/**
 * The bash engine: just-bash for the shell on the VM's image, shell state that persists from one
 * run to the next, execution limits, and one registration point for commands (`use(module)`).
 * It imports no command: curl, jq, the small Ubuntu commands and az are modules (module.ts).
 */
import { Bash, getCommandNames, type CommandName, type ScriptNode } from 'just-bash';
import { parseDeclaredArrays } from './array-state';
import type { BashModule, ModuleServices } from './module';
import { RunBudget } from './run-budget';
import {
  CAPTURE_COMMAND,
  type Capture,
  captureArgs,
  carriedVariables,
  functionDefinitions,
  parseDeclareF,
  type ShellState,
  stateAfterRun,
  wrapScript,
} from './shell-state';
import { snapshotFileSystem, restoreFileSystem } from './file-snapshot';
import { postProcess } from './run-output';
import { markTerminalCommands } from './stdout-tty';
import type { BashEngine, BashSessionOptions, BashSessionSnapshot, RunOptions, RunResult, VmFacts } from './types';
import { ADMIN_UID, homeOf, IMAGE_DIRECTORIES, imageFiles, loginEnvironment, promptFor, shellVariables } from './vm-image';

const DEFAULTS = { cpuMs: 1500, wallMs: 300_000, outputBytes: 1024 * 1024 };

/** just-bash commands an Ubuntu 22.04 VM does not have (or that the sandbox replaces). */
const NOT_ON_UBUNTU = new Set(['rg', 'xan', 'yq', 'html-to-markdown', 'sqlite3', 'tree', 'js-exec', 'python', 'python3', 'curl', 'wget']);

function validate(opts: BashSessionOptions): void {
  if (!opts || typeof opts !== 'object') throw new TypeError('createBashSession: options are required ({ vm, fetch })');
  if (opts.simulatedNow !== undefined && typeof opts.simulatedNow !== 'function') throw new TypeError('createBashSession: `simulatedNow` must be a function returning epoch milliseconds');
  if (typeof opts.fetch !== 'function') throw new TypeError('createBashSession: `fetch` must be a function (request: Request) => Promise<Response>');
  const vm = opts.vm as Partial<VmFacts> | undefined;
  if (!vm || typeof vm !== 'object') throw new TypeError('createBashSession: `vm` facts are required');
  for (const key of ['vmName', 'computerName', 'adminUsername', 'vmId', 'location'] as const) {
    if (typeof vm[key] !== 'string' || vm[key] === '') throw new TypeError(`createBashSession: vm.${key} must be a non-empty string`);
  }
  if (!/^[a-z_][a-z0-9_-]*$/.test(vm.adminUsername as string)) {
    throw new TypeError(`createBashSession: vm.adminUsername "${vm.adminUsername}" is not a valid Linux user name`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(vm.computerName as string)) {
    throw new TypeError(`createBashSession: vm.computerName "${vm.computerName}" is not a valid host name`);
  }
}

class Session implements BashEngine {
  private bash!: Bash;
  private state!: ShellState;
  private readonly limits: typeof DEFAULTS;
  private readonly now: () => number;
  /** The run in progress: its budget, and what the transform and capture hooks hand back. */
  private current?: { budget: RunBudget; armed: boolean; defined: Map<string, { type?: string }>; capture?: Capture };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly modules: BashModule[] = [];
  private terminalAware = new Set<string>();
  private services!: ModuleServices;

  constructor(private readonly opts: BashSessionOptions) {
    this.limits = { ...DEFAULTS, ...opts.limits };
    this.now = opts.now ?? (() => performance.now());
    this.reset();
  }

  private reset(): void {
    const vm = this.opts.vm;
    const waitFor = <T>(p: Promise<T>) => (this.current ? this.current.budget.waitFor(p) : p);
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    this.services = { vm, fetch: this.opts.fetch, now: this.now, simulatedNow: this.opts.simulatedNow ?? Date.now, waitFor, sleep: (ms) => waitFor(sleep(ms)) };
    this.bash = new Bash({
      env: loginEnvironment(vm, this.opts.image),
      cwd: homeOf(vm),
      files: imageFiles(vm),
      processInfo: { uid: ADMIN_UID, gid: ADMIN_UID },
      commands: getCommandNames().filter((n) => !NOT_ON_UBUNTU.has(n)) as CommandName[],
      sleep: (ms) => waitFor(sleep(ms)),
      // just-bash's defense-in-depth guards a host against scripts escaping into JavaScript. Here
      // the learner already owns the page (and its devtools), so it protects nothing, while it
      // costs about a millisecond per run, blocks the timers our sleep and curl -m need, and is a
      // process-wide singleton whose configuration every Bash instance must share.
      defenseInDepth: false,
      executionLimits: {
        maxExecutionTimeMs: this.limits.wallMs,
        maxOutputSize: this.limits.outputBytes * 8,
        maxStringLength: 16 * 1024 * 1024,
      },
      customCommands: [
        {
          name: CAPTURE_COMMAND,
          execute: async (args, ctx) => {
            const reported = captureArgs(args);
            if (this.current) {
              this.current.capture = {
                cwd: ctx.cwd,
                exitCode: reported.exitCode,
                env: new Map(ctx.env),
                exported: { ...(ctx.exportedEnv ?? {}) },
                functionNames: reported.functions === undefined ? undefined : parseDeclareF(reported.functions),
                arrays: reported.arrays === undefined ? undefined : parseDeclaredArrays(reported.arrays),
              };
            }
            return { stdout: '', stderr: '', exitCode: reported.exitCode };
          },
        },
      ],
    });
    for (const module of this.modules) this.register(module);
    this.bash.registerTransformPlugin({
      name: 'mi-session-state',
      transform: ({ ast }) => {
        const run = this.current;
        if (!run?.armed) return { ast };
        run.armed = false; // only the run's own script, not nested `bash -c` / `source`
        markTerminalCommands(ast, this.terminalAware);
        functionDefinitions(ast, run.defined as Map<string, never>);
        return { ast: wrapScript(ast as ScriptNode, this.state) };
      },
    });
    const fs = this.bash.fs;
    this.queue = this.queue.then(() => Promise.all(IMAGE_DIRECTORIES.map((d) => fs.mkdir(d, { recursive: true }))));
    const initial = this.bash.getEnv();
    delete initial.OLDPWD; // a fresh login shell has no previous directory
    this.state = {
      cwd: homeOf(vm),
      lastExitCode: 0,
      variables: carriedVariables([...Object.entries(initial), ...Object.entries(shellVariables(vm))]),
      exported: new Set(Object.keys(loginEnvironment(vm, this.opts.image))),
      functions: new Map(),
      arrays: {},
      setOptions: { on: [], off: [] },
      shoptOptions: { on: [], off: [] },
    };
  }

  private register(module: BashModule): void {
    for (const command of module.commands(this.services)) this.bash.registerCommand(command);
    for (const name of module.terminalAware ?? []) this.terminalAware.add(name);
  }

  use(module: BashModule): this {
    if (!module || typeof module.name !== 'string' || typeof module.commands !== 'function') {
      throw new TypeError('use(module): a module needs a name and a commands(services) function');
    }
    this.modules.push(module);
    this.register(module);
    return this;
  }

  prompt(): string {
    return promptFor(this.opts.vm, this.state.cwd, this.opts.image);
  }

  run(script: string, options: RunOptions = {}): Promise<RunResult> {
    if (typeof script !== 'string') return Promise.reject(new TypeError('run(script): script must be a string'));
    const next = this.queue.then(() => this.runNow(script, options));
    this.queue = next.catch(() => {});
    return next;
  }

  private async runNow(script: string, { signal, onOutput }: RunOptions): Promise<RunResult> {
    let result: RunResult;
    if (script.trim() === '') {
      result = { stdout: '', stderr: '', exitCode: 0 };
    } else {
      const budget = new RunBudget(this.limits.cpuMs, signal, this.now);
      const run = { budget, armed: true, defined: new Map(), capture: undefined as Capture | undefined };
      this.current = run;
      let raw: { stdout: string; stderr: string; exitCode: number };
      try {
        raw = await this.bash.exec(script, {
          env: Object.fromEntries(this.state.variables),
          replaceEnv: true,
          cwd: this.state.cwd,
          signal: budget.signal,
        });
      } catch (err) {
        // just-bash reports script errors as results; anything thrown is an interpreter fault
        raw = { stdout: '', stderr: `bash: internal error: ${err instanceof Error ? err.message : String(err)}\n`, exitCode: 1 };
      } finally {
        this.current = undefined;
        budget.dispose();
      }
      if (run.capture) this.state = stateAfterRun(this.state, run.capture, run.defined);
      result = postProcess(raw, { budget, outputBytes: this.limits.outputBytes, cpuMs: this.limits.cpuMs, wallMs: this.limits.wallMs });
    }
    if (onOutput) {
      if (result.stdout) onOutput({ stream: 'stdout', text: result.stdout });
      if (result.stderr) onOutput({ stream: 'stderr', text: result.stderr });
    }
    return result;
  }

  async snapshot(): Promise<BashSessionSnapshot> {
    await this.queue;
    const fsSnap = await snapshotFileSystem(this.bash.fs);
    return {
      version: 1,
      cwd: this.state.cwd,
      variables: Object.fromEntries(this.state.variables),
      exported: [...this.state.exported],
      functions: Object.fromEntries([...this.state.functions].map(([k, v]) => [k, structuredClone(v)])),
      arrays: structuredClone(this.state.arrays),
      setOptions: structuredClone(this.state.setOptions),
      shoptOptions: structuredClone(this.state.shoptOptions),
      ...fsSnap,
    };
  }

  async restore(snapshot: BashSessionSnapshot): Promise<void> {
    assertSnapshot(snapshot);
    await this.queue;
    this.reset();
    await restoreFileSystem(this.bash.fs, snapshot);
    const functions = new Map<string, { type?: string }>();
    for (const [name, def] of Object.entries(snapshot.functions)) {
      if (def && typeof def === 'object' && (def as { type?: unknown }).type === 'FunctionDef') functions.set(name, structuredClone(def) as { type?: string });
    }
    this.state = {
      cwd: snapshot.cwd,
      lastExitCode: 0,
      variables: new Map(Object.entries(snapshot.variables).filter(([, v]) => typeof v === 'string')),
      exported: new Set(snapshot.exported.filter((n) => typeof n === 'string')),
      functions,
      arrays: validArrays(snapshot.arrays),
      setOptions: { on: [...snapshot.setOptions.on], off: [...snapshot.setOptions.off] },
      shoptOptions: { on: [...snapshot.shoptOptions.on], off: [...snapshot.shoptOptions.off] },
    };
  }
}

function validArrays(arrays: unknown): ShellState['arrays'] {
  const out: ShellState['arrays'] = {};
  if (!arrays || typeof arrays !== 'object') return out;
  for (const [name, a] of Object.entries(arrays as Record<string, unknown>)) {
    const value = a as Partial<ShellState['arrays'][string]> | null;
    if (!value || (value.kind !== 'indexed' && value.kind !== 'associative') || !Array.isArray(value.entries)) continue;
    const entries = value.entries.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string');
    out[name] = { kind: value.kind, entries };
  }
  return out;
}

function assertSnapshot(s: unknown): asserts s is BashSessionSnapshot {
  const x = s as Partial<BashSessionSnapshot> | undefined;
  const problem =
    !x || typeof x !== 'object' ? 'not an object'
    : x.version !== 1 ? `unsupported version ${String(x.version)}`
    : typeof x.cwd !== 'string' || !x.cwd.startsWith('/') ? 'cwd must be an absolute path'
    : !x.variables || typeof x.variables !== 'object' ? 'variables missing'
    : !Array.isArray(x.exported) ? 'exported must be an array'
    : !x.functions || typeof x.functions !== 'object' ? 'functions missing'
    : !x.setOptions || !Array.isArray(x.setOptions.on) || !Array.isArray(x.setOptions.off) ? 'setOptions malformed'
    : !x.shoptOptions || !Array.isArray(x.shoptOptions.on) || !Array.isArray(x.shoptOptions.off) ? 'shoptOptions malformed'
    : !x.files || typeof x.files !== 'object' || !Array.isArray(x.directories) ? 'files/directories missing'
    : undefined;
  if (problem) throw new TypeError(`restore(snapshot): invalid bash session snapshot (${problem})`);
}

/** Creates a bare bash engine bound to one VM (just-bash's own commands, no module); see README.md. */
export function createBashEngine(opts: BashSessionOptions): BashEngine {
  validate(opts);
  return new Session(opts);
}
