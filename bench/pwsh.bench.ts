/**
 * PowerShell session speed on the Windows quickstart: the four commands of imds.md §4.2 run in a warm
 * session (grammar loaded, first run done) against an instant fake IMDS + ARM, in Node.
 * Budget (issue 6): median ≤ 30 ms for the whole quickstart.
 */
import { expect, test } from 'vitest';
import { createPowerShellSession } from '../src/shells/powershell';
import { fakeFetch, loadGrammar, newSession, RG, SUB, VM } from '../test/shells/powershell/fake-azure';
import { measure, record } from './harness';

const STEPS = [
  `$response = Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Method GET -Headers @{Metadata="true"}`,
  `$content = $response.Content | ConvertFrom-Json`,
  `$ArmToken = $content.access_token`,
  `(Invoke-WebRequest -Uri https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01 -Method GET -ContentType "application/json" -Headers @{ Authorization ="Bearer $ArmToken"}).content`,
];

test('Windows quickstart in a warm PowerShell session', async () => {
  const session = newSession();
  // Warm-up: load the grammar and JIT the evaluator.
  for (const step of STEPS) await session.run(step);
  let last = '';
  const m = await measure(
    async () => {
      for (const step of STEPS) last = (await session.run(step)).stdout;
    },
    { iterations: 200, warmup: 20 },
  );
  expect(last).toContain('"provisioningState":"Succeeded"');
  record('pwsh.quickstart.median_ms', m.median);
  record('pwsh.quickstart.p95_ms', m.p95);

  // A cold session on an already-loaded grammar (what a second VM terminal costs).
  const cold = await measure(
    async () => {
      const s = createPowerShellSession({ fetch: fakeFetch({ identity: true, reader: true }), vm: VM, loadGrammar });
      await s.run(STEPS[0] as string);
    },
    { iterations: 50, warmup: 5 },
  );
  record('pwsh.new_session_first_run.median_ms', cold.median);
});
