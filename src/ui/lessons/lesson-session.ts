/**
 * A lesson being taken: its own simulated cloud (runtime), the lesson VM's shell, the progress
 * machine with the engine's host actors, and saved progress. The machine judges every world change
 * and request-log entry; solutions run through ARM and the VM's terminal like the learner's own work.
 */
import { createActor, type Actor } from 'xstate';
import {
  createProgressStore,
  lessonHostActors,
  lessonProgressMachine,
  lessonProgressOf,
  type CompiledLesson,
  type LessonProgress,
  type ProgressStore,
  restoreSteps,
  type StorageLike,
} from '../../lessons/index';
import { createWorld, serializeWorld } from '../../sim/index';
import { SHARE_PREFIX } from '../../lessons/share-link';
import { embedStartProgress } from '../embed/embed-progress';
import { parseRoute } from '../routing/route';
import type { InteractiveShell } from '../../shells/terminal/terminal-controller';
import { createAppRuntime, type AppRuntime } from '../runtime/create-runtime';
import type { MountedTerminal } from '../terminal/xterm-setup';
import { VmSessions, worldTime, type VmSession } from '../workspace/vm-sessions';
import { cloudShellBash, cloudShellPowerShell, createShellWorker, shellAssets } from '../workspace/shell-workers';
import { CloudShell } from '../cloudshell/cloud-shell';

