import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerHost, type WorkerLike } from '../../../src/shells/host/worker-host';
import { fromWireResponse, toWireRequest } from '../../../src/shells/host/fetch-bridge';
import type { RunResult, WorkerInbound, WorkerOutbound } from '../../../src/shells/host/protocol';

interface FakeOptions {
  /** Don't answer `init` until the test calls announceReady(). */
  manualReady?: boolean;
}

/**
 * A fake worker that answers `init` with ready and each run with `respond(script)`, or never when it
 * returns null. Its state is the list of scripts it has run, to check restore after a restart.
 */
function fakeWorker(respond: (script: string) => RunResult | null | Promise<RunResult | null>, { manualReady = false }: FakeOptions = {}) {
  const created: FakeWorker[] = [];
  class FakeWorker implements WorkerLike {
    onmessage: ((event: MessageEvent<WorkerOutbound>) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    terminated = false;
    received: WorkerInbound[] = [];
    history: string[] = [];
    fetchAnswers = new Map<number, (msg: WorkerInbound) => void>();
    emit(msg: WorkerOutbound) {
      this.onmessage?.({ data: msg } as MessageEvent<WorkerOutbound>);
    }
    announceReady() {
      this.emit({ type: 'ready', prompt: `$${this.history.length} ` });
    }
    /** Sends a fetch through the page, the way worker-runtime does. */
    async fetch(request: Request): Promise<WorkerInbound> {
      const id = this.fetchAnswers.size + 1;
      const answer = new Promise<WorkerInbound>((resolve) => this.fetchAnswers.set(id, resolve));
      this.emit({ type: 'fetch', id, request: await toWireRequest(request) });
      return answer;
    }
    postMessage(message: WorkerInbound) {
      this.received.push(message);
      if (message.type === 'init') {
        this.history = Array.isArray(message.state) ? [...(message.state as string[])] : [];
        if (!manualReady) queueMicrotask(() => this.announceReady());
      }
      if (message.type === 'fetch-result') this.fetchAnswers.get(message.id)?.(message);
      if (message.type === 'check') queueMicrotask(() => this.emit({ type: 'checked', id: message.id, incomplete: message.source.endsWith('\\') }));
      if (message.type === 'run') {
        void Promise.resolve(respond(message.script)).then((result) => {
          if (!result || this.terminated) return;
          this.history.push(message.script);
          this.emit({ type: 'result', id: message.id, ...result, prompt: `$${this.history.length} `, state: [...this.history] });
        });
      }
    }
    terminate() {
      this.terminated = true;
    }
  }
  return {
    created,
    createWorker: () => {
      const w = new FakeWorker();
      created.push(w);
      return w;
    },
  };
}

describe('worker host', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns the worker result, tracks the prompt and reuses one worker across runs', async () => {
    const fw = fakeWorker((s) => ({ stdout: `ran ${s}\n`, stderr: '', exitCode: 0 }));
    const host = createWorkerHost({ createWorker: fw.createWorker });
    await expect(host.run('a')).resolves.toEqual({ stdout: 'ran a\n', stderr: '', exitCode: 0 });
    expect(host.prompt()).toBe('$1 ');
    await expect(host.run('b')).resolves.toMatchObject({ stdout: 'ran b\n' });
    expect(host.prompt()).toBe('$2 ');
    expect(fw.created).toHaveLength(1);
  });

  it('terminates a worker that outlives the time limit; the next one starts from the saved state', async () => {
    const fw = fakeWorker((s) => (s === 'hang' ? null : { stdout: 'ok\n', stderr: '', exitCode: 0 }));
    const host = createWorkerHost({ createWorker: fw.createWorker, timeLimitMs: 2000, graceMs: 500 });
    await host.run('x=1');
    const pending = host.run('hang');
    await vi.advanceTimersByTimeAsync(2499);
    expect(fw.created[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result).toMatchObject({ exitCode: 124, limitHit: 'time', stderr: expect.stringMatching(/more than 2 seconds/) });
    expect(fw.created[0]?.terminated).toBe(true);
    await expect(host.run('next')).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(fw.created).toHaveLength(2);
    expect(fw.created[1]?.received[0]).toMatchObject({ type: 'init', state: ['x=1'] });
  });

  it("does not count the worker's loading time against the script", async () => {
    const fw = fakeWorker(() => null, { manualReady: true });
    const host = createWorkerHost({ createWorker: fw.createWorker, timeLimitMs: 2000, graceMs: 500, startupTimeoutMs: 60_000 });
    const pending = host.run('slow start');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fw.created[0]?.received.map((m) => m.type)).toEqual(['init']);
    expect(fw.created[0]?.terminated).toBe(false);
    fw.created[0]?.announceReady();
    expect(fw.created[0]?.received.at(-1)).toEqual({ type: 'run', id: 1, script: 'slow start' });
    await vi.advanceTimersByTimeAsync(2500);
    await expect(pending).resolves.toMatchObject({ exitCode: 124, limitHit: 'time' });
  });

  it("stops its clock while the page answers the worker's requests, then gives the worker a full limit again", async () => {
    const fw = fakeWorker(() => null);
    let answer: (r: Response) => void = () => undefined;
    const host = createWorkerHost({ createWorker: fw.createWorker, timeLimitMs: 2000, graceMs: 500, fetch: () => new Promise((resolve) => (answer = resolve)) });
    const pending = host.run('curl on a loaded machine');
    await vi.advanceTimersByTimeAsync(2000);
    const w = fw.created[0]!;
    const reply = w.fetch(new Request('http://169.254.169.254/metadata/instance?api-version=2021-02-01'));
    // The page takes 10 s to answer (a loaded machine): that is not the script's time.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.terminated).toBe(false);
    answer(new Response('{}'));
    await reply;
    // Answered: a worker that then stays silent for the whole limit is stopped as before.
    await vi.advanceTimersByTimeAsync(2499);
    expect(w.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ exitCode: 124, limitHit: 'time' });
    expect(w.terminated).toBe(true);
  });

  it('gives up with a clear message when the worker never loads', async () => {
    const fw = fakeWorker(() => null, { manualReady: true });
    const host = createWorkerHost({ createWorker: fw.createWorker, startupTimeoutMs: 30_000 });
    const pending = host.run('x');
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(pending).resolves.toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/did not start/) });
    expect(fw.created[0]?.terminated).toBe(true);
  });

  it('reports a shell that fails to initialise', async () => {
    const fw = fakeWorker(() => null, { manualReady: true });
    const host = createWorkerHost({ createWorker: fw.createWorker });
    const pending = host.run('x');
    fw.created[0]?.emit({ type: 'init-failed', message: 'grammar missing' });
    await expect(pending).resolves.toMatchObject({ exitCode: 1, stderr: 'The shell could not start: grammar missing\n' });
  });

  it('cancel settles the running script with exit code 130 and replaces the worker', async () => {
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({ createWorker: fw.createWorker });
    const pending = host.run('sleep 100');
    host.cancel();
    await expect(pending).resolves.toMatchObject({ exitCode: 130, stderr: '^C\n' });
    expect(fw.created[0]?.terminated).toBe(true);
  });

  it('refuses a second run while one is in flight instead of queueing silently', async () => {
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({ createWorker: fw.createWorker });
    void host.run('first');
    await expect(host.run('second')).resolves.toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/already running/) });
    host.dispose();
  });

  it('reports a crashed worker as a failed run', async () => {
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({ createWorker: fw.createWorker });
    const pending = host.run('x');
    fw.created[0]?.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    await expect(pending).resolves.toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/stopped unexpectedly: boom/) });
  });

  it("asks the worker's parser whether input is complete", async () => {
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({ createWorker: fw.createWorker });
    await expect(host.isIncomplete('echo a \\')).resolves.toBe(true);
    await expect(host.isIncomplete('echo a')).resolves.toBe(false);
  });

  it('carries the worker’s requests to the given fetch and the answers back', async () => {
    vi.useRealTimers();
    const seen: Request[] = [];
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({
      createWorker: fw.createWorker,
      fetch: async (request) => {
        seen.push(request);
        return new Response('{"ok":true}', { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8' } });
      },
    });
    void host.run('curl');
    await new Promise((r) => setTimeout(r, 0));
    const w = fw.created[0]!;
    const answer = await w.fetch(new Request('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01', { headers: { Metadata: 'true' } }));
    expect(seen[0]?.url).toBe('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01');
    expect(seen[0]?.headers.get('metadata')).toBe('true');
    if (answer.type !== 'fetch-result' || !answer.response) throw new Error('expected a response');
    const response = fromWireResponse(answer.response);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe('{"ok":true}');
    host.dispose();
  });

  it('turns an unknown host into an ENOTFOUND error for the shell to print', async () => {
    vi.useRealTimers();
    const fw = fakeWorker(() => null);
    const host = createWorkerHost({ createWorker: fw.createWorker });
    void host.run('curl');
    await new Promise((r) => setTimeout(r, 0));
    const answer = await fw.created[0]!.fetch(new Request('https://management.azure.com/'));
    expect(answer).toMatchObject({ type: 'fetch-result', error: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND management.azure.com' } });
    host.dispose();
  });
});

describe('sleep through the page', () => {
  it('a sleep moves the simulated clock the host was given and wakes the worker with the new time', async () => {
    const fw = fakeWorker(() => null);
    let now = Date.UTC(2030, 0, 1);
    const host = createWorkerHost({ createWorker: fw.createWorker, clock: () => now, sleep: (ms) => (now += ms) });
    void host.run('sleep 30');
    await vi.waitFor(() => expect(fw.created[0]?.received.some((m) => m.type === 'run')).toBe(true));
    fw.created[0]!.emit({ type: 'sleep', id: 7, ms: 30_000 });
    await vi.waitFor(() => expect(fw.created[0]!.received.find((m) => m.type === 'sleep-done')).toEqual({ type: 'sleep-done', id: 7, clockMs: Date.UTC(2030, 0, 1) + 30_000 }));
    host.dispose();
  });

  it('without a simulated clock a sleep waits real time (the stand-in VM)', async () => {
    vi.useFakeTimers();
    try {
      const fw = fakeWorker(() => null);
      const host = createWorkerHost({ createWorker: fw.createWorker });
      void host.run('sleep 1');
      await vi.waitFor(() => expect(fw.created[0]?.received.some((m) => m.type === 'run')).toBe(true));
      fw.created[0]!.emit({ type: 'sleep', id: 1, ms: 1000 });
      await vi.advanceTimersByTimeAsync(999);
      expect(fw.created[0]!.received.some((m) => m.type === 'sleep-done')).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(fw.created[0]!.received.find((m) => m.type === 'sleep-done')).toEqual({ type: 'sleep-done', id: 1 });
      host.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
