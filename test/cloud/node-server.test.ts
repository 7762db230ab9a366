/** The msw setupServer adapter: plain `fetch` reaches the same handlers, acting from one caller. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { setupCloudServer } from '../../src/cloud/msw/node-server';
import { rig, type Rig } from './harness';

let r: Rig;
let server: ReturnType<typeof setupCloudServer>;

beforeAll(() => {
  r = rig({ systemAssigned: true });
  server = setupCloudServer(r.world, { from: r.linuxVm });
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server.close());

test('IMDS and ARM answer global fetch', async () => {
  const res = await fetch('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', { headers: { Metadata: 'true' } });
  expect(res.status).toBe(200);
  const { access_token } = (await res.json()) as { access_token: string };
  const arm = await fetch(`https://management.azure.com/subscriptions/${r.subscriptionId}/resourceGroups/myResourceGroup?api-version=2016-09-01`, {
    headers: { Authorization: `Bearer ${access_token}` },
  });
  expect(arm.status).toBe(403);
  expect(((await arm.json()) as { error: { code: string } }).error.code).toBe('AuthorizationFailed');
});

test('a vault that does not exist is a network error', async () => {
  await expect(fetch('https://no-such-vault.vault.azure.net/secrets/x?api-version=7.4')).rejects.toThrow();
});