export interface LessonSession {
  lesson: CompiledLesson;
  runtime: AppRuntime;
  actor: Actor<typeof lessonProgressMachine>;
  store: ProgressStore;
  /** Set when the address opened a step ahead of the saved progress (progress then stays in memory). */
  direct: DirectStep | null;
  /** The lesson VM's shell session, opened on first use. */
  vm(): VmSession | null;
  /** Cloud Shell as the portal's user (Bash), opened on first use and closed with the world. */
  cloudShell(): VmSession | null;
  /** Called by the VM pane when its terminal is ready. */
  attachTerminal(terminal: MountedTerminal): void;
  /** The editor's text, kept so a solve can save the learner's attempt. */
  editorText: string;
  dispose(): void;
}

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The step this page's address opens ahead of the saved progress, if any: a share link
 * (`/lessons/<lesson>/<step>#state=…`, src/ui/share puts the sender's state back), or a plain
 * step address the learner has not reached yet (a presenter jumping to step 4, a docs page linking
 * to it). Either way the step opens directly, with the earlier steps counted done, and progress is
 * kept in memory: jumping ahead, or looking at someone else's step, never rewrites the learner's
 * own record (the page says so and links back to it).
 */
function directStep(lesson: CompiledLesson, index: number | null, saved: LessonProgress | undefined): DirectStep | null {
  if (index === null) return null;
  if (globalThis.location.hash.startsWith(SHARE_PREFIX)) return { index, reason: 'share' };
  return restoreSteps(lesson, saved).steps[index]!.status === 'locked' ? { index, reason: 'ahead' } : null;
}

/** The index of the step this page's address names in `lesson`, if it names one. */
function addressedStep(lesson: CompiledLesson): number | null {
  const address = globalThis.location;
  if (!address) return null;
  const route = parseRoute(address.pathname);
  if (route.name !== 'lesson' || route.lesson !== lesson.slug || !route.step) return null;
  const index = lesson.steps.findIndex((s) => s.slug === route.step);
  return index < 0 ? null : index;
}

/**
 * Saved progress opened at the step the address names, when the learner has reached it: the
 * lesson opens there at once. It used to open at the saved step and then go to the named one,
 * which built two start worlds and showed the wrong step in between (after the step preview had
 * shown the right one).
 */
function openedAtAddress(lesson: CompiledLesson, index: number | null, saved: LessonProgress | undefined): LessonProgress | undefined {
  if (!saved || index === null) return saved;
  return { ...saved, current: lesson.steps[index]!.slug };
}

export interface DirectStep {
  index: number;
  reason: 'share' | 'ahead';
}

export interface LessonSessionOptions {
  onVmChange?: () => void;
  /** Start from this progress instead of the saved one (an embed opens its own step). */
  progress?: LessonProgress;
  /** Where progress is saved; defaults to localStorage, null keeps it in memory. */
  storage?: StorageLike | null;
  /** The storage key, so an embed's progress never overwrites the app's own. */
  progressKey?: string;
}

export function createLessonSession(lesson: CompiledLesson, opts: LessonSessionOptions = {}): LessonSession {
  // The machine builds the step's real start world as it opens; this one only gives the router a world.
  const placeholder = createWorld('preset' in lesson.start ? lesson.start.preset : 'quickstart');
  const runtime = createAppRuntime(placeholder.ok ? placeholder.value : 'quickstart');
  const savedStore = createProgressStore({ storage: opts.storage !== undefined ? opts.storage : browserStorage(), ...(opts.progressKey ? { key: opts.progressKey } : {}) });
  const addressed = addressedStep(lesson);
  const direct = opts.progress ? null : directStep(lesson, addressed, savedStore.lesson(lesson.slug));
  const store = direct ? createProgressStore({ storage: null }) : savedStore;
  const vms = new VmSessions({ createWorker: createShellWorker, fetchFor: (vmId) => runtime.vmFetch(vmId), assets: shellAssets, world: () => runtime.world });
  const cloud = new CloudShell({ factories: { Bash: cloudShellBash, PowerShell: cloudShellPowerShell }, fetchFor: (userId) => runtime.cloudShellFetch(userId), ...worldTime(() => runtime.world) });
  let terminal: MountedTerminal | null = null;
  let terminalWaiters: ((t: MountedTerminal) => void)[] = [];
  // "Undo last action" needs a restore point before each thing the learner does: a command in the
  // terminal, or a change made in the portal (reads are not actions).
  const record = (label: string) => actor.send({ type: 'action.record', restorePoint: serializeWorld(runtime.world), label });
  const solutionFetch = runtime.portalFetch.bind(runtime);
  runtime.portalFetch = (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') record(`Portal: ${request.method} ${new URL(request.url).pathname}`);
    return solutionFetch(request);
  };
  const recordingShells = new WeakMap<VmSession, VmSession>();
  const recording = (vm: VmSession): VmSession => {
    let wrapped = recordingShells.get(vm);
    if (!wrapped) {
      const shell: InteractiveShell = { ...vm.shell, run: (source) => (record(`${vm.facts.vmName}: ${source.split('\n')[0]}`), vm.shell.run(source)) };
      wrapped = { ...vm, shell };
      recordingShells.set(vm, wrapped);
    }
    return wrapped;
  };

  const lessonVm = (): VmSession | null => {
    const vm = Object.values(runtime.world.data.virtualMachines).find((v) => v.name.toLowerCase() === lesson.vm.toLowerCase());
    if (!vm) return null;
    const session = vms.get(vm.id) ?? vms.connect(runtime.world, vm.id);
    return session ? recording(session) : null;
  };

  const actors = lessonHostActors(lesson, {
    world: () => runtime.world,
    replaceWorld: (world) => runtime.replaceWorld(world),
    // Solutions record their own restore point; their ARM calls are not separate learner actions.
    portalFetch: solutionFetch,
    async runShell(script) {
      if (!lessonVm()) throw new Error(`The lesson's VM ${lesson.vm} does not exist in this world.`);
      const t = terminal ?? (await new Promise<MountedTerminal>((resolve) => terminalWaiters.push(resolve)));
      return t.controller.runScript(script);
    },
  });
  const logSeq = runtime.log.entries().at(-1)?.seq ?? 0;
  const saved = opts.progress ?? (direct ? embedStartProgress(lesson, direct.index) : openedAtAddress(lesson, addressed, store.lesson(lesson.slug)));
  const actor = createActor(lessonProgressMachine.provide({ actors: { performSolve: actors.performSolve, restoreWorld: actors.restoreWorld } }), {
    input: { lesson, logSeq, ...(saved ? { progress: saved } : {}) },
  });

  let world = runtime.world;
  const unsubscribe = runtime.subscribe(() => {
    if (runtime.world !== world) {
      // A new world has other VMs: the old terminal's session is gone.
      world = runtime.world;
      vms.closeAll();
      cloud.close();
      terminal = null;
      opts.onVmChange?.();
    }
    actor.send({ type: 'world.changed', world: runtime.world, log: runtime.log.entries() });
  });
  // A step the learner opens is judged at once: work done ahead of time counts.
  let currentStep = -1;
  const judgeOnStepChange = actor.subscribe((snapshot) => {
    if (snapshot.context.current === currentStep || !snapshot.matches('ready')) return;
    currentStep = snapshot.context.current;
    queueMicrotask(() => actor.send({ type: 'world.changed', world: runtime.world, log: runtime.log.entries() }));
  });
  const saving = actor.subscribe((snapshot) => {
    try {
      store.saveLesson(lesson.slug, lessonProgressOf(snapshot.context));
    } catch {
      // The store already falls back to memory and tells the learner; never break the lesson.
    }
  });
  actor.start();

  const session: LessonSession = {
    lesson,
    runtime,
    actor,
    store,
    direct,
    vm: lessonVm,
    cloudShell: () => {
      // A PowerShell lesson's Cloud Shell opens as PowerShell (Cloud Shell remembers the shell a user last chose).
      const opened = cloud.connect(runtime.portalUser, lesson.shell === 'powershell' ? 'PowerShell' : 'Bash');
      return opened ? recording(opened) : null;
    },
    editorText: '',
    attachTerminal(t) {
      terminal = t;
      const waiting = terminalWaiters;
      terminalWaiters = [];
      waiting.forEach((resolve) => resolve(t));
    },
    dispose() {
      unsubscribe();
      saving.unsubscribe();
      judgeOnStepChange.unsubscribe();
      actor.stop();
      vms.closeAll();
      cloud.close();
      runtime.dispose();
    },
  };
  return session;
}
