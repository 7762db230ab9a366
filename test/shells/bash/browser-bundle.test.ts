/**
 * In the app the session runs on just-bash's browser bundle, which exports less than the Node one.
 * Run the quickstart and the session's moving parts on that bundle.
 */
import { expect, test, vi } from 'vitest';

vi.mock('just-bash', () => import('just-bash/browser'));

const { createBashSession } = await import('../../../src/shells/bash');
const { fakeCloud, RESOURCE_GROUP_BODY, RG_URL, steppingClock, TOKEN_URL, TOKEN_PAYLOAD, VM } = await import('./fake-cloud');

test('the quickstart, state, base64 and curl work on just-bash/browser', async () => {
  const { Bash } = await import('just-bash');
  const browser = await import('just-bash/browser');
  expect(Bash).toBe(browser.Bash);

  // A stepping clock, so the CPU budget counts work: on a loaded machine a real clock ran it out mid-curl.
  const session = createBashSession({ vm: VM, fetch: fakeCloud().fetch, now: steppingClock() });
  await session.run(`access_token=$(curl '${TOKEN_URL}' -H Metadata:true -s | jq -r .access_token); f() { echo "f $1"; }; cd /tmp`);
  expect(await session.run(`curl ${RG_URL} -H "Authorization: Bearer $access_token"`)).toEqual({ stdout: RESOURCE_GROUP_BODY, stderr: '', exitCode: 0 });
  expect((await session.run('f x; pwd')).stdout).toBe('f x\n/tmp\n');
  const decoded = await session.run('echo $access_token | cut -d. -f2 | base64 -d');
  expect(decoded).toEqual({ stdout: JSON.stringify(TOKEN_PAYLOAD), stderr: 'base64: invalid input\n', exitCode: 1 });
  expect((await session.run(`curl '${TOKEN_URL}' | cat`)).stderr.startsWith('  % Total')).toBe(true);
});
