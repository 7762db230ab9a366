/**
 * The user-assigned lesson's hint rules against what the simulated shell and IMDS really answer:
 * each typical mistake with client_id gets its own hint, in the world of the step where it happens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { learnerAt, repositoryLesson } from './lesson-learner.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = await repositoryLesson('linux-vm-user-assigned');
});

const TOKEN = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/';

/** A learner at step `index` (step 4's world is the lesson's with steps 1–3 done), in a shell on myLinuxVM. */
const learner = (index: number) => learnerAt(lesson, index);

const ids = (v: ReturnType<typeof placeholderValues>) => v.identities['myuserassignedidentity']!;

describe('user-assigned lesson: a hint for each typical mistake', () => {
  it.each([
    {
      name: 'forgetting client_id on a VM with two identities',
      step: 5,
      command: () => `curl -s '${TOKEN}' -H Metadata:true`,
      output: /Multiple user assigned identities exist, please specify the clientId \/ resourceId of the identity in the token request/,
      hint: /"Multiple user assigned identities exist…" means the VM has more than one identity and you named none: add &client_id=[0-9a-f-]{36}/,
    },
    {
      name: 'the object id where the client id belongs',
      step: 5,
      command: (v: ReturnType<typeof placeholderValues>) => `curl -s '${TOKEN}&client_id=${ids(v).objectId}' -H Metadata:true`,
      output: /"error_description":"Identity not found"/,
      hint: /^That is myUserAssignedIdentity's object \(principal\) id, not its client id\./,
    },
    {
      name: 'the resource id in client_id, without msi_res_id',
      step: 3,
      command: (v: ReturnType<typeof placeholderValues>) => `curl -s '${TOKEN}&client_id=${ids(v).resourceId}' -H Metadata:true`,
      output: /"error_description":"Identity not found"/,
      hint: /^That is the identity's resource id\. IMDS does not read client_id as a resource id: send it as msi_res_id=/,
    },
    {
      name: "the docs' <UAMI CLIENT ID>, quoted as the docs do",
      step: 3,
      command: () => `curl -H Metadata:true "${TOKEN}&client_id=<UAMI CLIENT ID>"`,
      output: /curl: \(3\) URL using bad\/illegal format/,
      hint: /still has a placeholder from the docs in it.*client_id=[0-9a-f-]{36}/,
    },
    {
      name: "the other identity's token: ARM's 403, with the step's own words",
      step: 5,
      command: (v: ReturnType<typeof placeholderValues>) =>
        `t=$(curl -s '${TOKEN}&client_id=${v.identities['myotheridentity']!.clientId}' -H Metadata:true | jq -r .access_token); curl -s 'https://management.azure.com/subscriptions/${v.subscriptionId}/resourceGroups/myResourceGroup?api-version=2016-09-01' -H "Authorization: Bearer $t"`,
      output: /AuthorizationFailed/,
      hint: /^That 403 is the third mistake: the token is myOtherIdentity's/,
    },
  ])('$name', async ({ step, command, output, hint }) => {
    const l = learner(step);
    const run = await l.run(command(l.values));
    expect(`${run.stdout}${run.stderr}`).toMatch(output);
    expect(l.hint()).toMatch(hint);
  });

  it('the right request gets no hint', async () => {
    const l = learner(3);
    const run = await l.run(`curl -s '${TOKEN}&client_id=${ids(l.values).clientId}' -H Metadata:true`);
    expect(run.stdout).toContain(`"client_id":"${ids(l.values).clientId}"`);
    expect(l.hint()).toBeNull();
  });
});
