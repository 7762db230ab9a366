import { beforeAll, describe, expect, it } from 'vitest';
import { createActor, fromPromise, initialTransition, transition, waitFor, type SnapshotFrom } from 'xstate';
import { loadLessons } from '../../build/lessons-plugin.ts';
import {
  lessonProgressMachine,
  lessonProgressOf,
  type LessonProgressEvent,
  type RestoreRequest,
  type SolveInput,
  type SolveOutput,
} from '../../src/lessons/lesson-progress.machine.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { enableSystemAssigned, quickstartWorld, type World } from '../../src/sim/index.ts';
import { entry } from './checks/log-fixtures.ts';

type Snapshot = SnapshotFrom<typeof lessonProgressMachine>;

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = (await loadLessons('lessons')).find((l) => l.slug === 'linux-vm-arm')!;
});

const send = (s: Snapshot, event: LessonProgressEvent | { type: string; output?: unknown; error?: unknown }): Snapshot =>
  transition(lessonProgressMachine, s, event as LessonProgressEvent)[0];

/** Opened and its first world set up. */
function opened(input: Partial<Parameters<typeof initialTransition<typeof lessonProgressMachine>>[1]> = {}): Snapshot {
  const [s] = initialTransition(lessonProgressMachine, { lesson, logSeq: 0, ...input });
  expect(s.value).toBe('opening');
  return send(s, { type: 'xstate.done.actor.restoreWorld' });
}

function worldWithIdentity(): World {
  const q = quickstartWorld();
  enableSystemAssigned(q.world, q.linuxVmId);
  return q.world;
}

const statuses = (s: Snapshot) => s.context.steps.map((x) => x.status);

