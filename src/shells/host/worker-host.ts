/**
 * Runs scripts in a worker and guarantees an answer: if the worker does not reply within the time
 * limit (plus a grace period for its own limits to fire), it is terminated and replaced, and the
 * caller gets a clear "stopped" result. The page never waits on a runaway script.
 */
import { SCRIPT_TIME_LIMIT_MS, type RunResult, type WorkerInbound, type WorkerOutbound } from './protocol';

/** The slice of the Worker API the host uses, so tests can supply a fake. */
export interface WorkerLike {
  postMessage(message: WorkerInbound): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerOutbound>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerHostOptions {
  createWorker: () => WorkerLike;
  timeLimitMs?: number;
  /** Extra time for the worker's own, more precise limit to answer before the host steps in. */
  graceMs?: number;
  /**
   * How long a new worker may take to load before the run fails. Loading is not the script's time:
   * the interpreter chunk is large and a cold dev server compiles it on first use.
   */
  startupTimeoutMs?: number;
}

export interface WorkerHost {
  run(script: string): Promise<RunResult>;
  /** Stops the running script (Ctrl+C / Stop button); resolves its run() with exit code 130. */
  cancel(): void;
  dispose(): void;
}

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const timeLimitMs = options.timeLimitMs ?? SCRIPT_TIME_LIMIT_MS;
  const graceMs = options.graceMs ?? 500;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  let worker: WorkerLike | null = null;
  let ready = false;
  let nextId = 1;
  let pending: {
    id: number;
    script: string;
    resolve: (r: RunResult) => void;
    timer: ReturnType<typeof setTimeout>;
  } | null = null;

  function startClock(): void {
    const p = pending;
    if (!p || !worker) return;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      restart();
      settle({
        stdout: '',
        stderr: `Stopped: the script ran for more than ${timeLimitMs / 1000} seconds. The shell was restarted.\n`,
        exitCode: 124,
        limitHit: 'time',
      });
    }, timeLimitMs + graceMs);
    worker.postMessage({ type: 'run', id: p.id, script: p.script });
  }

  function ensureWorker(): WorkerLike {
    if (worker) return worker;
    const w = options.createWorker();
    ready = false;
    w.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === 'ready') {
        ready = true;
        startClock();
        return;
      }
      if (msg.type !== 'result' || !pending || msg.id !== pending.id) return;
      const { type: _t, id: _i, ...result } = msg;
      settle(result);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      restart();
      settle({ stdout: '', stderr: `The shell stopped unexpectedly: ${event.message || 'worker error'}\n`, exitCode: 1 });
    };
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
        pending = { id, script, resolve, timer };
        if (ready) startClock();
      });
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
