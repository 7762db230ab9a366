/**
 * An embed opens one step directly, without the steps before it: the progress it starts from
 * counts those earlier steps as done, so the step is reachable and its start world is the
 * previous steps' end state, exactly as for a learner who got there.
 */
import type { LessonProgress } from '../../lessons/index';

export function embedStartProgress(lesson: { steps: readonly { slug: string }[] }, stepIndex: number): LessonProgress {
  const index = Math.min(Math.max(0, stepIndex), Math.max(0, lesson.steps.length - 1));
  return {
    current: lesson.steps[index]?.slug ?? '',
    steps: Object.fromEntries(
      lesson.steps.map((s, i) => [s.slug, i < index ? { status: 'done', help: 'none', completedWith: 'none' } : { status: i === index ? 'active' : 'locked', help: 'none', completedWith: null }]),
    ),
  };
}

/** Progress key of embeds: separate from the app's, so an embed never rewrites a learner's own record. */
export const EMBED_PROGRESS_KEY = 'mi-sandbox.embed-progress';

/** localStorage if this frame may use it; browsers that block third-party storage throw on access. */
export function frameStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = '__mi-embed-probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
