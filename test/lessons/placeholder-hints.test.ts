/**
 * A learner pastes the docs' command with `<SUBSCRIPTION ID>` still in it. They get what the real
 * shell and ARM would give them, and the step shows a hint with the ids of their world.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { lessonProgressMachine, type LessonProgressEvent } from '../../src/lessons/lesson-progress.machine.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { createPowerShellSession } from '../../src/shells/powershell/index.ts';
// Run limits count work, not wall time: a loaded machine must not stop a solution at the 2 s limit.
import { steppingClock } from '../shells/powershell/fake-azure';
import { enableSystemAssigned, quickstartWorld } from '../../src/sim/index.ts';

let lessons: CompiledLesson[];
beforeAll(async () => {
  lessons = await loadLessons('lessons');
});

function setup(slug: string) {
  const lesson = lessons.find((l) => l.slug === slug)!;
  const q = quickstartWorld();
  enableSystemAssigned(q.world, q.linuxVmId);
  enableSystemAssigned(q.world, q.windowsVmId);
  const router = createRouter(q.world, { wait: async () => {} });
  const vm = Object.values(q.world.data.virtualMachines).find((v) => v.name === lesson.vm)!;
  const facts = { vmName: vm.name, computerName: vm.name, adminUsername: 'azureuser', vmId: vm.properties.vmId, location: vm.location };
  const fetch = (r: Request) => router.fetch(r, { from: { kind: 'vm', vmId: vm.id } });
  const shell =
    lesson.shell === 'bash'
      ? createBashSession({ vm: facts, fetch, now: steppingClock() })
      : createPowerShellSession({ vm: facts, fetch, clock: steppingClock(), loadGrammar: async () => ({ languageWasm: 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm' }) });
  let snapshot: SnapshotFrom<typeof lessonProgressMachine> = initialTransition(lessonProgressMachine, { lesson, logSeq: 0 })[0];
  const send = (e: LessonProgressEvent | { type: string }) => {
    snapshot = transition(lessonProgressMachine, snapshot, e as LessonProgressEvent)[0];
  };
  send({ type: 'xstate.done.actor.restoreWorld' });
  /** Runs like the app: the output goes to the machine, then the log. */
  const run = async (script: string) => {
    const result = await shell.run(script);
    send({ type: 'shell.ran', world: q.world, script, stdout: result.stdout, stderr: result.stderr });
    send({ type: 'log.appended', world: q.world, log: router.log.entries() });
    return result;
  };
  return { q, router, run, hint: () => snapshot.context.ruleHint };
}

const BASH_TOKEN = `access_token=$(curl -s 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true | jq -r .access_token)`;

describe('the docs placeholder pasted into a command', () => {
  it('bash, as in the docs (unquoted): the shell reads <SUBSCRIPTION-ID> as a redirection; the hint names the real ids', async () => {
    const { q, run, hint, router } = setup('linux-vm-arm');
    await run(BASH_TOKEN);
    const before = router.log.size;
    const result = await run('curl https://management.azure.com/subscriptions/<SUBSCRIPTION-ID>/resourceGroups/<RESOURCE-GROUP>?api-version=2016-09-01 -H "Authorization: Bearer <ACCESS-TOKEN>"');
    expect(result.stderr).toMatch(/SUBSCRIPTION-ID: No such file or directory/);
    expect(router.log.size).toBe(before);
    expect(hint()).toContain(`subscription ${q.subscriptionId}, resource group myResourceGroup`);
  });

  it('bash, quoted: the request reaches ARM, which refuses it; the log-keyed hint names the real ids', async () => {
    const { q, run, hint, router } = setup('linux-vm-arm');
    await run(BASH_TOKEN);
    // Percent-encoded, so the shell passes it through; the ARM error then quotes it back.
    await run(`curl -s 'https://management.azure.com/subscriptions/%3CSUBSCRIPTION-ID%3E/resourceGroups/%3CRESOURCE-GROUP%3E?api-version=2016-09-01' -H "Authorization: Bearer $access_token"`);
    const last = router.log.entries().at(-1)!;
    expect(last.service).toBe('arm');
    expect(last.response!.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(last.response!.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(hint()).toBe(`That URL still contains a placeholder copied from the docs. In this world the subscription id is ${q.subscriptionId} and the resource group is myResourceGroup.`);
  });

  it('PowerShell, as in the docs: 5.1 refuses the `<` before sending anything; the hint names the real ids', async () => {
    const { q, run, hint, router } = setup('windows-vm-arm');
    const result = await run(
      '(Invoke-WebRequest -Uri https://management.azure.com/subscriptions/<SUBSCRIPTION ID>/resourceGroups/<RESOURCE GROUP>?api-version=2016-06-01 -Method GET -ContentType "application/json" -Headers @{ Authorization ="Bearer $ArmToken"}).content',
    );
    expect(result.stderr).toMatch(/The '<' operator is reserved for future use\./);
    expect(router.log.size).toBe(0);
    expect(hint()).toContain(`subscription ${q.subscriptionId} and resource group myResourceGroup`);
  });
});
