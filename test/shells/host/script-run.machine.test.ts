import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { scriptRunMachine } from '../../../src/shells/host/script-run.machine';
import type { RunResult } from '../../../src/shells/host/protocol';

function start(run: (script: string) => Promise<RunResult>, onCancel = () => {}) {
  const actor = createActor(
    scriptRunMachine.provide({
      actors: { runScript: fromPromise<RunResult, { script: string }>(({ input }) => run(input.script)) },
      actions: { cancelRun: onCancel },
    }),
  );
  actor.start();
  return actor;
}

describe('script-run machine', () => {
  it('runs a script and keeps its result', async () => {
    const actor = start(async (s) => ({ stdout: s.toUpperCase(), stderr: '', exitCode: 0 }));
    actor.send({ type: 'run.start', script: 'echo hi' });
    expect(actor.getSnapshot().matches('running')).toBe(true);
    const done = await waitFor(actor, (s) => s.matches('idle') && s.context.result !== null);
    expect(done.context.result?.stdout).toBe('ECHO HI');
    expect(done.context.lastScript).toBe('echo hi');
    expect(done.context.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each(['', '   ', '\n\t\n'])('explains an empty buffer (%j) without starting the shell', (script) => {
    let called = false;
    const actor = start(async () => {
      called = true;
      return { stdout: '', stderr: '', exitCode: 0 };
    });
    actor.send({ type: 'run.start', script });
    expect(actor.getSnapshot().matches('idle')).toBe(true);
    expect(actor.getSnapshot().context.result?.stderr).toMatch(/Nothing to run/);
    expect(called).toBe(false);
  });

  it('turns a failing runner into a readable result', async () => {
    const actor = start(async () => {
      throw new Error('worker exploded');
    });
    actor.send({ type: 'run.start', script: 'x' });
    const done = await waitFor(actor, (s) => s.matches('idle') && s.context.result !== null);
    expect(done.context.result).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('worker exploded') });
  });

  it('forwards cancel to the host only while running', () => {
    let cancels = 0;
    const actor = start(() => new Promise(() => {}), () => cancels++);
    actor.send({ type: 'run.cancel' });
    expect(cancels).toBe(0);
    actor.send({ type: 'run.start', script: 'sleep 9' });
    actor.send({ type: 'run.cancel' });
    expect(cancels).toBe(1);
  });
});
