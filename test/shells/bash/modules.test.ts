import { defineCommand } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { createBashEngine, createBashSession, curlModule, stdoutIsTerminal, type BashModule } from '../../../src/shells/bash';
import { fakeCloud, steppingClock, VM } from './fake-cloud';

const echoModule = (name: string, text: string): BashModule => ({
  name,
  commands: () => [defineCommand(name === 'tty' ? 'ttycheck' : 'hello', async (_args, ctx) => ({ stdout: `${text} ${stdoutIsTerminal(ctx.env)}\n`, stderr: '', exitCode: 0 }))],
  ...(name === 'tty' ? { terminalAware: ['ttycheck'] } : {}),
});

describe('bash registration point', () => {
  it('a bare engine has no curl until the curl module is registered', async () => {
    const engine = createBashEngine({ vm: VM, fetch: fakeCloud().fetch, now: steppingClock() });
    expect((await engine.run('curl -s http://169.254.169.254/')).stdout).toBe('');
    engine.use(curlModule);
    const r = await engine.run('curl -s -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01" | head -c 1');
    expect(r.stdout).toBe('{');
  });

  it('a later module replaces an earlier command of the same name, and survives a restore', async () => {
    const session = createBashSession({ vm: VM, fetch: fakeCloud().fetch, now: steppingClock(), modules: [echoModule('a', 'first')] });
    session.use(echoModule('b', 'second'));
    expect((await session.run('hello')).stdout).toBe('second false\n');
    await session.restore(await session.snapshot());
    expect((await session.run('hello')).stdout).toBe('second false\n');
  });

  it('marks a terminal-aware command whose stdout is the terminal, not when piped', async () => {
    const session = createBashSession({ vm: VM, fetch: fakeCloud().fetch, now: steppingClock(), modules: [echoModule('tty', 'tty')] });
    expect((await session.run('ttycheck')).stdout).toBe('tty true\n');
    expect((await session.run('ttycheck | cat')).stdout).toBe('tty false\n');
  });

  it('rejects something that is not a module', () => {
    const engine = createBashEngine({ vm: VM, fetch: fakeCloud().fetch });
    expect(() => engine.use({} as BashModule)).toThrow('use(module): a module needs a name');
  });
});
