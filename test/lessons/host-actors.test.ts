import { beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { lessonHostActors, type LessonHost } from '../../src/lessons/host-actors.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { issueUserToken, quickstartWorld, serializeWorld, type World } from '../../src/sim/index.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = (await loadLessons('lessons')).find((l) => l.slug === 'linux-vm-arm')!;
});

function host(opts: { replay?: boolean } = {}) {
  const router = createRouter(quickstartWorld().world, { wait: async () => {} });
  const ran: string[] = [];
  const replayed: string[] = [];
  const h: LessonHost = {
    world: () => router.world,
    replaceWorld: (w: World) => router.replaceWorld(w),
    portalFetch: async (request) => {
      const admin = Object.values(router.world.data.users)[0]!;
      const t = await issueUserToken(router.world, { user: admin.userPrincipalName, resource: 'https://management.azure.com/' });
      if (!t.ok) throw new Error(t.error.message);
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${t.value.record.jwt}`);
      return router.fetch(new Request(request, { headers }), { from: { kind: 'portal' } });
    },
    runShell: async (script) => void ran.push(script),
    ...(opts.replay ? { replayShell: async (script: string) => void replayed.push(script) } : {}),
  };
  return { router, ran, replayed, actors: lessonHostActors(lesson, h) };
}

const identityOn = (w: World) => Object.values(w.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!.identity !== undefined;

describe('lesson host actors', () => {
  it('solve runs commands in the learner\'s shell with this world\'s ids and returns the world before', async () => {
    const { router, ran, actors } = host();
    const before = serializeWorld(router.world);
    const step = lesson.steps[4]!;
    const out = await toPromise(createActor(actors.performSolve, { input: { lesson, stepIndex: 4, step } }).start());
    expect(out.restorePoint).toBe(before);
    const sub = Object.values(router.world.data.subscriptions)[0]!.subscriptionId;
    expect(ran.join('\n')).toContain(`/subscriptions/${sub}/resourceGroups/myResourceGroup?api-version=2016-09-01`);
  });

  it('a restore point puts that world back; a bad one fails with the reason', async () => {
    const { router, actors } = host();
    const saved = serializeWorld(router.world);
    await toPromise(createActor(actors.performSolve, { input: { lesson, stepIndex: 0, step: lesson.steps[0]! } }).start());
    expect(identityOn(router.world)).toBe(true);
    await toPromise(createActor(actors.restoreWorld, { input: { kind: 'restorePoint', restorePoint: saved } }).start());
    expect(identityOn(router.world)).toBe(false);
    await expect(toPromise(createActor(actors.restoreWorld, { input: { kind: 'restorePoint', restorePoint: '{"not":"a world"}' } }).start())).rejects.toThrow(/snapshot/i);
  });

  it('rebuilding a step start replays portal actions through ARM and shell commands only through replayShell', async () => {
    const skipping = host();
    await toPromise(createActor(skipping.actors.restoreWorld, { input: { kind: 'stepStart', stepIndex: 4 } }).start());
    expect(identityOn(skipping.router.world)).toBe(true);
    expect(skipping.router.log.entries().map((e) => e.request.method)).toEqual(['PATCH', 'PUT']);
    expect(skipping.ran).toEqual([]);

    const replaying = host({ replay: true });
    await toPromise(createActor(replaying.actors.restoreWorld, { input: { kind: 'stepStart', stepIndex: 4 } }).start());
    expect(replaying.replayed).toHaveLength(2);
    expect(replaying.ran).toEqual([]);
  });
});
