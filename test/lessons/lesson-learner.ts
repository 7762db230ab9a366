/**
 * A learner at one step of a repository lesson, for hint-rule tests: the step's start world (its own
 * `start`, else the lesson's with the earlier steps' portal actions applied), a session in the
 * lesson's shell on the lesson's VM, and the hint the app would show after the last run.
 */
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { hintFor, hintForRun } from '../../src/lessons/hint-rules.ts';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import { buildStartWorld } from '../../src/lessons/start-world.ts';
import { isPortalAction, type CompiledLesson, type WorldSource } from '../../src/lessons/types.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { createPowerShellSession } from '../../src/shells/powershell/index.ts';
// Run limits count work, not wall time: a loaded machine must not stop a solution at the 2 s limit.
import { steppingClock } from '../shells/powershell/fake-azure';

export async function repositoryLesson(slug: string): Promise<CompiledLesson> {
  const lesson = (await loadLessons('lessons')).find((l) => l.slug === slug);
  if (!lesson) throw new Error(`no lesson ${slug}`);
  return lesson;
}

const loadGrammar = async () => ({ languageWasm: 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm' });

export function learnerAt(lesson: CompiledLesson, index: number) {
  const earlier = lesson.steps.slice(0, index).flatMap((s) => s.solution).filter(isPortalAction);
  const source: WorldSource = lesson.steps[index]!.start ?? { ...lesson.start, setup: [...lesson.start.setup, ...earlier] };
  const built = buildStartWorld(source);
  if (!built.ok) throw new Error(built.message);
  const world = built.world;
  const router = createRouter(world, { wait: async () => {} });
  const vm = Object.values(world.data.virtualMachines).find((v) => v.name === lesson.vm)!;
  const facts = { vmName: vm.name, computerName: vm.name, adminUsername: 'azureuser', vmId: vm.properties.vmId, location: vm.location };
  const fetch = (r: Request) => router.fetch(r, { from: { kind: 'vm', vmId: vm.id } });
  const shell = lesson.shell === 'bash' ? createBashSession({ vm: facts, fetch, now: steppingClock() }) : createPowerShellSession({ vm: facts, fetch, clock: steppingClock(), loadGrammar });
  const values = placeholderValues(world, lesson.vm);
  let lastRun = { script: '', stdout: '', stderr: '' };
  return {
    router,
    values,
    /** Runs each script in turn; returns the last run. */
    run: async (...scripts: string[]) => {
      for (const script of scripts) lastRun = { script, ...(await shell.run(script)) };
      return lastRun;
    },
    /** What the app shows: a hint on the last run's output, else one keyed on the log (the step's rules first). */
    hint: (stepIndex = index) => {
      const rules = [...lesson.steps[stepIndex]!.hintRules, ...lesson.hintRules];
      return hintForRun(rules, lastRun, values) ?? hintFor(rules, router.log.entries(), values);
    },
  };
}
