/**
 * The storage lesson's hint rules against what the simulated shell and Storage really answer: each
 * typical mistake from the tutorial gets its own hint, and the "what goes wrong" step's own rules
 * speak first there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../build/lessons-plugin.ts';
import { createRouter } from '../../src/cloud/router.ts';
import { hintFor, hintForRun } from '../../src/lessons/hint-rules.ts';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { createBashSession } from '../../src/shells/bash/index.ts';
import { steppingClock } from '../shells/powershell/fake-azure';
import { dataWorld, enableSystemAssigned } from '../../src/sim/index.ts';
import { grant, linuxVm } from './checks/world-fixtures.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = (await loadLessons('lessons')).find((l) => l.slug === 'linux-vm-storage')!;
});

const TOKEN = (resource: string) =>
  `access_token=$(curl -s 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${resource}' -H Metadata:true | jq -r .access_token)`;
const STORAGE_TOKEN = TOKEN('https%3A%2F%2Fstorage.azure.com%2F');
const ARM_TOKEN = TOKEN('https://management.azure.com/');
const BLOB = 'https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt';
const VERSION = '-H "x-ms-version: 2017-11-09"';
const BEARER = '-H "Authorization: Bearer $access_token"';

/** myLinuxVM with its identity on, optionally with the data role, in a shell of its own. */
function learner({ dataRole }: { dataRole: boolean }) {
  const d = dataWorld();
  const on = enableSystemAssigned(d.world, d.linuxVmId);
  if (!on.ok) throw new Error(on.error.message);
  if (dataRole) grant(d, 'Storage Blob Data Reader', `/subscriptions/${d.subscriptionId}/resourceGroups/myResourceGroup`);
  const router = createRouter(d.world, { wait: async () => {} });
  const vm = linuxVm(d);
  const shell = createBashSession({
    vm: { vmName: vm.name, computerName: vm.name, adminUsername: 'azureuser', vmId: vm.properties.vmId, location: vm.location },
    fetch: (r: Request) => router.fetch(r, { from: { kind: 'vm', vmId: vm.id } }),
    now: steppingClock(),
  });
  const values = placeholderValues(d.world, 'myLinuxVM');
  let lastRun = { script: '', stdout: '', stderr: '' };
  return {
    router,
    run: async (...lines: string[]) => {
      for (const script of lines) lastRun = { script, ...(await shell.run(script)) };
      return lastRun;
    },
    /** What the app shows: a hint on the last run's output, else one keyed on the log. */
    hint: (stepIndex = 3) => {
      const rules = [...lesson.steps[stepIndex]!.hintRules, ...lesson.hintRules];
      return hintForRun(rules, lastRun, values) ?? hintFor(rules, router.log.entries(), values);
    },
  };
}

describe('storage lesson: a hint for each typical mistake', () => {
  it.each([
    {
      name: "the docs' placeholders, unquoted: bash reads <STORAGE as a redirection and nothing is sent",
      lines: ['curl https://<STORAGE ACCOUNT>.blob.core.windows.net/<CONTAINER NAME>/<FILE NAME> -H "x-ms-version: 2017-11-09" -H "Authorization: Bearer <ACCESS TOKEN>"'],
      output: /STORAGE: No such file or directory/,
      hint: /placeholder from the docs[^]*storage account mysandboxstorage, container mycontainer, file hello\.txt/,
    },
    {
      name: 'a misspelt account: no such host',
      lines: [STORAGE_TOKEN, `curl https://mysandboxstorge.blob.core.windows.net/mycontainer/hello.txt ${VERSION} ${BEARER}`],
      output: /Could not resolve host/,
      hint: /in this world the account is mysandboxstorage/,
    },
    {
      name: 'the ARM token from the other lesson: 401, wrong audience',
      lines: [ARM_TOKEN, `curl ${BLOB} ${VERSION} ${BEARER}`],
      output: /<Code>InvalidAuthenticationInfo<\/Code>[^]*Audience validation failed/,
      hint: /audience did not match[^]*resource=https%3A%2F%2Fstorage\.azure\.com%2F/,
    },
    {
      name: 'no x-ms-version: 403 AuthenticationFailed',
      lines: [STORAGE_TOKEN, `curl ${BLOB} ${BEARER}`],
      output: /<Code>AuthenticationFailed<\/Code>[^]*Authentication scheme Bearer is not supported in this version/,
      hint: /x-ms-version header is missing/,
    },
    {
      name: 'an empty $access_token: 403 AuthenticationFailed too',
      lines: [`curl ${BLOB} ${VERSION} ${BEARER}`],
      output: /<Code>AuthenticationFailed<\/Code>[^]*MAC signature/,
      hint: /\$access_token is empty in this shell/,
    },
  ])('$name', async ({ lines, output, hint }) => {
    const s = learner({ dataRole: false });
    const run = await s.run(...lines);
    expect(`${run.stdout}${run.stderr}`).toMatch(output);
    expect(s.hint()).toMatch(hint);
  });

  it('no data role: 403 AuthorizationPermissionMismatch, and the hint says why Reader is not enough', async () => {
    const s = learner({ dataRole: false });
    const run = await s.run(STORAGE_TOKEN, `curl ${BLOB} ${VERSION} ${BEARER}`);
    expect(run.stdout).toMatch(/<Code>AuthorizationPermissionMismatch<\/Code>/);
    expect(s.hint()).toMatch(/Reader, Contributor and Owner only manage the account[^]*Storage Blob Data Reader on myResourceGroup/);
  });

  it('with the role, a wrong blob name is a 404 with its own hint; the right one is no mistake at all', async () => {
    const s = learner({ dataRole: true });
    await s.run(STORAGE_TOKEN, `curl ${BLOB.replace('hello.txt', 'Hello.txt')} ${VERSION} ${BEARER}`);
    expect(s.router.log.entries().at(-1)!.response!.status).toBe(404);
    expect(s.hint()).toMatch(/mycontainer and hello\.txt, and blob names are case-sensitive/);
    const fresh = learner({ dataRole: true });
    expect((await fresh.run(STORAGE_TOKEN, `curl ${BLOB} ${VERSION} ${BEARER}`)).stdout).toBe('Hello world! :)');
    expect(fresh.hint()).toBeNull();
  });

  it('in "what goes wrong" the step\'s own rules speak first, each mistake pointing to the next', async () => {
    const s = learner({ dataRole: false });
    const step = lesson.steps.length - 1;
    await s.run(ARM_TOKEN, `curl ${BLOB} ${VERSION} ${BEARER}`);
    expect(s.hint(step)).toMatch(/^That 401 is the first mistake/);
    await s.run(STORAGE_TOKEN, `curl ${BLOB} ${BEARER}`);
    expect(s.hint(step)).toMatch(/^That 403 AuthenticationFailed/);
    await s.run(`curl ${BLOB} ${VERSION} ${BEARER}`);
    expect(s.hint(step)).toMatch(/^That is the third/);
  });
});
