import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerHost, type WorkerLike } from '../../../src/shells/host/worker-host';
import type { RunResult, WorkerInbound, WorkerOutbound } from '../../../src/shells/host/protocol';

/**
 * A fake worker that announces itself ready (unless `manualReady`) and answers each run with
 * `respond(script)`, or never when it returns null.
 */
function fakeWorker(respond: (script: string) => RunResult | null, { manualReady = false } = {}) {
  const created: FakeWorker[] = [];
  class FakeWorker implements WorkerLike {
    onmessage: ((event: MessageEvent<WorkerOutbound>) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    terminated = false;
    received: WorkerInbound[] = [];
    constructor() {
      if (!manualReady) queueMicrotask(() => this.announceReady());
    }
    announceReady() {
      this.onmessage?.({ data: { type: 'ready' } } as MessageEvent<WorkerOutbound>);
    }
    postMessage(message: WorkerInbound) {
      this.received.push(message);
      const result = respond(message.script);
      if (!result) return;
      queueMicrotask(() => this.onmessage?.({ data: { type: 'result', id: message.id, ...result } } as MessageEvent<WorkerOutbound>));
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

  it('returns the worker result and reuses one worker across runs', async () => {
    const fw = fakeWorker((s) => ({ stdout: `ran ${s}\n`, stderr: '', exitCode: 0 }));
    const host = createWorkerHost({ createWorker: fw.createWorker });
    await expect(host.run('a')).resolves.toEqual({ stdout: 'ran a\n', stderr: '', exitCode: 0 });
    await expect(host.run('b')).resolves.toMatchObject({ stdout: 'ran b\n' });
    expect(fw.created).toHaveLength(1);
  });

  it('terminates a worker that outlives the time limit and starts a fresh one next time', async () => {
    const fw = fakeWorker((s) => (s === 'hang' ? null : { stdout: 'ok\n', stderr: '', exitCode: 0 }));
    const host = createWorkerHost({ createWorker: fw.createWorker, timeLimitMs: 2000, graceMs: 500 });
    const pending = host.run('hang');
    await vi.advanceTimersByTimeAsync(2499);
    expect(fw.created[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.exitCode).toBe(124);
    expect(result.limitHit).toBe('time');
    expect(result.stderr).toMatch(/more than 2 seconds/);
    expect(fw.created[0]?.terminated).toBe(true);
    await expect(host.run('next')).resolves.toMatchObject({ stdout: 'ok\n' });
    expect(fw.created).toHaveLength(2);
  });

  it("does not count the worker's loading time against the script", async () => {
    const fw = fakeWorker(() => null, { manualReady: true });
    const host = createWorkerHost({ createWorker: fw.createWorker, timeLimitMs: 2000, graceMs: 500, startupTimeoutMs: 60_000 });
    const pending = host.run('slow start');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fw.created[0]?.received).toEqual([]);
    expect(fw.created[0]?.terminated).toBe(false);
    fw.created[0]?.announceReady();
    expect(fw.created[0]?.received).toEqual([{ type: 'run', id: 1, script: 'slow start' }]);
    await vi.advanceTimersByTimeAsync(2500);
    await expect(pending).resolves.toMatchObject({ exitCode: 124, limitHit: 'time' });
  });

  it('gives up with a clear message when the worker never loads', async () => {
    const fw = fakeWorker(() => null, { manualReady: true });
    const host = createWorkerHost({ createWorker: fw.createWorker, startupTimeoutMs: 30_000 });
    const pending = host.run('x');
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(pending).resolves.toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/did not start/) });
    expect(fw.created[0]?.terminated).toBe(true);
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
});
