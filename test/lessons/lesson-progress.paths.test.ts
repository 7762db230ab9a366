/**
 * Laws of the progress machine over every reachable state (xstate/graph): the help ladder cannot
 * be skipped, and no path ever shows a locked step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { lessonProgressMachine, type LessonProgressEvent } from '../../src/lessons/lesson-progress.machine.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { enableSystemAssigned, quickstartWorld } from '../../src/sim/index.ts';

type Snapshot = SnapshotFrom<typeof lessonProgressMachine>;

let lesson: CompiledLesson;
let opened: Snapshot;
beforeAll(async () => {
  const full = (await loadLessons('lessons')).find((l) => l.slug === 'linux-vm-arm')!;
  // The first two steps are enough to walk every kind of transition.
  lesson = { ...full, steps: full.steps.slice(0, 2) };
  const [s0] = initialTransition(lessonProgressMachine, { lesson });
  opened = transition(lessonProgressMachine, s0, { type: 'xstate.done.actor.restoreWorld' } as never)[0];
});

const before = quickstartWorld().world;
const after = (() => {
  const q = quickstartWorld();
  enableSystemAssigned(q.world, q.linuxVmId);
  return q.world;
})();

const EVENTS = [
  { type: 'help.nudge' },
  { type: 'help.hint' },
  { type: 'help.showCommand', world: before },
  { type: 'help.solve', editorText: 'my attempt' },
  { type: 'xstate.done.actor.performSolve', output: { restorePoint: 'p' } },
  { type: 'xstate.done.actor.restoreWorld' },
  { type: 'world.changed', world: after, log: [] },
  { type: 'step.next' },
  { type: 'step.goto', index: 1 },
  { type: 'solve.undo' },
] as unknown as LessonProgressEvent[];

const traversal = {
  fromState: undefined as Snapshot | undefined,
  events: EVENTS,
  serializeState: (s: Snapshot) =>
    JSON.stringify([s.value, s.context.current, s.context.steps.map((x) => `${x.status}/${x.help}/${x.completedWith}`), s.context.solve !== null]),
  limit: 5000,
};

describe('lesson progress machine paths', () => {
  it('the shortest way to a step marked "solved" climbs every rung of the ladder', () => {
    const paths = getShortestPaths(lessonProgressMachine, {
      ...traversal,
      fromState: opened,
      toState: (s) => s.context.steps[0]?.completedWith === 'solve',
    });
    expect(paths.length).toBeGreaterThan(0);
    const shortest = paths.reduce((a, b) => (b.steps.length < a.steps.length ? b : a));
    expect(shortest.steps.map((step) => step.event.type as string).filter((t) => t !== 'xstate.init')).toEqual([
      'help.nudge',
      'help.hint',
      'help.showCommand',
      'help.solve',
      // The solve's own changes complete the step while it is still being performed.
      'world.changed',
    ]);
  });

  it('no reachable state views a locked step, or marks a step done that is locked', () => {
    const paths = getSimplePaths(lessonProgressMachine, { ...traversal, fromState: opened, limit: 2000 });
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const s = path.state;
      expect(s.context.steps[s.context.current]!.status).not.toBe('locked');
      s.context.steps.forEach((step, i) => {
        if (step.status === 'done') expect(step.completedWith).not.toBeNull();
        if (i > 0 && step.status !== 'locked') expect(s.context.steps[i - 1]!.status).toBe('done');
      });
    }
  });
});
