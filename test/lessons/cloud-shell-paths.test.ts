/**
 * A step's checks look at the world, not at how it got there: where a lesson offers the Azure CLI in
 * Cloud Shell beside the portal clicks, the same commands (the step's plain `bash` blocks, as the
 * learner reads them) must complete the step. The lesson is replayed up to that step with its
 * solutions; the step itself is done with the CLI alone (plus the step's VM commands).
 */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { evaluateChecks } from '../../src/lessons/checks/index.ts';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import { isPortalAction, type CompiledLesson, type CompiledStep } from '../../src/lessons/types.ts';
import { createCloudShellPowerShellSession, signInCloudShellAz } from '../../src/shells/powershell/cloud-shell.ts';
import { loadGrammar, steppingClock } from '../shells/powershell/fake-azure';
import { performStep, replayer } from './replay-harness.ts';

const lessons = await loadLessons('lessons');

/** The step's Cloud Shell blocks: ```bash fences without `run` (run targets the VM), as HTML-decoded text. */
function cloudShellBlocks(step: CompiledStep, lang = 'bash'): string[] {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...step.html.matchAll(new RegExp(`<pre data-lang="${lang}"><code[^>]*>([\\s\\S]*?)</code></pre>`, 'g'))].map((m) => decode(m[1]!));
}

const CASES: { lesson: string; step: string; blocks: number[] }[] = [
  { lesson: 'turn-it-off', step: 'switch-it-off', blocks: [0] },
  { lesson: 'turn-it-off', step: 'remove-the-orphan', blocks: [0] },
  { lesson: 'linux-vm-storage-sas', step: 'grant-storage-account-contributor', blocks: [0] },
];

describe.each(CASES)('$lesson / $step with the Azure CLI in Cloud Shell', ({ lesson: slug, step: stepSlug, blocks }) => {
  it('completes the step in place of the portal clicks', async () => {
    const lesson = lessons.find((l) => l.slug === slug) as CompiledLesson;
    const index = lesson.steps.findIndex((s) => s.slug === stepSlug);
    const at = replayer(lesson);
    for (const step of lesson.steps.slice(0, index)) expect((await performStep(lesson, step, at)).waiting, step.file).toEqual([]);
    const step = lesson.steps[index]!;
    const cli = cloudShellBlocks(step);
    expect(cli.length, `${step.file} has Cloud Shell blocks`).toBeGreaterThan(Math.max(...blocks));
    const vmCommands = step.solution.filter((a) => !isPortalAction(a));
    const done = await performStep(lesson, step, at, [...blocks.map((b) => ({ cloudShell: cli[b]! })), ...vmCommands]);
    expect(done.waiting, done.transcript.join('\n')).toEqual([]);
  }, 60_000);
});

it('the last step of turn-it-off: detach, unassign and delete with the CLI, as the article orders them', async () => {
  const lesson = lessons.find((l) => l.slug === 'turn-it-off')!;
  const step = lesson.steps.at(-1)!;
  const at = replayer(lesson);
  const [detachUnassignDelete] = cloudShellBlocks(step);
  expect(detachUnassignDelete).toContain('az identity delete');
  const done = await performStep(lesson, step, at, [{ cloudShell: detachUnassignDelete! }, { shell: "curl -s 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true" }]);
  // Done in this order nothing is orphaned: the assignment went before the identity, so the one
  // check that waits is the step's point that an assignment is left behind when it is not.
  expect(done.waiting, done.transcript.join('\n')).toEqual([expect.stringMatching(/holds Reader on resource group myResourceGroup to be disabled or deleted/)]);
}, 60_000);

it("turn-it-off's orphan clean-up with the documented Az PowerShell pipeline, in Cloud Shell's PowerShell", async () => {
  const lesson = lessons.find((l) => l.slug === 'turn-it-off')!;
  const index = lesson.steps.findIndex((s) => s.slug === 'remove-the-orphan');
  const at = replayer(lesson);
  for (const step of lesson.steps.slice(0, index)) expect((await performStep(lesson, step, at)).waiting, step.file).toEqual([]);
  const step = lesson.steps[index]!;
  const [pipeline] = cloudShellBlocks(step, 'powershell');
  expect(pipeline).toContain('Remove-AzRoleAssignment');
  const admin = Object.values(at.router.world.data.users)[0]!;
  const pwsh = createCloudShellPowerShellSession({
    vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
    fetch: (request) => at.router.fetch(request, { from: { kind: 'cloudShell', userId: admin.objectId } }),
    loadGrammar,
    clock: steppingClock(),
    now: () => new Date(at.router.world.now()),
  });
  await signInCloudShellAz(pwsh);
  const from = at.router.log.entries().at(-1)?.seq ?? 0;
  const removed = await pwsh.run(pipeline!);
  expect(removed.stderr).toBe('');
  // The step has no VM commands: its checks judge the world and the requests since the pipeline began.
  expect(step.solution.filter((a) => !isPortalAction(a))).toEqual([]);
  const values = placeholderValues(at.router.world, lesson.vm);
  const judged = evaluateChecks(step.checks, { world: at.router.world, log: at.router.log.entries().filter((e) => e.seq > from), values });
  expect(judged.results.filter((r) => !r.passed).map((r) => r.waitingFor), removed.stdout).toEqual([]);
}, 60_000);
