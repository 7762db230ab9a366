/**
 * The world a step starts from. A step with its own `start` begins there; any other step begins
 * where the previous one ended — for a fresh session (resume, reset step) that is the nearest
 * explicit start with the solutions of the steps in between performed on it.
 */
import type { NewWorldOptions, World } from '../sim/index';
import { buildStartWorld } from './start-world';
import type { CompiledLesson, CompiledStep, SolutionAction, WorldSource } from './types';

/** Performs one solution action on the world (the host decides how: ARM, a shell session…). */
export type PerformAction = (action: SolutionAction, ctx: { world: World; step: CompiledStep; stepIndex: number }) => Promise<void>;

export async function performSolution(world: World, lesson: CompiledLesson, stepIndex: number, perform: PerformAction): Promise<void> {
  const step = lesson.steps[stepIndex];
  if (!step) throw new RangeError(`Lesson ${lesson.slug} has no step ${stepIndex + 1}.`);
  for (const action of step.solution) await perform(action, { world, step, stepIndex });
}

/** The nearest explicit start at or before a step (the lesson's own when no step before it has one), and its step index (-1 for the lesson's). */
export function nearestStart(lesson: CompiledLesson, stepIndex: number): { from: number; source: WorldSource } {
  let from = stepIndex;
  while (from >= 0 && lesson.steps[from]!.start === undefined) from--;
  return { from, source: from >= 0 ? lesson.steps[from]!.start! : lesson.start };
}

export async function buildStepStartWorld(
  lesson: CompiledLesson,
  stepIndex: number,
  perform: PerformAction,
  opts: NewWorldOptions & {
    /** Called with the base world before earlier solutions are replayed on it, so a host can route its ARM calls there. */
    onBase?: (world: World) => void;
  } = {},
): Promise<World> {
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= lesson.steps.length) {
    throw new RangeError(`Lesson ${lesson.slug} has no step ${stepIndex + 1}.`);
  }
  const { from, source } = nearestStart(lesson, stepIndex);
  const { onBase, ...worldOpts } = opts;
  const built = buildStartWorld(source, worldOpts);
  if (!built.ok) throw new Error(`Cannot build the start world of ${lesson.slug}: ${built.message}`);
  onBase?.(built.world);
  for (let i = Math.max(from, 0); i < stepIndex; i++) await performSolution(built.world, lesson, i, perform);
  return built.world;
}

export type { SolutionAction };
