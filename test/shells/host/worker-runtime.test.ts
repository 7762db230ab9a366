import { describe, expect, it } from 'vitest';
import { serveShell, type WorkerShellSession } from '../../../src/shells/host/worker-runtime';
import { toWireResponse } from '../../../src/shells/host/fetch-bridge';
import type { WorkerInbound, WorkerOutbound } from '../../../src/shells/host/protocol';

const VM = { vmName: 'myLinuxVM', computerName: 'myLinuxVM', adminUsername: 'azureuser', vmId: 'id', location: 'eastus', osType: 'Linux' as const };

function port() {
  const sent: WorkerOutbound[] = [];
  const p = {
    onmessage: null as ((event: MessageEvent<WorkerInbound>) => void) | null,
    postMessage: (m: WorkerOutbound) => void sent.push(m),
    send: async (m: WorkerInbound) => {
      await p.onmessage?.({ data: m } as MessageEvent<WorkerInbound>);
    },
    sent,
    next: async (type: WorkerOutbound['type']) => {
      for (let i = 0; i < 50; i++) {
        const found = sent.find((m) => m.type === type);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 0));
      }
      throw new Error(`no ${type} message`);
    },
  };
  return p;
}

describe('serveShell', () => {
  it('initialises the session, runs scripts with capped output and reports prompt and state', async () => {
    const p = port();
    let runs = 0;
    serveShell(p, async (init) => {
      const session: WorkerShellSession = {
        run: async (script) => ({ stdout: script === 'flood' ? 'x'.repeat(2_000_000) : `hi ${init.vm.vmName}\n`, stderr: '', exitCode: 0 }),
        prompt: () => `p${runs}> `,
        isIncomplete: (s) => s.endsWith('{'),
        snapshot: () => ({ runs: ++runs }),
      };
      return session;
    });
    await p.send({ type: 'init', vm: VM });
    expect(await p.next('ready')).toEqual({ type: 'ready', prompt: 'p0> ' });
    await p.send({ type: 'run', id: 1, script: 'echo' });
    expect(await p.next('result')).toEqual({ type: 'result', id: 1, stdout: 'hi myLinuxVM\n', stderr: '', exitCode: 0, prompt: 'p0> ', state: { runs: 1 } });
    p.sent.length = 0;
    await p.send({ type: 'run', id: 2, script: 'flood' });
    const flood = await p.next('result');
    expect(flood).toMatchObject({ truncated: true, stderr: expect.stringMatching(/output truncated/) });
    p.sent.length = 0;
    await p.send({ type: 'check', id: 3, source: 'if x {' });
    expect(await p.next('checked')).toEqual({ type: 'checked', id: 3, incomplete: true });
  });

  it('reports a session that cannot start, and a session that throws', async () => {
    const failing = port();
    serveShell(failing, async () => {
      throw new Error('no grammar');
    });
    await failing.send({ type: 'init', vm: VM });
    expect(await failing.next('init-failed')).toEqual({ type: 'init-failed', message: 'no grammar' });

    const throwing = port();
    serveShell(throwing, async () => ({
      run: async () => {
        throw new Error('kaboom');
      },
      prompt: () => '> ',
      isIncomplete: () => false,
      snapshot: () => null,
    }));
    await throwing.send({ type: 'init', vm: VM });
    await throwing.send({ type: 'run', id: 1, script: 'x' });
    expect(await throwing.next('result')).toMatchObject({ exitCode: 1, stderr: 'internal error: kaboom\n' });
  });

  it('sends HTTP requests to the page and hands back responses and network errors', async () => {
    const p = port();
    let fetchFn: ((r: Request) => Promise<Response>) | null = null;
    serveShell(p, async (_init, fetch) => {
      fetchFn = fetch;
      return { run: async () => ({ stdout: '', stderr: '', exitCode: 0 }), prompt: () => '', isIncomplete: () => false, snapshot: () => null };
    });
    await p.send({ type: 'init', vm: VM });
    await p.next('ready');
    const ok = fetchFn!(new Request('http://169.254.169.254/metadata/instance?api-version=2021-02-01', { headers: { Metadata: 'true' } }));
    const req = await p.next('fetch');
    if (req.type !== 'fetch') throw new Error();
    expect(req.request).toMatchObject({ method: 'GET', url: 'http://169.254.169.254/metadata/instance?api-version=2021-02-01', body: null });
    await p.send({ type: 'fetch-result', id: req.id, response: await toWireResponse(new Response('{"compute":{}}', { status: 200 })) });
    expect(await (await ok).text()).toBe('{"compute":{}}');

    p.sent.length = 0;
    const bad = fetchFn!(new Request('https://nowhere.example/'));
    const req2 = await p.next('fetch');
    if (req2.type !== 'fetch') throw new Error();
    await p.send({ type: 'fetch-result', id: req2.id, error: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.example' } });
    await expect(bad).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.example' });
  });
});

describe('simulated clock in the worker', () => {
  it('follows the time the page sends with each run, carried forward by real time', async () => {
    const p = port();
    let clock: (() => number) | null = null;
    serveShell(p, async (_init, _fetch, c) => {
      clock = c;
      return { run: async () => ({ stdout: String(c()), stderr: '', exitCode: 0 }), prompt: () => '', isIncomplete: () => false, snapshot: () => null };
    });
    await p.send({ type: 'init', vm: VM });
    const day = Date.UTC(2030, 0, 1);
    await p.send({ type: 'run', id: 1, script: 'date', clockMs: day });
    const result = await p.next('result');
    if (result.type !== 'result') throw new Error();
    expect(Number(result.stdout)).toBeGreaterThanOrEqual(day);
    expect(Number(result.stdout)).toBeLessThan(day + 1000);
    expect(clock!()).toBeLessThan(day + 1000);
  });
});

describe('terminal width', () => {
  it('reaches shells that format to it, with the next run; nonsense widths are ignored', async () => {
    const p = port();
    const widths: number[] = [];
    serveShell(p, async () => ({
      run: async () => ({ stdout: '', stderr: '', exitCode: 0 }),
      prompt: () => '',
      isIncomplete: () => false,
      snapshot: () => null,
      resize: (n) => void widths.push(n),
    }));
    await p.send({ type: 'init', vm: VM });
    await p.send({ type: 'run', id: 1, script: 'x', columns: 64 });
    await p.send({ type: 'run', id: 2, script: 'x', columns: -3 });
    await p.send({ type: 'run', id: 3, script: 'x', columns: 1.5 });
    expect(widths).toEqual([64]);
  });
});

describe('sleep in the worker', () => {
  it('asks the page to let the time pass, and the clock then reads the time the page sent', async () => {
    const p = port();
    let sleep: ((ms: number) => Promise<void>) | null = null;
    let clock: (() => number) | null = null;
    serveShell(p, async (_init, _fetch, c, s) => {
      sleep = s;
      clock = c;
      return { run: async () => ({ stdout: '', stderr: '', exitCode: 0 }), prompt: () => '', isIncomplete: () => false, snapshot: () => null };
    });
    await p.send({ type: 'init', vm: VM });
    await p.next('ready');
    let woke = false;
    const done = sleep!(2500.4).then(() => (woke = true));
    const asked = await p.next('sleep');
    expect(asked).toEqual({ type: 'sleep', id: 1, ms: 2500 });
    expect(woke).toBe(false);
    const later = Date.UTC(2031, 5, 1);
    await p.send({ type: 'sleep-done', id: 1, clockMs: later });
    await done;
    expect(clock!()).toBeGreaterThanOrEqual(later);
    expect(clock!()).toBeLessThan(later + 1000);
  });

  it('a sleep stopped with its run rejects, and a late answer is ignored', async () => {
    const p = port();
    let sleep: ((ms: number, signal?: AbortSignal) => Promise<void>) | null = null;
    serveShell(p, async (_i, _f, _c, s) => {
      sleep = s;
      return { run: async () => ({ stdout: '', stderr: '', exitCode: 0 }), prompt: () => '', isIncomplete: () => false, snapshot: () => null };
    });
    await p.send({ type: 'init', vm: VM });
    await p.next('ready');
    const stop = new AbortController();
    const pending = sleep!(1000, stop.signal);
    stop.abort();
    await expect(pending).rejects.toBeDefined();
    await p.send({ type: 'sleep-done', id: 1, clockMs: 5 });
  });
});
