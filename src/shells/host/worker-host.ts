/**
 * The page side of a shell worker. It guarantees an answer: if the worker does not reply within the
 * time limit (plus a grace period for its own limits to fire), it is terminated and replaced, and the
 * caller gets a clear "stopped" result. The clock stops while the page owes the worker an answer (a
 * request, a sleep): that is the page's time, which a loaded machine or a slow phone stretches, and
 * the worker's own limits bound how many such waits a script makes. The replacement starts from the shell state saved after the
 * last finished command, so variables and files survive. The page never waits on a runaway script.
 *
 * The worker's HTTP requests arrive here as `fetch` messages and go to the `fetch` the host was given
 * (the simulated cloud's router, bound to this VM).
 */
import { toWireError, toWireResponse, fromWireRequest } from './fetch-bridge';
import {
  SCRIPT_TIME_LIMIT_MS,
  type InitMessage,
  type RunResult,
  type ShellMachine,
  type VmFacts,
  type WorkerInbound,
  type WorkerOutbound,
} from './protocol';

/** The slice of the Worker API the host uses, so tests can supply a fake. */
export interface WorkerLike {
  postMessage(message: WorkerInbound, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerOutbound>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerHostOptions {
  createWorker: () => WorkerLike;
  vm?: VmFacts;
  assets?: Record<string, string>;
  /** Where the shell's HTTP requests go. Without it every request fails as an unknown host. */
  fetch?: (request: Request) => Promise<Response>;
  timeLimitMs?: number;
  /** Extra time for the worker's own, more precise limit to answer before the host steps in. */
  graceMs?: number;
  /**
   * How long a new worker may take to load before the run fails. Loading is not the script's time:
   * the interpreter chunk is large and a cold dev server compiles it on first use.
   */
  startupTimeoutMs?: number;
  /** The prompt to show before the worker has reported its own. */
  initialPrompt?: string;
  /** The world's simulated time, sent with each run so `date` agrees with tokens and the clock panel. */
  clock?: () => number;
  /**
   * What `sleep` / `Start-Sleep` does: move the world's simulated clock by `ms` and return the new
   * time. Without it a sleep waits real time (the stand-in VM with no world), under the script's
   * time limit like anything else.
   */
  sleep?: (ms: number) => number | Promise<number>;
  /** What kind of machine the shell runs on (protocol.ts); default a VM of the world. */
  machine?: ShellMachine;
}

export interface WorkerHost {
  run(script: string): Promise<RunResult>;
  /** Whether the shell would ask for another line (asks the shell's parser in the worker). */
  isIncomplete(source: string): Promise<boolean>;
  /** The prompt as of the last finished command. */
  prompt(): string;
  /** The terminal's width; sent with the next run to shells that format to it. */
  setColumns(columns: number): void;
  /** Stops the running script (Ctrl+C / Stop button); resolves its run() with exit code 130. */
  cancel(): void;
  dispose(): void;
}

const DEFAULT_VM: VmFacts = {
  vmName: 'sandbox',
  computerName: 'sandbox',
  adminUsername: 'azureuser',
  vmId: '00000000-0000-0000-0000-000000000000',
  location: 'eastus',
  osType: 'Linux',
};

function unknownHost(request: Request): Promise<Response> {
  const host = new URL(request.url).hostname;
  return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
}

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const timeLimitMs = options.timeLimitMs ?? SCRIPT_TIME_LIMIT_MS;
  const graceMs = options.graceMs ?? 500;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const route = options.fetch ?? unknownHost;
  let worker: WorkerLike | null = null;
  let ready = false;
  let savedState: unknown = undefined;
  let currentPrompt = options.initialPrompt ?? '$ ';
  let columns: number | undefined;
  let nextId = 1;
  let pending: {
    id: number;
    script: string;
    resolve: (r: RunResult) => void;
    timer: ReturnType<typeof setTimeout>;
    /** Requests and sleeps of this run the page has not answered yet; the backstop waits meanwhile. */
    owed: number;
  } | null = null;
  const checks = new Map<number, (incomplete: boolean) => void>();
  let readyWaiters: (() => void)[] = [];

  function armBackstop(p: NonNullable<typeof pending>): void {
    clearTimeout(p.timer);
    if (p.owed > 0) return;
    p.timer = setTimeout(() => {
      restart();
      settle({
        stdout: '',
        stderr: `Stopped: the script ran for more than ${timeLimitMs / 1000} seconds. The shell was restarted.\n`,
        exitCode: 124,
        limitHit: 'time',
      });
    }, timeLimitMs + graceMs);
  }

  function startClock(): void {
    const p = pending;
    if (!p || !worker || !ready) return;
    armBackstop(p);
    const clockMs = options.clock?.();
    worker.postMessage({
      type: 'run',
      id: p.id,
      script: p.script,
      ...(clockMs === undefined ? {} : { clockMs }),
      ...(columns === undefined ? {} : { columns }),
    });
  }

  /**
   * Stops the backstop while the page works on the worker's behalf; returns what to call once the
   * answer is sent, which gives the worker a full limit again when nothing else is owed.
   */
  function owe(): () => void {
    const p = pending;
    if (!p || !ready) return () => undefined;
    p.owed++;
    clearTimeout(p.timer);
    return () => {
      p.owed--;
      if (pending === p) armBackstop(p);
    };
  }

  async function answerFetch(w: WorkerLike, id: number, wire: Parameters<typeof fromWireRequest>[0]): Promise<void> {
    const answered = owe();
    try {
      const response = await route(fromWireRequest(wire));
      const body = await toWireResponse(response);
      if (worker === w) w.postMessage({ type: 'fetch-result', id, response: body }, [body.body]);
    } catch (error) {
      if (worker === w) w.postMessage({ type: 'fetch-result', id, error: toWireError(error) });
    } finally {
      answered();
    }
  }

  async function answerSleep(w: WorkerLike, id: number, ms: number): Promise<void> {
    const answered = owe();
    let clockMs: number | undefined;
    try {
      if (options.sleep) clockMs = await options.sleep(ms);
      else await new Promise((resolve) => setTimeout(resolve, ms));
    } catch {
      // A clock that refuses the change still ends the sleep: the script goes on at the same time.
    }
    if (worker === w) w.postMessage({ type: 'sleep-done', id, ...(clockMs === undefined ? {} : { clockMs }) });
    answered();
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const w = options.createWorker();
    ready = false;
    w.onmessage = (event) => {
      if (worker !== w) return;
      const msg = event.data;
      switch (msg.type) {
        case 'ready':
          ready = true;
          currentPrompt = msg.prompt;
          readyWaiters.forEach((f) => f());
          readyWaiters = [];
          startClock();
          return;
        case 'init-failed':
          restart();
          settle({ stdout: '', stderr: `The shell could not start: ${msg.message}\n`, exitCode: 1 });
          return;
        case 'fetch':
          void answerFetch(w, msg.id, msg.request);
          return;
        case 'sleep':
          void answerSleep(w, msg.id, msg.ms);
          return;
        case 'loading':
          // A command is loading its code (az's chunk): that time is not the script's, so the limit starts over.
          if (pending && ready) armBackstop(pending);
          return;
        case 'checked':
          checks.get(msg.id)?.(msg.incomplete);
          checks.delete(msg.id);
          return;
        case 'result': {
          if (!pending || msg.id !== pending.id) return;
          const { type: _t, id: _i, prompt, state, ...result } = msg;
          currentPrompt = prompt;
          savedState = state;
          settle(result);
          return;
        }
      }
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      restart();
      settle({ stdout: '', stderr: `The shell stopped unexpectedly: ${event.message || 'worker error'}\n`, exitCode: 1 });
    };
    const init: InitMessage = { type: 'init', vm: options.vm ?? DEFAULT_VM, state: savedState };
    if (options.assets) init.assets = options.assets;
    if (options.machine) init.machine = options.machine;
    w.postMessage(init);
    worker = w;
    return w;
  }

  function settle(result: RunResult): void {
    const p = pending;
    if (!p) return;
    clearTimeout(p.timer);
    pending = null;
    p.resolve(result);
  }

  function restart(): void {
    worker?.terminate();
    worker = null;
    ready = false;
    checks.forEach((answer) => answer(false));
    checks.clear();
    // Anyone waiting for the old worker to load finds it gone and gives up.
    readyWaiters.forEach((f) => f());
    readyWaiters = [];
  }

  return {
    run(script) {
      if (pending) {
        return Promise.resolve({ stdout: '', stderr: 'A script is already running. Stop it first.\n', exitCode: 1 });
      }
      ensureWorker();
      const id = nextId++;
      return new Promise<RunResult>((resolve) => {
        const timer = setTimeout(() => {
          restart();
          settle({ stdout: '', stderr: 'The shell did not start in time. Press Run to try again.\n', exitCode: 1 });
        }, startupTimeoutMs);
        pending = { id, script, resolve, timer, owed: 0 };
        startClock();
      });
    },
    async isIncomplete(source) {
      const w = ensureWorker();
      if (!ready) await new Promise<void>((resolve) => readyWaiters.push(resolve));
      if (worker !== w) return false;
      const id = nextId++;
      return new Promise<boolean>((resolve) => {
        checks.set(id, resolve);
        w.postMessage({ type: 'check', id, source });
      });
    },
    prompt: () => currentPrompt,
    setColumns(n) {
      columns = n;
    },
    cancel() {
      if (!pending) return;
      restart();
      settle({ stdout: '', stderr: '^C\n', exitCode: 130 });
    },
    dispose() {
      if (pending) settle({ stdout: '', stderr: '', exitCode: 130 });
      restart();
    },
  };
}
