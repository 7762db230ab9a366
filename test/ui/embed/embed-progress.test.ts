import { describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../../src/lessons/index';
import { restoreSteps } from '../../../src/lessons/progress-model';
import { embedStartProgress } from '../../../src/ui/embed/embed-progress';

describe('an embed opens its own step', () => {
  // Only the slugs matter to progress; the rest of a compiled step is irrelevant here.
  const lesson = { steps: ['a', 'b', 'c', 'd'].map((slug) => ({ slug })) } as unknown as Pick<CompiledLesson, 'steps'>;
  it.each([0, 1, 3])('step %i is current and reachable; later steps stay locked', (index) => {
    const { steps, current } = restoreSteps(lesson, embedStartProgress(lesson, index));
    expect(current).toBe(index);
    expect(steps.map((s) => s.status)).toEqual(lesson.steps.map((_, i) => (i < index ? 'done' : i === index ? 'active' : 'locked')));
  });
  it('clamps an index outside the lesson', () => {
    expect(embedStartProgress(lesson, 9).current).toBe('d');
    expect(embedStartProgress(lesson, -1).current).toBe('a');
  });
});
