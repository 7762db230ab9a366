/** The session's way out: resolves with any Response, rejects (with a `code`) for failures below HTTP. */
export type ShellFetch = (request: Request) => Promise<Response>;

/** Facts about the simulated VM the session runs on (names come from the world). */
export interface VmFacts {
  /** The Azure resource name of the VM. */
  vmName: string;
  /** The OS host name (osProfile.computerName): what `hostname` prints and the prompt shows. */
  computerName: string;
  /** The admin user the learner is signed in as (Azure's default is `azureuser`). */
  adminUsername: string;
  vmId: string;
  location: string;
  /** The marketplace image. Only Ubuntu 22.04 LTS is simulated; other values are recorded as given. */
  osImage?: string;
}

export interface SessionLimits {
  /** Computation a single run may use before it is stopped (time spent waiting on the network or in `sleep` excluded). Default 1500 ms. */
  cpuMs?: number;
  /** Wall-clock ceiling for a single run, waiting included. Default 300000 ms. */
  wallMs?: number;
  /** Output kept per stream before "[output truncated …]". Default 1 MiB. */
  outputBytes?: number;
}

export interface BashSessionOptions {
  vm: VmFacts;
  /** The router's fetch, already bound to this VM. The session's only way out. */
  fetch: ShellFetch;
  limits?: SessionLimits;
  /**
   * Milliseconds clock used for curl's timings (-w %{time_total}, "after N ms") and for the CPU budget.
   * Default performance.now. Tests pass a clock that steps on every read, so a runaway loop stops after
   * the same amount of work on any machine, however loaded.
   */
  now?: () => number;
  /** The world's simulated time (epoch ms), which `date` shows. Default: the real clock. */
  simulatedNow?: () => number;
  /** How `sleep` waits. Default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Which machine's prompt and login environment: an Azure Ubuntu VM (default) or Cloud Shell's container. */
  image?: 'ubuntu' | 'cloudShell';
  /** Modules registered after the standard ones (createBashSession only), e.g. `az`. */
  modules?: readonly import('./module').BashModule[];
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunOptions {
  /** Cancels the run, like Ctrl+C (exit code 130). */
  signal?: AbortSignal;
  /** Receives the run's output. just-bash buffers a run's output, so this is called when the run ends. */
  onOutput?: (chunk: OutputChunk) => void;
}

/** Which safety limit stopped a run. */
export type LimitKind = 'cpu' | 'wall' | 'commands' | 'loop' | 'recursion' | 'output' | 'memory' | 'resources';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Output was cut at the session's output cap. */
  truncated?: boolean;
  /** A safety limit stopped the run. */
  limitHit?: LimitKind;
}

/** The shell state that carries from one run to the next, as plain JSON. */
export interface BashSessionSnapshot {
  version: 1;
  cwd: string;
  /** Shell variables (exported or not), aliases included as just-bash keeps them (`BASH_ALIAS_<name>`). */
  variables: Record<string, string>;
  exported: string[];
  /** Function definitions as just-bash syntax trees (plain JSON). */
  functions: Record<string, unknown>;
  /** Indexed and associative arrays: subscript/value pairs. Optional: snapshots from before arrays were carried lack it. */
  arrays?: Record<string, { kind: 'indexed' | 'associative'; entries: Array<[string, string]> }>;
  /** Options turned on with `set -o` / `shopt -s` beyond the defaults, and defaults turned off. */
  setOptions: { on: string[]; off: string[] };
  shoptOptions: { on: string[]; off: string[] };
  /** Files the learner created or changed, base64-encoded. */
  files: Record<string, { content: string; mode: number }>;
  directories: string[];
}

export interface BashSession {
  /** Registers a command module (module.ts); it stays registered across restores. Returns the session. */
  use(module: import('./module').BashModule): BashSession;
  run(script: string, options?: RunOptions): Promise<RunResult>;
  /** The prompt as bash shows it, e.g. `azureuser@myLinuxVM:~$ `. */
  prompt(): string;
  snapshot(): Promise<BashSessionSnapshot>;
  restore(snapshot: BashSessionSnapshot): Promise<void>;
}

/** The engine alone: a session with no command module registered yet. */
export type BashEngine = BashSession;
