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

/**
 * localStorage if this frame may use it; browsers that block third-party storage throw on access.
 * When blocked, an in-memory stand-in takes its place for the page's lifetime: MSW's cookie store
 * reads `localStorage` as its module loads and would otherwise stop the simulated cloud loading.
 */
export function frameStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = '__mi-embed-probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    installMemoryStorage();
    return null;
  }
}

function installMemoryStorage(): void {
  const items = new Map<string, string>();
  const memory: Storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(String(key)) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(String(key)),
    setItem: (key, value) => void items.set(String(key), String(value)),
  };
  try {
    Object.defineProperty(globalThis, 'localStorage', { value: memory, configurable: true });
  } catch {
    // A browser that will not let the property be replaced keeps throwing; the embed shows its error.
  }
}
