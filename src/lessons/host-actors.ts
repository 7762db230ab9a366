/**
 * The side effects of the lesson-progress machine, written once for every host: the app and the
 * replay test provide the same actors, so what CI replays is what learners get.
 *
 * A host supplies its world (and how to swap it), the portal's fetch and a way to run commands in
 * the lesson VM's shell. Solutions go through ARM and the shell like the learner's own actions;
 * restore points are serialized worlds.
 */
import { fromPromise } from 'xstate';
import { restoreWorld, serializeWorld, type World } from '../sim/index';
import type { RestoreRequest, SolveInput, SolveOutput } from './lesson-progress.machine';
import { fillText, placeholderValues } from './placeholders';
import { performPortalAction, type ArmFetch } from './portal/perform-via-arm';
import { buildStepStartWorld, type PerformAction } from './step-world';
import { isPortalAction, type CompiledLesson } from './types';

export interface LessonHost {
  /** The world requests act on now. */
  world(): World;
  /** Points the router (and everything else) at another world. */
  replaceWorld(world: World): void;
  /** ARM as the signed-in portal user. */
  portalFetch: ArmFetch;
  /** Runs commands in the lesson VM's shell session, shown to the learner like their own. */
  runShell(script: string): Promise<unknown>;
  /**
   * Runs earlier steps' commands while a step's start world is rebuilt (reset step, resume), out of
   * the learner's sight — e.g. in a throwaway session bound to the same VM. Without it those
   * commands are skipped: a shell can only change the world through ARM, and the quickstarts'
   * commands only read, so skipping keeps a rebuild from waiting on a terminal nobody opened.
   */
  replayShell?(script: string): Promise<unknown>;
}

export function lessonHostActors(lesson: CompiledLesson, host: LessonHost) {
  const perform: PerformAction = async (action, { world }) => {
    if (isPortalAction(action)) {
      const done = await performPortalAction(world, action, host.portalFetch);
      if (!done.ok) throw new Error(done.message);
    } else {
      await host.runShell(fillText(action.shell, placeholderValues(world, lesson.vm)));
    }
  };

  const replay: PerformAction = async (action, ctx) => {
    if (isPortalAction(action)) return perform(action, ctx);
    if (host.replayShell) await host.replayShell(fillText(action.shell, placeholderValues(ctx.world, lesson.vm)));
  };

  const stepStart = async (index: number) => {
    // Earlier solutions replay through ARM, so the host must serve the new world before they run.
    await buildStepStartWorld(lesson, index, replay, { onBase: (world) => host.replaceWorld(world) });
  };

  return {
    perform,
    performSolve: fromPromise<SolveOutput, SolveInput>(async ({ input }) => {
      const restorePoint = serializeWorld(host.world());
      for (const action of input.step.solution) await perform(action, { world: host.world(), step: input.step, stepIndex: input.stepIndex });
      return { restorePoint };
    }),
    restoreWorld: fromPromise<void, RestoreRequest>(async ({ input }) => {
      if (input.kind === 'lessonStart') return stepStart(0);
      if (input.kind === 'stepStart') return stepStart(input.stepIndex);
      const restored = restoreWorld(input.restorePoint);
      if (!restored.ok) throw new Error(restored.error.message);
      host.replaceWorld(restored.value);
    }),
  };
}