describe('lesson progress machine (pure transitions)', () => {
  it('opens with the first step active and the rest locked', () => {
    const s = opened();
    expect(s.value).toBe('ready');
    expect(statuses(s)).toEqual(['active', 'locked', 'locked', 'locked', 'locked', 'locked']);
  });

  it('judges the current step on every world change: waiting, then done and the next step unlocked', () => {
    let s = opened();
    s = send(s, { type: 'world.changed', world: quickstartWorld().world, log: [] });
    expect(s.context.results).toEqual([expect.objectContaining({ passed: false, waitingFor: expect.stringMatching(/switched On/) })]);
    expect(statuses(s)[0]).toBe('active');

    s = send(s, { type: 'world.changed', world: worldWithIdentity(), log: [] });
    expect(statuses(s).slice(0, 3)).toEqual(['done', 'active', 'locked']);
    expect(s.context.steps[0]!.completedWith).toBe('none');
    // The learner moves on when they choose to.
    expect(s.context.current).toBe(0);
    s = send(s, { type: 'step.next' });
    expect(s.context.current).toBe(1);
    expect(s.value).toBe('ready');
  });

  it('cannot go to a locked step', () => {
    const s = send(opened(), { type: 'step.goto', index: 3 });
    expect(s.context.current).toBe(0);
    expect(send(s, { type: 'step.next' }).context.current).toBe(0);
  });

  it('climbs the help ladder in order and marks a step completed with help', () => {
    let s = opened();
    s = send(s, { type: 'help.hint' });
    expect(s.context.steps[0]!.help).toBe('none');
    s = send(s, { type: 'help.showCommand', world: quickstartWorld().world });
    expect(s.context.shown).toBeNull();
    s = send(s, { type: 'help.nudge' });
    s = send(s, { type: 'help.hint' });
    s = send(s, { type: 'help.showCommand', world: quickstartWorld().world });
    expect(s.context.steps[0]!.help).toBe('command');
    // A portal step has no commands for the editor, only the clicks to make.
    expect(s.context.shown).toEqual({ commands: '', portal: [expect.stringMatching(/myLinuxVM → Security → Identity → System assigned/)] });
    expect(s.context.editorFill).toBeNull();
    s = send(s, { type: 'world.changed', world: worldWithIdentity(), log: [] });
    expect(s.context.steps[0]).toEqual({ status: 'done', help: 'command', completedWith: 'command' });
  });

  it('"show command" fills the editor with the commands for this world', () => {
    const world = worldWithIdentity();
    const progress = lessonProgressOf({ lesson, current: 3, steps: lesson.steps.map((_, i) => ({ status: i < 3 ? 'done' : 'active', help: 'none', completedWith: i < 3 ? 'none' : null })) as never });
    let s = opened({ progress });
    expect(s.context.current).toBe(3);
    s = send(send(send(s, { type: 'help.nudge' }), { type: 'help.hint' }), { type: 'help.showCommand', world });
    expect(s.context.editorFill).toEqual({ text: expect.stringContaining("curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01"), reason: 'showCommand', seq: 1 });
  });

  it('counts only log entries newer than the lesson opening and than the step unlocking', () => {
    const world = worldWithIdentity();
    const progress = lessonProgressOf({ lesson, current: 3, steps: lesson.steps.map((_, i) => ({ status: i < 3 ? 'done' : 'active', help: 'none', completedWith: i < 3 ? 'none' : null })) as never });
    const vm = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
    const token = entry({ url: 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', from: vm, headers: [['metadata', 'true']], resource: 'https://management.azure.com/' });
    // The same call made before the lesson opened does not complete the step.
    let s = opened({ progress, logSeq: token.seq });
    s = send(s, { type: 'log.appended', world, log: [token] });
    expect(s.context.steps[3]!.status).toBe('active');
    const again = { ...token, seq: token.seq + 1 };
    s = send(s, { type: 'log.appended', world, log: [token, again] });
    expect(s.context.steps[3]!.status).toBe('done');
  });

  it('shows the hint rule for the docs placeholder pasted into an ARM URL, with the real ids', () => {
    const world = worldWithIdentity();
    const sub = Object.values(world.data.subscriptions)[0]!.subscriptionId;
    const s = send(opened(), {
      type: 'log.appended',
      world,
      log: [entry({ url: 'https://management.azure.com/subscriptions/<SUBSCRIPTION ID>/resourceGroups/<RESOURCE GROUP>?api-version=2016-09-01', status: 400, body: '{"error":{"code":"InvalidSubscriptionId","message":"x"}}' })],
    });
    expect(s.context.ruleHint).toBe(
      `That URL still contains a placeholder copied from the docs. In this world the subscription id is ${sub} and the resource group is myResourceGroup.`,
    );
  });

  it('clears the hint once the step checks all pass; a done step hints only about newer requests', () => {
    const world = worldWithIdentity();
    const progress = lessonProgressOf({ lesson, current: 3, steps: lesson.steps.map((_, i) => ({ status: i < 3 ? 'done' : 'active', help: 'none', completedWith: i < 3 ? 'none' : null })) as never });
    const vm = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
    const placeholder = entry({ url: 'https://management.azure.com/subscriptions/<SUBSCRIPTION ID>/resourceGroups/<RESOURCE GROUP>?api-version=2016-09-01', status: 400, body: '{"error":{"code":"InvalidSubscriptionId","message":"x"}}' });
    const token = entry({ url: 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', from: vm, headers: [['metadata', 'true']], resource: 'https://management.azure.com/' });
    let s = opened({ progress, logSeq: placeholder.seq - 1 });
    s = send(s, { type: 'log.appended', world, log: [placeholder] });
    expect(s.context.ruleHint).toMatch(/placeholder/);
    s = send(s, { type: 'log.appended', world, log: [placeholder, token] });
    expect(s.context.steps[3]!.status).toBe('done');
    expect(s.context.ruleHint).toBeNull();
    // The old mistake is still in the step's log: it does not bring its hint back.
    s = send(s, { type: 'world.changed', world, log: [placeholder, token] });
    expect(s.context.ruleHint).toBeNull();
    // A new mistake after the tick does.
    const again = { ...placeholder, seq: token.seq + 1 };
    s = send(s, { type: 'log.appended', world, log: [placeholder, token, again] });
    expect(s.context.ruleHint).toMatch(/placeholder/);
  });

  it('resumes saved progress at the saved step; unknown steps are ignored', () => {
    const s = opened({
      progress: {
        current: 'grant-reader',
        steps: { 'enable-identity': { status: 'done', help: 'hint', completedWith: 'hint' }, 'no-such-step': { status: 'done', help: 'none', completedWith: 'none' } },
      },
    });
    expect(s.context.current).toBe(1);
    expect(statuses(s).slice(0, 3)).toEqual(['done', 'active', 'locked']);
    expect(s.context.steps[0]!.completedWith).toBe('hint');
  });

  it('reports a failed world set-up instead of crashing', () => {
    const [s0] = initialTransition(lessonProgressMachine, { lesson });
    const s = send(s0, { type: 'xstate.error.actor.restoreWorld', error: new Error('no such preset') });
    expect(s.value).toBe('ready');
    expect(s.context.error).toBe("Could not set up this step's world: no such preset");
  });
});

describe('lesson progress machine with host actors', () => {
  function host() {
    const restores: RestoreRequest[] = [];
    const solves: SolveInput[] = [];
    const machine = lessonProgressMachine.provide({
      actors: {
        restoreWorld: fromPromise<void, RestoreRequest>(async ({ input }) => {
          restores.push(input);
        }),
        performSolve: fromPromise<SolveOutput, SolveInput>(async ({ input }) => {
          solves.push(input);
          return { restorePoint: `before-solve-${input.stepIndex}` };
        }),
      },
    });
    return { machine, restores, solves };
  }

  async function started(progress?: Parameters<typeof lessonProgressOf>[0]) {
    const h = host();
    const actor = createActor(h.machine, { input: { lesson, ...(progress ? { progress: lessonProgressOf(progress) } : {}) } }).start();
    await waitFor(actor, (s) => s.matches('ready'));
    return { ...h, actor };
  }

  it('asks the host for the current step\'s world when it opens', async () => {
    const { restores } = await started();
    expect(restores).toEqual([{ kind: 'stepStart', stepIndex: 0 }]);
  });

  it('solve performs the solution, keeps the attempt and a diff, marks the step solved; undo restores all of it', async () => {
    const steps = lesson.steps.map((_, i) => ({ status: i < 3 ? 'done' : 'active', help: 'none', completedWith: i < 3 ? 'none' : null })) as never;
    const { actor, solves, restores } = await started({ lesson, current: 3, steps });
    const world = worldWithIdentity();
    actor.send({ type: 'help.solve', editorText: 'curl http://169.254.169.254/' });
    expect(actor.getSnapshot().matches('ready')).toBe(true);
    for (const type of ['help.nudge', 'help.hint'] as const) actor.send({ type });
    actor.send({ type: 'help.showCommand', world });
    actor.send({ type: 'help.solve', editorText: 'curl http://169.254.169.254/' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(solves.map((s) => s.step.slug)).toEqual(['get-a-token']);
    const solve = actor.getSnapshot().context.solve!;
    expect(solve).toMatchObject({ stepIndex: 3, attempt: 'curl http://169.254.169.254/', restorePoint: 'before-solve-3' });
    expect(solve.diff).toEqual([
      { kind: 'removed', text: 'curl http://169.254.169.254/' },
      { kind: 'added', text: expect.stringContaining('/metadata/identity/oauth2/token') },
    ]);

    // The host's solve produced the call; the machine sees it in the log and completes the step.
    const vm = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!;
    const token = entry({ url: 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', from: vm, headers: [['metadata', 'true']], resource: 'https://management.azure.com/' });
    actor.send({ type: 'log.appended', world, log: [token] });
    expect(actor.getSnapshot().context.steps[3]).toEqual({ status: 'done', help: 'solve', completedWith: 'solve' });
    expect(actor.getSnapshot().context.steps[4]!.status).toBe('active');

    actor.send({ type: 'solve.undo' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores.at(-1)).toEqual({ kind: 'restorePoint', restorePoint: 'before-solve-3' });
    const after = actor.getSnapshot().context;
    expect(after.steps[3]!.status).toBe('active');
    expect(after.steps[4]!.status).toBe('locked');
    expect(after.editorFill).toMatchObject({ text: 'curl http://169.254.169.254/', reason: 'undoSolve' });
    expect(after.solve).toBeNull();
  });

  it('reset step restores its start and clears its help; reset lesson starts over', async () => {
    const { actor, restores } = await started();
    actor.send({ type: 'help.nudge' });
    actor.send({ type: 'world.changed', world: worldWithIdentity(), log: [] });
    actor.send({ type: 'step.reset' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores.at(-1)).toEqual({ kind: 'stepStart', stepIndex: 0 });
    expect(actor.getSnapshot().context.steps[0]).toEqual({ status: 'active', help: 'none', completedWith: null });

    actor.send({ type: 'world.changed', world: worldWithIdentity(), log: [] });
    actor.send({ type: 'step.next' });
    actor.send({ type: 'lesson.reset' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores.at(-1)).toEqual({ kind: 'lessonStart' });
    expect(actor.getSnapshot().context.current).toBe(0);
    expect(statuses(actor.getSnapshot())).toEqual(['active', 'locked', 'locked', 'locked', 'locked', 'locked']);
  });

  it('undo last action restores the newest recorded point; nothing to undo is ignored', async () => {
    const { actor, restores } = await started();
    actor.send({ type: 'action.undo' });
    expect(restores).toHaveLength(1);
    actor.send({ type: 'action.record', restorePoint: 'p1', label: 'curl …' });
    actor.send({ type: 'action.record', restorePoint: 'p2', label: 'Save identity' });
    actor.send({ type: 'action.undo' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores.at(-1)).toEqual({ kind: 'restorePoint', restorePoint: 'p2' });
    expect(actor.getSnapshot().context.undo).toEqual([{ restorePoint: 'p1', label: 'curl …' }]);
  });

  it('opening a step with its own start world sets it up once', async () => {
    const steps = lesson.steps.map((_, i) => ({ status: i < 5 ? 'done' : 'active', help: 'none', completedWith: i < 5 ? 'none' : null })) as never;
    const { actor, restores } = await started({ lesson, current: 4, steps });
    expect(restores).toEqual([{ kind: 'stepStart', stepIndex: 4 }]);
    actor.send({ type: 'step.next' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores.at(-1)).toEqual({ kind: 'stepStart', stepIndex: 5 });
    actor.send({ type: 'step.goto', index: 4 });
    actor.send({ type: 'step.next' });
    await waitFor(actor, (s) => s.matches('ready'));
    expect(restores).toHaveLength(2);
  });
});
