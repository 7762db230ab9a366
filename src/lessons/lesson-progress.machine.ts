/**
 * One lesson in progress: which steps are locked, active or done; completion detected on every
 * world change and request-log entry; the help ladder (nudge → hint → show command → solve);
 * undoable solve that keeps the learner's own attempt; reset step, reset lesson, undo last action.
 *
 * Side effects are actors the host provides (`machine.provide({ actors })`): `performSolve` does
 * a step's solution (portal actions through ARM, commands in the VM's shell) and returns a restore
 * point taken before it; `restoreWorld` puts a world back (a restore point, a step's start, the
 * lesson's start). The machine never holds a World: events carry the world and log to judge.
 */
import { assign, fromPromise, setup } from 'xstate';
import { evaluateChecks, type CheckResult } from './checks/index';
import type { RequestLogEntry } from './checks/types';
import { hintFor, hintForRun, type ShellRun } from './hint-rules';
import { lineDiff, type DiffLine } from './line-diff';
import { placeholderValues } from './placeholders';
import { completeStep, freshSteps, helpRank, progressOf, restoreSteps, type HelpLevel, type LessonProgress, type StepProgress } from './progress-model';
import { showSolution, type ShownSolution } from './solution';
import type { World } from '../sim/index';
import type { CompiledLesson, CompiledStep } from './types';

/** How many learner actions "undo last action" can go back. */
export const UNDO_LIMIT = 20;

export type RestoreRequest =
  | { kind: 'restorePoint'; restorePoint: unknown }
  | { kind: 'stepStart'; stepIndex: number }
  | { kind: 'lessonStart' };

export interface SolveInput {
  lesson: CompiledLesson;
  stepIndex: number;
  step: CompiledStep;
}

export interface SolveOutput {
  /** Whatever the host needs to put the world back as it was before the solve. */
  restorePoint: unknown;
}

/** A request for the UI to set the editor's text (the counter tells repeated requests apart). */
export interface EditorFill {
  text: string;
  reason: 'showCommand' | 'undoSolve';
  seq: number;
}

export interface LessonProgressContext {
  lesson: CompiledLesson;
  steps: StepProgress[];
  /** The step being viewed. */
  current: number;
  /** Per step: log entries with a greater seq count for it (set when the step opens or resets). */
  logFrom: number[];
  /** Highest log seq seen in any event. */
  seenSeq: number;
  /** The current step's checks as last evaluated. */
  results: CheckResult[];
  /** A hint triggered by the request log (hint rules), if any. */
  ruleHint: string | null;
  /** The newest log seq when the hint was given: a request after it may make the hint stale. */
  ruleHintSeq: number;
  /** After "show command": the commands and portal instructions, filled for this world. */
  shown: ShownSolution | null;
  editorFill: EditorFill | null;
  /** The last solve, kept so it can be undone and compared. */
  solve: {
    stepIndex: number;
    attempt: string;
    diff: DiffLine[];
    restorePoint: unknown;
    stepsBefore: StepProgress[];
    currentBefore: number;
  } | null;
  undo: { restorePoint: unknown; label: string }[];
  /** Per step: its start world has been set up in this session (own-start steps get it once). */
  started: boolean[];
  /** The last side effect that failed, in words. */
  error: string | null;
}

interface Judged {
  world: World;
  log: readonly RequestLogEntry[];
}

export type LessonProgressEvent =
  | ({ type: 'world.changed' } & Judged)
  | ({ type: 'log.appended' } & Judged)
  /** A learner's command finished in the VM's shell (for hint rules on output; never for checks). */
  | ({ type: 'shell.ran'; world: World } & ShellRun)
  | { type: 'help.nudge' }
  | { type: 'help.hint' }
  | { type: 'help.showCommand'; world: World }
  | { type: 'help.solve'; editorText: string }
  | { type: 'solve.undo' }
  | { type: 'step.goto'; index: number }
  | { type: 'step.next' }
  | { type: 'step.reset' }
  | { type: 'lesson.reset' }
  | { type: 'action.record'; restorePoint: unknown; label: string }
  | { type: 'action.undo' };

