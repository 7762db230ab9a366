import { beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { applyPortalAction } from '../../src/lessons/portal/apply-to-world.ts';
import { buildStartWorld } from '../../src/lessons/start-world.ts';
import { buildStepStartWorld, type PerformAction } from '../../src/lessons/step-world.ts';
import { isPortalAction, type CompiledLesson } from '../../src/lessons/types.ts';
import { listRoleAssignments, type World } from '../../src/sim/index.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = (await loadLessons('lessons')).find((l) => l.slug === 'linux-vm-arm')!;
});

const identityOn = (w: World) => Object.values(w.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!.identity?.type === 'SystemAssigned';
const readerCount = (w: World) => {
  const sub = Object.values(w.data.subscriptions)[0]!.subscriptionId;
  const r = listRoleAssignments(w, { scope: `/subscriptions/${sub}/resourceGroups/myResourceGroup` });
  return r.ok ? r.value.filter((a) => a.assignment.principalType === 'ServicePrincipal').length : -1;
};

describe('step start worlds', () => {
  it('a step without its own start replays the earlier solutions from the lesson start', async () => {
    const performed: string[] = [];
    const perform: PerformAction = async (action, { world, step }) => {
      performed.push(`${step.slug}:${isPortalAction(action) ? action.portal : 'shell'}`);
      if (isPortalAction(action)) applyPortalAction(world, action);
    };
    const w0 = await buildStepStartWorld(lesson, 0, perform);
    expect(identityOn(w0)).toBe(false);
    expect(performed).toEqual([]);
    const w3 = await buildStepStartWorld(lesson, 3, perform);
    expect(performed).toEqual(['enable-identity:enableSystemAssigned', 'grant-reader:assignRole', 'connect:shell']);
    expect(identityOn(w3)).toBe(true);
    expect(readerCount(w3)).toBe(1);
  });

  it('a step with its own start begins there, with its setup applied and nothing replayed', async () => {
    const performed: string[] = [];
    const w = await buildStepStartWorld(lesson, 5, async (a) => void performed.push(JSON.stringify(a)));
    expect(performed).toEqual([]);
    expect(identityOn(w)).toBe(true);
    expect(readerCount(w)).toBe(0);
  });

  it('tells the host about the base world before replaying on it', async () => {
    let base: World | undefined;
    const seen: World[] = [];
    const w = await buildStepStartWorld(lesson, 2, async (_a, { world }) => void seen.push(world), { onBase: (b) => (base = b) });
    expect(base).toBe(w);
    expect(seen.every((s) => s === w)).toBe(true);
  });

  it('refuses a step that does not exist', async () => {
    await expect(buildStepStartWorld(lesson, 6, async () => {})).rejects.toThrow(/has no step 7/);
    await expect(buildStepStartWorld(lesson, -1, async () => {})).rejects.toThrow(RangeError);
  });

  it('an unknown preset or an inapplicable setup is an error, not a throw', () => {
    expect(buildStartWorld({ preset: 'nope', setup: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/nope/) });
    expect(buildStartWorld({ preset: 'quickstart', setup: [{ portal: 'assignRole', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' }] })).toEqual({
      ok: false,
      message: 'setup action 1 (assignRole) failed: myLinuxVM has no system-assigned identity yet',
    });
  });
});
