/**
 * One script run at a time: idle → running → idle, with the last result kept for display.
 * The runner itself is an actor (`runScript`) so tests and other hosts can swap it.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { RunResult } from './protocol';

export interface ScriptRunContext {
  lastScript: string | null;
  result: RunResult | null;
  /** Wall-clock duration of the last run, for the status line. */
  durationMs: number | null;
  startedAt: number | null;
}

export type ScriptRunEvent = { type: 'run.start'; script: string } | { type: 'run.cancel' };

export const scriptRunMachine = setup({
  types: {
    context: {} as ScriptRunContext,
    events: {} as ScriptRunEvent,
  },
  actors: {
    runScript: fromPromise<RunResult, { script: string }>(async () => {
      throw new Error('runScript actor not provided');
    }),
  },
  guards: {
    hasScript: ({ event }) => event.type === 'run.start' && event.script.trim().length > 0,
  },
  actions: {
    // The host provides this; it makes the pending run settle (exit 130), which ends `running`.
    cancelRun: () => {},
    rememberScript: assign({
      lastScript: ({ event }) => (event.type === 'run.start' ? event.script : null),
      startedAt: () => performance.now(),
      result: () => null,
      durationMs: () => null,
    }),
    explainEmpty: assign({
      lastScript: () => '',
      result: () => ({ stdout: '', stderr: 'Nothing to run: the editor is empty. Type a command, then press Run.\n', exitCode: 0 }),
      durationMs: () => 0,
    }),
  },
}).createMachine({
  id: 'scriptRun',
  context: { lastScript: null, result: null, durationMs: null, startedAt: null },
  initial: 'idle',
  states: {
    idle: {
      on: {
        'run.start': [
          { guard: 'hasScript', target: 'running', actions: 'rememberScript' },
          { actions: 'explainEmpty' },
        ],
      },
    },
    running: {
      invoke: {
        src: 'runScript',
        input: ({ context }) => ({ script: context.lastScript ?? '' }),
        onDone: {
          target: 'idle',
          actions: assign({
            result: ({ event }) => event.output,
            durationMs: ({ context }) => (context.startedAt === null ? null : performance.now() - context.startedAt),
          }),
        },
        onError: {
          target: 'idle',
          actions: assign({
            result: ({ event }) => ({
              stdout: '',
              stderr: `The shell failed: ${event.error instanceof Error ? event.error.message : String(event.error)}\n`,
              exitCode: 1,
            }),
          }),
        },
      },
      on: {
        'run.cancel': { actions: 'cancelRun' },
      },
    },
  },
});
