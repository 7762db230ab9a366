/**
 * Every step of every lesson, solved headlessly the way the app does it: portal actions through the
 * portal's ARM client and the router, commands in the lesson VM's real shell session with the
 * router's fetch bound to that VM. After each step its checks must pass, or the lesson is broken.
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter, type Router } from '../../src/cloud/router.ts';
import { evaluateChecks } from '../../src/lessons/checks/index.ts';
import { fillText, placeholderValues } from '../../src/lessons/placeholders.ts';
import { performPortalAction } from '../../src/lessons/portal/perform-via-arm.ts';
import { buildStartWorld } from '../../src/lessons/start-world.ts';
import { lessonHostActors } from '../../src/lessons/host-actors.ts';
import { lessonProgressMachine } from '../../src/lessons/lesson-progress.machine.ts';
import { isPortalAction, type CompiledLesson, type WorldSource } from '../../src/lessons/types.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { azModule } from '../../src/shells/az/module.ts';
import { createPowerShellSession } from '../../src/shells/powershell/index.ts';
import { advanceClock, issueUserToken, type World } from '../../src/sim/index.ts';
import { steppingClock } from '../shells/bash/fake-cloud.ts';

const lessons = await loadLessons('lessons');
const loadGrammar = async () => ({ languageWasm: 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm' });

function startWorld(source: WorldSource): World {
  const built = buildStartWorld(source);
  if (!built.ok) throw new Error(built.message);
  return built.world;
}

const vmNamed = (world: World, name: string) => {
  const vm = Object.values(world.data.virtualMachines).find((v) => v.name === name);
  if (!vm) throw new Error(`no VM ${name}`);
  return vm;
};

/** The mini-portal's fetch: the signed-in admin's ARM token, the portal as caller. */
function portalFetch(router: Router) {
  return async (request: Request) => {
    const admin = Object.values(router.world.data.users)[0]!;
    const token = await issueUserToken(router.world, { user: admin.userPrincipalName, resource: 'https://management.azure.com/' });
    if (!token.ok) throw new Error(token.error.message);
    const headers = new Headers(request.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token.value.record.jwt}`);
    return router.fetch(new Request(request, { headers }), { from: { kind: 'portal', userId: admin.objectId } });
  };
}

function shellFor(lesson: CompiledLesson, router: Router) {
  const vm = vmNamed(router.world, lesson.vm);
  const facts = { vmName: vm.name, computerName: vm.properties.osProfile.computerName, adminUsername: 'azureuser', vmId: vm.properties.vmId, location: vm.location };
  // The VM is looked up per request: a step with its own start world replaces the world.
  const fetch = (request: Request) => router.fetch(request, { from: { kind: 'vm', vmId: vmNamed(router.world, lesson.vm).id } });
  // As in the app (ui/workspace/vm-sessions.ts): sleep moves the world's simulated clock at once.
  const sleep = async (ms: number) => void advanceClock(router.world, ms);
  const simulatedNow = () => router.world.now();
  // The runaway-script limits count work, not wall time (a clock that steps 10 µs on every read:
  // 200,000 reads within the 2 s limit, far beyond any lesson's script), so a loaded machine
  // cannot stop a lesson's script halfway. PowerShell also bounds each HTTP wait by the time left,
  // on a real timer: a minute, which this test's in-process cloud never needs.
  const work = steppingClock(0.01);
  // The VM's bash has the Azure CLI, as the app's bash worker registers it.
  return lesson.shell === 'bash'
    ? createBashSession({ vm: facts, fetch, sleep, simulatedNow, now: work, modules: [azModule()] })
    : createPowerShellSession({ vm: facts, fetch, loadGrammar, now: () => new Date(simulatedNow()), sleep, clock: work, timeLimitMs: 60_000 });
}

describe.each(lessons.map((l) => [l.slug, l] as const))('replay %s', (_, lesson) => {
  it('every step\'s solution satisfies its checks', async () => {
    const router = createRouter(startWorld(lesson.start), { wait: async () => {} });
    const shell = shellFor(lesson, router);
    const transcript: string[] = [];
    for (const step of lesson.steps) {
      if (step.start) router.replaceWorld(startWorld(step.start));
      const from = router.log.entries().at(-1)?.seq ?? 0;
      for (const action of step.solution) {
        const values = placeholderValues(router.world, lesson.vm);
        if (isPortalAction(action)) {
          const done = await performPortalAction(router.world, action, portalFetch(router));
          expect(done, `${step.file}: portal action ${action.portal}`).toEqual({ ok: true });
        } else {
          const script = fillText(action.shell, values);
          const result = await shell.run(script);
          transcript.push(`$ ${script}\n${result.stdout}\n${result.stderr}`);
        }
      }
      const entries = router.log.entries().filter((e) => e.seq > from);
      const judged = evaluateChecks(step.checks, { world: router.world, log: entries, values: placeholderValues(router.world, lesson.vm) });
      const waiting = judged.results.filter((r) => !r.passed).map((r) => r.waitingFor);
      expect(waiting, `${step.file} did not complete.\nShell transcript:\n${transcript.join('\n')}`).toEqual([]);
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
