/**
 * Solving lessons headlessly the way the app does: portal actions through the portal's ARM client
 * and the router, commands in the lesson VM's real shell session with the router's fetch bound to
 * that VM, and Cloud Shell's bash signed in as the portal's user. Shared by the replay test and the
 * tests of a step's other paths (the Azure CLI in Cloud Shell in place of portal clicks).
 */
import { createRouter, type Router } from '../../src/cloud/router.ts';
import { evaluateChecks } from '../../src/lessons/checks/index.ts';
import { fillText, placeholderValues } from '../../src/lessons/placeholders.ts';
import { performPortalAction } from '../../src/lessons/portal/perform-via-arm.ts';
import { buildStartWorld } from '../../src/lessons/start-world.ts';
import { isPortalAction, type CompiledLesson, type CompiledStep, type SolutionAction, type WorldSource } from '../../src/lessons/types.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { azModule } from '../../src/shells/az/module.ts';
import { createPowerShellSession } from '../../src/shells/powershell/index.ts';
import { advanceClock, issueUserToken, type World } from '../../src/sim/index.ts';
import { steppingClock } from '../shells/bash/fake-cloud.ts';

const loadGrammar = async () => ({ languageWasm: 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm' });

export function startWorld(source: WorldSource): World {
  const built = buildStartWorld(source);
  if (!built.ok) throw new Error(built.message);
  return built.world;
}

export const vmNamed = (world: World, name: string) => {
  const vm = Object.values(world.data.virtualMachines).find((v) => v.name === name);
  if (!vm) throw new Error(`no VM ${name}`);
  return vm;
};

/** The mini-portal's fetch: the signed-in admin's ARM token, the portal as caller. */
export function portalFetch(router: Router) {
  return async (request: Request) => {
    const admin = Object.values(router.world.data.users)[0]!;
    const token = await issueUserToken(router.world, { user: admin.userPrincipalName, resource: 'https://management.azure.com/' });
    if (!token.ok) throw new Error(token.error.message);
    const headers = new Headers(request.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token.value.record.jwt}`);
    return router.fetch(new Request(request, { headers }), { from: { kind: 'portal', userId: admin.objectId } });
  };
}

export function shellFor(lesson: CompiledLesson, router: Router) {
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


/** Cloud Shell's bash with az, signed in as the portal's user (the world's first user, its admin). */
export function cloudShellFor(router: Router) {
  const admin = Object.values(router.world.data.users)[0]!;
  return createBashSession({
    vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
    fetch: (request) => router.fetch(request, { from: { kind: 'cloudShell', userId: admin.objectId } }),
    sleep: async (ms) => void advanceClock(router.world, ms),
    simulatedNow: () => router.world.now(),
    now: steppingClock(0.01),
    image: 'cloudShell',
    modules: [azModule({ cloudShell: true })],
  });
}

type Shell = ReturnType<typeof shellFor>;

/**
 * Performs a step's actions (its solution unless others are given; `cloudShell:` runs there) and
 * returns what its checks still wait for, with the shells' transcript.
 */
export async function performStep(
  lesson: CompiledLesson,
  step: CompiledStep,
  at: { router: Router; shell: Shell; cloudShell?: ReturnType<typeof cloudShellFor> },
  actions: (SolutionAction | { cloudShell: string })[] = step.solution,
): Promise<{ waiting: string[]; transcript: string[] }> {
  const { router, shell } = at;
  const transcript: string[] = [];
  if (step.start) router.replaceWorld(startWorld(step.start));
  const from = router.log.entries().at(-1)?.seq ?? 0;
  for (const action of actions) {
    const values = placeholderValues(router.world, lesson.vm);
    if ('cloudShell' in action) {
      at.cloudShell ??= cloudShellFor(router);
      const script = fillText(action.cloudShell, values);
      const result = await at.cloudShell.run(script);
      transcript.push(`(Cloud Shell) $ ${script}\n${result.stdout}\n${result.stderr}`);
    } else if (isPortalAction(action)) {
      const done = await performPortalAction(router.world, action, portalFetch(router));
      if (!done.ok) throw new Error(`${step.file}: portal action ${action.portal} failed: ${JSON.stringify(done)}`);
    } else {
      const script = fillText(action.shell, values);
      const result = await shell.run(script);
      transcript.push(`$ ${script}\n${result.stdout}\n${result.stderr}`);
    }
  }
  const entries = router.log.entries().filter((e) => e.seq > from);
  const judged = evaluateChecks(step.checks, { world: router.world, log: entries, values: placeholderValues(router.world, lesson.vm) });
  return { waiting: judged.results.filter((r) => !r.passed).map((r) => r.waitingFor), transcript };
}

/** A fresh router on the lesson's start world and the lesson VM's shell. */
export function replayer(lesson: CompiledLesson) {
  const router = createRouter(startWorld(lesson.start), { wait: async () => {} });
  return { router, shell: shellFor(lesson, router) };
}