export interface LessonProgressInput {
  lesson: CompiledLesson;
  progress?: LessonProgress;
  /** The request log's newest seq when the lesson opens: older entries never count. */
  logSeq?: number;
}

const raiseHelp = (steps: readonly StepProgress[], i: number, level: HelpLevel): StepProgress[] =>
  steps.map((s, j) => (j === i && helpRank(level) > helpRank(s.help) ? { ...s, help: level } : s));

const maxSeq = (log: readonly RequestLogEntry[], seen: number) => log.reduce((m, e) => (e.seq > m ? e.seq : m), seen);

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const lessonProgressMachine = setup({
  types: {
    context: {} as LessonProgressContext,
    events: {} as LessonProgressEvent,
    input: {} as LessonProgressInput,
  },
  actors: {
    performSolve: fromPromise<SolveOutput, SolveInput>(async () => {
      throw new Error('performSolve actor not provided');
    }),
    restoreWorld: fromPromise<void, RestoreRequest>(async () => {
      throw new Error('restoreWorld actor not provided');
    }),
  },
  guards: {
    currentActive: ({ context }) => context.steps[context.current]?.status === 'active',
    canHint: ({ context }) => helpRank(context.steps[context.current]?.help ?? 'none') >= helpRank('nudge'),
    canShowCommand: ({ context }) => helpRank(context.steps[context.current]?.help ?? 'none') >= helpRank('hint'),
    canSolve: ({ context }) =>
      context.steps[context.current]?.status === 'active' && helpRank(context.steps[context.current]?.help ?? 'none') >= helpRank('command'),
    hasSolveToUndo: ({ context }) => context.solve !== null && context.solve.restorePoint !== undefined,
    hasUndo: ({ context }) => context.undo.length > 0,
    canGoto: ({ context, event }) =>
      event.type === 'step.goto' && Number.isInteger(event.index) && context.steps[event.index] !== undefined && context.steps[event.index]!.status !== 'locked',
    canGoNext: ({ context }) => context.steps[context.current + 1] !== undefined && context.steps[context.current + 1]!.status !== 'locked',
  },
  actions: {
    judge: assign(({ context, event }) => {
      if (event.type !== 'world.changed' && event.type !== 'log.appended') return {};
      const seenSeq = maxSeq(event.log, context.seenSeq);
      const i = context.current;
      const step = context.lesson.steps[i];
      if (!step) return { seenSeq };
      const from = context.logFrom[i] ?? 0;
      const entries = event.log.filter((e) => e.seq > from);
      const values = placeholderValues(event.world, context.lesson.vm);
      const rules = [...step.hintRules, ...context.lesson.hintRules];
      // The newest request that a rule has something to say about, and what it says.
      const newest = (from: readonly RequestLogEntry[]) => {
        for (let k = from.length - 1; k >= 0; k--) {
          const say = hintFor(rules, [from[k]!], values);
          if (say) return { ruleHint: say, ruleHintSeq: from[k]!.seq };
        }
        return null;
      };
      // Hints help on a finished step too (a learner experimenting after the tick), but only about
      // requests made since: the mistakes that led up to the tick are behind them.
      if (context.steps[i]?.status !== 'active') {
        return { seenSeq, ...newest(entries.filter((e) => e.seq > context.seenSeq)) };
      }
      const hint = newest(entries) ?? { ruleHint: context.ruleHint, ruleHintSeq: context.ruleHintSeq };
      const { passed, results } = evaluateChecks(step.checks, { world: event.world, log: entries, values });
      if (!passed) return { seenSeq, results, ...hint };
      const steps = completeStep(context.steps, i);
      const logFrom = [...context.logFrom];
      if (steps[i + 1]?.status === 'active' && context.steps[i + 1]?.status === 'locked') logFrom[i + 1] = seenSeq;
      // Every check passes: a hint about a mistake that a later request corrected is stale.
      const stale = (entries.at(-1)?.seq ?? 0) > hint.ruleHintSeq;
      return { seenSeq, results, ...(stale ? { ruleHint: null } : hint), steps, logFrom };
    }),
    hintFromRun: assign(({ context, event }) => {
      if (event.type !== 'shell.ran') return {};
      const step = context.lesson.steps[context.current];
      const rules = [...(step?.hintRules ?? []), ...context.lesson.hintRules];
      const say = hintForRun(rules, event, placeholderValues(event.world, context.lesson.vm));
      return say ? { ruleHint: say, ruleHintSeq: context.seenSeq } : {};
    }),
    nudge: assign({ steps: ({ context }) => raiseHelp(context.steps, context.current, 'nudge') }),
    hint: assign({ steps: ({ context }) => raiseHelp(context.steps, context.current, 'hint') }),
    showCommand: assign(({ context, event }) => {
      if (event.type !== 'help.showCommand') return {};
      const step = context.lesson.steps[context.current];
      if (!step) return {};
      const shown = showSolution(step, placeholderValues(event.world, context.lesson.vm));
      return {
        steps: raiseHelp(context.steps, context.current, 'command'),
        shown,
        editorFill: shown.commands ? { text: shown.commands, reason: 'showCommand' as const, seq: (context.editorFill?.seq ?? 0) + 1 } : context.editorFill,
      };
    }),
    beginSolve: assign(({ context, event }) => {
      if (event.type !== 'help.solve') return {};
      const attempt = event.editorText;
      return {
        steps: raiseHelp(context.steps, context.current, 'solve'),
        solve: {
          stepIndex: context.current,
          attempt,
          diff: lineDiff(attempt, context.shown?.commands ?? ''),
          restorePoint: undefined,
          stepsBefore: context.steps.map((s) => ({ ...s })),
          currentBefore: context.current,
        },
        error: null,
      };
    }),
    afterUndoSolve: assign(({ context }) => {
      const solve = context.solve;
      if (!solve) return {};
      return {
        steps: solve.stepsBefore,
        current: solve.currentBefore,
        // Their own attempt goes back into the editor; the solve is over.
        editorFill: { text: solve.attempt, reason: 'undoSolve' as const, seq: (context.editorFill?.seq ?? 0) + 1 },
        solve: null,
        results: [],
        logFrom: context.logFrom.map((f, i) => (i === solve.stepIndex ? context.seenSeq : f)),
      };
    }),
    goto: assign(({ context, event }) => {
      const index = event.type === 'step.goto' ? event.index : context.current + 1;
      return { current: index, results: [], ruleHint: null, shown: null };
    }),
    afterStepReset: assign(({ context }) => ({
      steps: context.steps.map((s, i) => (i === context.current ? { status: 'active' as const, help: 'none' as const, completedWith: null } : s)),
      logFrom: context.logFrom.map((f, i) => (i === context.current ? context.seenSeq : f)),
      results: [],
      ruleHint: null,
      shown: null,
      solve: null,
      undo: [],
      started: context.started.map((v, i) => v || i === context.current),
    })),
    afterLessonReset: assign(({ context }) => ({
      steps: freshSteps(context.lesson.steps.length),
      current: 0,
      logFrom: context.lesson.steps.map(() => context.seenSeq),
      results: [],
      ruleHint: null,
      shown: null,
      solve: null,
      undo: [],
      started: context.lesson.steps.map((_, i) => i === 0),
    })),
    recordAction: assign({
      undo: ({ context, event }) =>
        event.type === 'action.record' ? [...context.undo, { restorePoint: event.restorePoint, label: event.label }].slice(-UNDO_LIMIT) : context.undo,
    }),
    popUndo: assign({ undo: ({ context }) => context.undo.slice(0, -1) }),
    clearError: assign({ error: () => null }),
  },
}).createMachine({
  id: 'lessonProgress',
  context: ({ input }) => {
    const { steps, current } = restoreSteps(input.lesson, input.progress);
    const seq = input.logSeq ?? 0;
    return {
      lesson: input.lesson,
      steps,
      current,
      logFrom: input.lesson.steps.map(() => seq),
      seenSeq: seq,
      results: [],
      ruleHint: null,
      ruleHintSeq: seq,
      shown: null,
      editorFill: null,
      solve: null,
      undo: [],
      started: input.lesson.steps.map((_, i) => i === current),
      error: null,
    };
  },
  // The world is not saved with progress, so opening (or resuming) a lesson starts by building
  // the current step's start world.
  initial: 'opening',
  on: {
    'world.changed': { actions: 'judge' },
    'log.appended': { actions: 'judge' },
    'shell.ran': { actions: 'hintFromRun' },
  },
  states: {
    opening: {
      invoke: {
        id: 'restoreWorld',
        src: 'restoreWorld',
        input: ({ context }): RestoreRequest => ({ kind: 'stepStart', stepIndex: context.current }),
        onDone: 'ready',
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `Could not set up this step's world: ${errorText(event.error)}` }) },
      },
    },
    ready: {
      on: {
        'help.nudge': { actions: 'nudge' },
        'help.hint': { guard: 'canHint', actions: 'hint' },
        'help.showCommand': { guard: 'canShowCommand', actions: 'showCommand' },
        'help.solve': { guard: 'canSolve', target: 'solving', actions: 'beginSolve' },
        'solve.undo': { guard: 'hasSolveToUndo', target: 'undoingSolve' },
        'step.goto': { guard: 'canGoto', target: 'entering', actions: 'goto' },
        'step.next': { guard: 'canGoNext', target: 'entering', actions: 'goto' },
        'step.reset': { target: 'resettingStep' },
        'lesson.reset': { target: 'resettingLesson' },
        'action.record': { actions: 'recordAction' },
        'action.undo': { guard: 'hasUndo', target: 'undoingAction' },
      },
    },
    solving: {
      invoke: {
        id: 'performSolve',
        src: 'performSolve',
        input: ({ context }) => ({ lesson: context.lesson, stepIndex: context.current, step: context.lesson.steps[context.current]! }),
        onDone: {
          target: 'ready',
          actions: assign({ solve: ({ context, event }) => (context.solve ? { ...context.solve, restorePoint: event.output.restorePoint } : null) }),
        },
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `The solution could not be performed: ${errorText(event.error)}` }) },
      },
    },
    undoingSolve: {
      invoke: {
        id: 'restoreWorld',
        src: 'restoreWorld',
        input: ({ context }): RestoreRequest => ({ kind: 'restorePoint', restorePoint: context.solve?.restorePoint }),
        onDone: { target: 'ready', actions: ['afterUndoSolve', 'clearError'] },
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `Could not undo the solve: ${errorText(event.error)}` }) },
      },
    },
    // A step with its own start world gets it the first time it is opened; others carry on from
    // the world as it is.
    entering: {
      always: [
        {
          guard: ({ context }) =>
            context.lesson.steps[context.current]?.start !== undefined &&
            context.steps[context.current]?.status === 'active' &&
            !context.started[context.current],
          target: 'resettingStep',
        },
        { target: 'ready' },
      ],
    },
    resettingStep: {
      invoke: {
        id: 'restoreWorld',
        src: 'restoreWorld',
        input: ({ context }): RestoreRequest => ({ kind: 'stepStart', stepIndex: context.current }),
        onDone: { target: 'ready', actions: ['afterStepReset', 'clearError'] },
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `Could not reset the step: ${errorText(event.error)}` }) },
      },
    },
    resettingLesson: {
      invoke: {
        id: 'restoreWorld',
        src: 'restoreWorld',
        input: (): RestoreRequest => ({ kind: 'lessonStart' }),
        onDone: { target: 'ready', actions: ['afterLessonReset', 'clearError'] },
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `Could not reset the lesson: ${errorText(event.error)}` }) },
      },
    },
    undoingAction: {
      invoke: {
        id: 'restoreWorld',
        src: 'restoreWorld',
        input: ({ context }): RestoreRequest => ({ kind: 'restorePoint', restorePoint: context.undo[context.undo.length - 1]?.restorePoint }),
        onDone: { target: 'ready', actions: ['popUndo', 'clearError'] },
        onError: { target: 'ready', actions: assign({ error: ({ event }) => `Could not undo: ${errorText(event.error)}` }) },
      },
    },
  },
});

/** What to save for this snapshot's lesson. */
export const lessonProgressOf = (context: Pick<LessonProgressContext, 'lesson' | 'steps' | 'current'>): LessonProgress =>
  progressOf(context.lesson, context.steps, context.current);
