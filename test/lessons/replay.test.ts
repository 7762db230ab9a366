/**
 * Every step of every lesson, solved headlessly the way the app does it: portal actions through the
 * portal's ARM client and the router, commands in the lesson VM's real shell session with the
 * router's fetch bound to that VM. After each step its checks must pass, or the lesson is broken.
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { evaluateChecks } from '../../src/lessons/checks/index.ts';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import { performPortalAction } from '../../src/lessons/portal/perform-via-arm.ts';
import { lessonHostActors } from '../../src/lessons/host-actors.ts';
import { lessonProgressMachine } from '../../src/lessons/lesson-progress.machine.ts';
import { isPortalAction, type CompiledLesson } from '../../src/lessons/types.ts';
import { performStep, portalFetch, replayer, shellFor, startWorld } from './replay-harness.ts';

const lessons = await loadLessons('lessons');

describe.each(lessons.map((l) => [l.slug, l] as const))('replay %s', (_, lesson) => {
  it('every step\'s solution satisfies its checks', async () => {
    const at = replayer(lesson);
    const transcript: string[] = [];
    for (const step of lesson.steps) {
      const done = await performStep(lesson, step, at);
      transcript.push(...done.transcript);
      expect(done.waiting, `${step.file} did not complete.\nShell transcript:\n${transcript.join('\n')}`).toEqual([]);
    }
  }, 60_000);
});

it('the solution steps are not trivially satisfied: each step\'s checks fail on its start world', async () => {
  for (const lesson of lessons) {
    const router = createRouter(startWorld(lesson.start), { wait: async () => {} });
    for (const step of lesson.steps) {
      if (step.start) router.replaceWorld(startWorld(step.start));
      const judged = evaluateChecks(step.checks, { world: router.world, log: [], values: placeholderValues(router.world, lesson.vm) });
      expect(judged.passed, `${step.file} passes before anything is done`).toBe(false);
      for (const action of step.solution) {
        if (isPortalAction(action)) expect(await performPortalAction(router.world, action, portalFetch(router))).toEqual({ ok: true });
      }
    }
  }
});

/** Saved progress with the steps before `index` done: what "continue where you left off" loads. */
const progressAt = (lesson: CompiledLesson, index: number) => ({
  current: lesson.steps[index]!.slug,
  steps: Object.fromEntries(lesson.steps.slice(0, index).map((s) => [s.slug, { status: 'done' as const, help: 'none' as const, completedWith: 'none' as const }])),
});

// From the start, and resumed midway (step 5, or the last step of a shorter lesson).
describe.each(lessons.flatMap((l) => [[l.slug, l, 0] as const, [l.slug, l, Math.min(4, l.steps.length - 1)] as const]))('solve through the progress machine: %s from step %i', (_, lesson, startAt) => {
  it('"solve" on every remaining step completes the lesson, each step marked as solved', async () => {
    const router = createRouter(startWorld(lesson.start), { wait: async () => {} });
    const shell = shellFor(lesson, router);
    // The same actors the app provides.
    const actors = lessonHostActors(lesson, {
      world: () => router.world,
      replaceWorld: (world) => router.replaceWorld(world),
      portalFetch: portalFetch(router),
      runShell: (script) => shell.run(script),
    });
    const machine = lessonProgressMachine.provide({ actors: { performSolve: actors.performSolve, restoreWorld: actors.restoreWorld } });
    const actor = createActor(machine, { input: { lesson, ...(startAt ? { progress: progressAt(lesson, startAt) } : {}) } }).start();
    await waitFor(actor, (s) => s.matches('ready'));
    const judge = () => actor.send({ type: 'world.changed', world: router.world, log: router.log.entries() });

    for (let i = startAt; i < lesson.steps.length; i++) {
      expect(actor.getSnapshot().context.current).toBe(i);
      actor.send({ type: 'help.nudge' });
      actor.send({ type: 'help.hint' });
      actor.send({ type: 'help.showCommand', world: router.world });
      actor.send({ type: 'help.solve', editorText: '' });
      await waitFor(actor, (s) => s.matches('ready'));
      expect(actor.getSnapshot().context.error).toBeNull();
      judge();
      const snap = actor.getSnapshot().context;
      expect(snap.steps[i], `${lesson.steps[i]!.file}: ${snap.results.map((r) => r.waitingFor).join('; ')}`).toEqual({ status: 'done', help: 'solve', completedWith: 'solve' });
      if (lesson.steps[i]!.slug === 'grant-reader') {
        // Undo puts the world back (no role), then solving again redoes it.
        actor.send({ type: 'solve.undo' });
        await waitFor(actor, (s) => s.matches('ready'));
        judge();
        expect(actor.getSnapshot().context.steps[i]!.status).toBe('active');
        expect(actor.getSnapshot().context.results[0]?.waitingFor).toMatch(/Waiting for Reader on resource group myResourceGroup/);
        actor.send({ type: 'help.solve', editorText: '' });
        await waitFor(actor, (s) => s.matches('ready'));
        judge();
        expect(actor.getSnapshot().context.steps[i]!.status).toBe('done');
      }
      actor.send({ type: 'step.next' });
      await waitFor(actor, (s) => s.matches('ready'));
    }
    expect(actor.getSnapshot().context.steps.every((s) => s.status === 'done')).toBe(true);
  }, 60_000);
});
