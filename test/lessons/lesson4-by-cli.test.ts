/**
 * Lesson 4 (user-assigned identity) done the tutorial's way: the `az` commands its first three steps
 * show, typed in Cloud Shell as the portal's user (placeholders filled as the page fills them). The
 * checks look at the world, so the steps pass exactly as they do when the portal makes the changes
 * (the portal path is the lesson's own solution, replayed in replay.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { evaluateChecks } from '../../src/lessons/checks/index.ts';
import { fillText, placeholderValues } from '../../src/lessons/placeholders.ts';
import { buildStartWorld } from '../../src/lessons/start-world.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { steppingClock } from '../shells/powershell/fake-azure';
import { azModule } from '../../src/shells/az/module.ts';
import { advanceClock } from '../../src/sim/index.ts';

const lessons = await loadLessons('lessons');

/** The commands of a step's plain ```bash blocks that start with `az` (the Cloud Shell path). */
function cloudShellCommands(markdown: string): string[] {
  return [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).filter((l) => l.startsWith('az '));
}

describe('lesson 4 by the Azure CLI in Cloud Shell', () => {
  it('each of steps 1–3 passes its checks after its az command', async () => {
    const lesson = lessons.find((l) => l.slug === 'linux-vm-user-assigned')!;
    const built = buildStartWorld(lesson.start);
    if (!built.ok) throw new Error(built.message);
    const world = built.world;
    const router = createRouter(world, { wait: async () => {} });
    const admin = Object.values(world.data.users)[0]!;
    const shell = createBashSession({
      vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
      fetch: (request) => router.fetch(request, { from: { kind: 'cloudShell', userId: admin.objectId } }),
      simulatedNow: () => world.clock.now(),
      now: steppingClock(),
      image: 'cloudShell',
      modules: [azModule({ cloudShell: true })],
    });
    const { readFile } = await import('node:fs/promises');
    for (const step of lesson.steps.slice(0, 3)) {
      const from = router.log.entries().at(-1)?.seq ?? 0;
      const source = await readFile(step.file, 'utf8');
      const commands = cloudShellCommands(source);
      expect(commands.length, step.file).toBeGreaterThan(0);
      for (const command of commands) {
        const line = fillText(command, placeholderValues(world, lesson.vm));
        const r = await shell.run(line);
        expect(r.exitCode, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
      }
      // Role assignments take effect after the world's propagation delay, as in the portal path.
      advanceClock(world, 10 * 60_000);
      const judged = evaluateChecks(step.checks, { world, log: router.log.entries().filter((e) => e.seq > from), values: placeholderValues(world, lesson.vm) });
      expect(judged.results.filter((r) => !r.passed).map((r) => r.waitingFor), step.file).toEqual([]);
    }
  }, 60_000);
});
