/**
 * The Linux quickstart's two curls in a warm bash session, in Node, against a fetch that answers
 * instantly: the cost of the shell and curl themselves. Budget: bash.quickstart.median_ms ≤ 20.
 */
import { expect, test } from 'vitest';
import { createBashSession } from '../src/shells/bash';
import { fakeCloud, RESOURCE_GROUP, RESOURCE_GROUP_BODY, SUBSCRIPTION, VM } from '../test/shells/bash/fake-cloud';
import { cpuMedian, measure, record } from './harness';

const GET_TOKEN = `access_token=$(curl -s 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true | jq -r .access_token)`;
const CALL_ARM = `curl https://management.azure.com/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}?api-version=2016-09-01 -H "Authorization: Bearer $access_token"`;

test('bash quickstart: token + ARM call, warm session', async () => {
  const session = createBashSession({ vm: VM, fetch: fakeCloud().fetch });
  const quickstart = async () => {
    await session.run(GET_TOKEN);
    return session.run(CALL_ARM);
  };
  expect((await quickstart()).stdout).toBe(RESOURCE_GROUP_BODY);
  const m = await measure(quickstart, { iterations: 200, warmup: 30 });
  record('bash.quickstart.median_ms', m.median);
  record('bash.quickstart.p95_ms', m.p95);
  // CPU time of the same work (the wall-clock median mostly measures waiting for a core when the machine is busy).
  record('bash.quickstart.cpu_median_ms', await cpuMedian(quickstart, 200));
}, 120_000);
