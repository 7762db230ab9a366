/**
 * The worker side of the shell protocol, shared by the bash and PowerShell workers: waits for `init`,
 * builds the session with a fetch that travels to the page, then answers `run` and `check`.
 */
import { capOutput } from './output-cap';
import { fromWireError, fromWireResponse, toWireRequest } from './fetch-bridge';
import type { FetchResultMessage, InitMessage, OutputChunk, RunResult, SleepDoneMessage, WorkerInbound, WorkerOutbound } from './protocol';

/** What a worker needs from a shell session. */
export interface WorkerShellSession {
  run(script: string, options: { signal: AbortSignal; onOutput: (chunk: OutputChunk) => void }): Promise<RunResult>;
  prompt(): string;
  isIncomplete(source: string): boolean | Promise<boolean>;
  snapshot(): unknown;
  /** The terminal's width changed (sent with the next run). */
  resize?(columns: number): void;
}

/**
 * The world's clock as the worker knows it: the simulated time the page sent with the last run,
 * carried forward by real time since then.
 */
export type SimulatedClock = () => number;

/** The VM facts a session takes, from the page's init message. */
export function sessionVm(init: InitMessage) {
  const { vmName, computerName, adminUsername, vmId, location } = init.vm;
  return { vmName, computerName, adminUsername, vmId, location };
}

/**
 * Carries on from the state saved before a restart. A state that no longer fits (an older version)
 * is dropped: a fresh login beats a broken one.
 */
export async function restoreOrStartFresh<S>(state: unknown, restore: (state: S) => void | Promise<void>): Promise<void> {
  if (state === undefined || state === null) return;
  try {
    await restore(state as S);
  } catch {
    // start fresh
  }
}

/** Waits `ms` as the page decides (see SleepRequestMessage); aborted with the run. */
export type PageSleep = (ms: number, signal?: AbortSignal) => Promise<void>;
/**
 * Waits for code a command loads on demand; the page's time limit for the run starts over before
 * and after, so loading a chunk on a slow device does not count as the script's own time.
 */
export type LoadingHold = <T>(loading: Promise<T>) => Promise<T>;

export type SessionFactory = (
  init: InitMessage,
  fetch: (request: Request) => Promise<Response>,
  clock: SimulatedClock,
  sleep: PageSleep,
  loading: LoadingHold,
) => Promise<WorkerShellSession>;

interface Port {
  postMessage(message: WorkerOutbound, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerInbound>) => void) | null;
}

export function serveShell(port: Port, createSession: SessionFactory): void {
  let session: WorkerShellSession | null = null;
  let clockBase: { simulated: number; real: number } | null = null;
  const clock: SimulatedClock = () => (clockBase ? clockBase.simulated + (Date.now() - clockBase.real) : Date.now());
  let nextFetchId = 1;
  const fetches = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();

  const fetchThroughPage = async (request: Request): Promise<Response> => {
    const id = nextFetchId++;
    const wire = await toWireRequest(request);
    return new Promise<Response>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      signal?.addEventListener('abort', () => {
        fetches.delete(id);
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      });
      fetches.set(id, { resolve, reject });
      port.postMessage({ type: 'fetch', id, request: wire });
    });
  };

  let nextSleepId = 1;
  const sleeps = new Map<number, () => void>();
  const sleepThroughPage: PageSleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      const id = nextSleepId++;
      sleeps.set(id, resolve);
      signal?.addEventListener('abort', () => {
        sleeps.delete(id);
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      });
      port.postMessage({ type: 'sleep', id, ms: Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0 });
    });

  function settleSleep(msg: SleepDoneMessage): void {
    const wake = sleeps.get(msg.id);
    if (!wake) return;
    sleeps.delete(msg.id);
    // The page moved the world's clock: `date` / Get-Date after the sleep must show it.
    if (typeof msg.clockMs === 'number' && Number.isFinite(msg.clockMs)) clockBase = { simulated: msg.clockMs, real: Date.now() };
    wake();
  }
  const holdWhileLoading: LoadingHold = async (loading) => {
    port.postMessage({ type: 'loading' });
    try {
      return await loading;
    } finally {
      port.postMessage({ type: 'loading' });
    }
  };

  function settleFetch(msg: FetchResultMessage): void {
    const pending = fetches.get(msg.id);
    if (!pending) return;
    fetches.delete(msg.id);
    if (msg.response) pending.resolve(fromWireResponse(msg.response));
    else pending.reject(fromWireError(msg.error ?? { code: 'EUNKNOWN', message: 'fetch failed' }));
  }

  port.onmessage = async (event) => {
    const msg = event.data;
    switch (msg.type) {
      case 'init':
        try {
          session = await createSession(msg, fetchThroughPage, clock, sleepThroughPage, holdWhileLoading);
          port.postMessage({ type: 'ready', prompt: session.prompt() });
        } catch (error) {
          port.postMessage({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) });
        }
        return;
      case 'fetch-result':
        settleFetch(msg);
        return;
      case 'sleep-done':
        settleSleep(msg);
        return;
      case 'check': {
        let incomplete = false;
        try {
          incomplete = session ? await session.isIncomplete(msg.source) : false;
        } catch {
          incomplete = false;
        }
        port.postMessage({ type: 'checked', id: msg.id, incomplete });
        return;
      }
      case 'run': {
        if (!session) return;
        if (typeof msg.clockMs === 'number' && Number.isFinite(msg.clockMs)) clockBase = { simulated: msg.clockMs, real: Date.now() };
        if (typeof msg.columns === 'number' && Number.isInteger(msg.columns) && msg.columns >= 20) session.resize?.(msg.columns);
        const controller = new AbortController();
        let result: RunResult;
        const chunks: OutputChunk[] = [];
        const onOutput = (chunk: OutputChunk) => {
          const last = chunks[chunks.length - 1];
          if (last && last.stream === chunk.stream) last.text += chunk.text;
          else chunks.push({ ...chunk });
        };
        try {
          const raw = await session.run(msg.script, { signal: controller.signal, onOutput });
          result = capOutput(raw);
          // The order is only worth sending when it says more than "stdout, then stderr" and adds up.
          const ordered = chunks.length > 1 && !result.truncated && chunks.map((c) => c.text).join('').length === raw.stdout.length + raw.stderr.length;
          if (ordered) result = { ...result, chunks };
        } catch (error) {
          // Sessions report script errors in stderr; anything thrown is a failure of the shell itself.
          result = { stdout: '', stderr: `internal error: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
        }
        port.postMessage({ type: 'result', id: msg.id, ...result, prompt: session.prompt(), state: await safeSnapshot(session) });
        return;
      }
    }
  };
}

async function safeSnapshot(session: WorkerShellSession): Promise<unknown> {
  try {
    return await session.snapshot();
  } catch {
    return undefined;
  }
}
