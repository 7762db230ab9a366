/**
 * The learner's progress through one lesson as plain data: what the progress machine keeps in
 * its context, what the progress store saves, and the pure transitions between them.
 */
import type { CompiledLesson } from './types';

export type StepStatus = 'locked' | 'active' | 'done';

/** How far up the help ladder the learner went on a step. */
export const HELP_LEVELS = ['none', 'nudge', 'hint', 'command', 'solve'] as const;
export type HelpLevel = (typeof HELP_LEVELS)[number];

export interface StepProgress {
  status: StepStatus;
  help: HelpLevel;
  /** The help level when the step was completed ('none' = on their own); null until done. */
  completedWith: HelpLevel | null;
}

/** What is saved per lesson (keyed by step slug, so reordering or adding steps keeps progress). */
export interface LessonProgress {
  current: string;
  steps: Record<string, { status: StepStatus; help: HelpLevel; completedWith: HelpLevel | null }>;
}

export const helpRank = (h: HelpLevel): number => HELP_LEVELS.indexOf(h);

export function freshSteps(count: number): StepProgress[] {
  return Array.from({ length: count }, (_, i) => ({ status: i === 0 ? 'active' : 'locked', help: 'none', completedWith: null }));
}

/** Marks step i done and unlocks the next one. */
export function completeStep(steps: readonly StepProgress[], i: number): StepProgress[] {
  const next = steps.map((s) => ({ ...s }));
  const step = next[i];
  if (!step) return next;
  step.status = 'done';
  step.completedWith = step.help;
  const after = next[i + 1];
  if (after && after.status === 'locked') after.status = 'active';
  return next;
}

/**
 * Saved progress applied to the lesson as it is now: unknown slugs are dropped, new steps start
 * locked, and the steps stay reachable in order (no active step behind a locked one).
 */
export function restoreSteps(lesson: Pick<CompiledLesson, 'steps'>, saved: LessonProgress | undefined): { steps: StepProgress[]; current: number } {
  const steps = freshSteps(lesson.steps.length);
  if (!saved) return { steps, current: 0 };
  let reachable = true;
  lesson.steps.forEach((s, i) => {
    const was = Object.hasOwn(saved.steps, s.slug) ? saved.steps[s.slug] : undefined;
    if (!reachable) return;
    if (was?.status === 'done') {
      steps[i] = { status: 'done', help: was.help, completedWith: was.completedWith ?? was.help };
    } else {
      steps[i] = { status: 'active', help: was?.help ?? 'none', completedWith: null };
      reachable = false;
    }
  });
  const wanted = lesson.steps.findIndex((s) => s.slug === saved.current);
  const current = wanted >= 0 && steps[wanted]!.status !== 'locked' ? wanted : Math.max(0, steps.findIndex((s) => s.status === 'active'));
  return { steps, current };
}

export function progressOf(lesson: Pick<CompiledLesson, 'steps'>, steps: readonly StepProgress[], current: number): LessonProgress {
  return {
    current: lesson.steps[current]?.slug ?? lesson.steps[0]?.slug ?? '',
    steps: Object.fromEntries(lesson.steps.map((s, i) => [s.slug, { ...steps[i]! }])),
  };
}
