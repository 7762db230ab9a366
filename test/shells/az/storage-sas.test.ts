/**
 * `az storage blob … --sas-token` as the SAS tutorial runs it on the VM: no sign-in, the SAS in the
 * blob's URL and no Authorization header; without a SAS or --auth-mode login, the sandbox says why.
 */
import { describe, expect, it } from 'vitest';
import { createBashSession } from '../../../src/shells/bash';
import { azModule } from '../../../src/shells/az/module';
import { createServiceSas, DATA } from '../../../src/sim/index';
import { dataRig } from '../../cloud/data-rig';
import { steppingClock } from '../bash/fake-cloud';

async function vmWithSas(permission: string) {
  const r = dataRig();
  const account = Object.values(r.world.data.storageAccounts)[0]!;
  const sas = await createServiceSas(account, {
    canonicalizedResource: `/blob/${DATA.storageAccount}/mycontainer`,
    signedResource: 'c',
    signedPermission: permission,
    signedProtocol: 'https',
    signedExpiry: '2030-01-01T00:00:00Z',
  });
  if (!sas.ok) throw new Error(sas.parameter);
  const sent: Request[] = [];
  const session = createBashSession({
    vm: { vmName: 'myLinuxVM', computerName: 'myLinuxVM', adminUsername: 'azureuser', vmId: '00000000-0000-4000-8000-000000000001', location: 'eastus' },
    fetch: (request) => {
      sent.push(request.clone());
      return r.router.fetch(request, { from: r.linuxVm });
    },
    simulatedNow: () => r.world.now(),
    now: steppingClock(0.01),
    modules: [azModule()],
  });
  return { session, sas: sas.token, sent };
}

const ARGS = `--container-name mycontainer --account-name ${DATA.storageAccount}`;

describe('az storage blob with --sas-token', () => {
  it('uploads and downloads with the SAS alone: no az login, no Authorization header', async () => {
    const { session, sas, sent } = await vmWithSas('rcw');
    const up = await session.run(`echo "This is a test file." > test.txt; az storage blob upload ${ARGS} --file test.txt --name testblob --sas-token "${sas}" -o none`);
    expect(up).toMatchObject({ exitCode: 0, stderr: '' });
    const down = await session.run(`az storage blob download ${ARGS} --name testblob --file download.txt --sas-token "?${sas}" -o none && cat download.txt`);
    expect(down).toMatchObject({ exitCode: 0, stdout: 'This is a test file.\n' });
    const storage = sent.filter((q) => new URL(q.url).hostname.endsWith('.blob.core.windows.net'));
    expect(storage.map((q) => [q.method, new URL(q.url).searchParams.get('sp'), q.headers.has('authorization')])).toEqual([
      ['PUT', 'rcw', false],
      ['GET', 'rcw', false],
    ]);
    expect(sent.some((q) => new URL(q.url).hostname === '169.254.169.254')).toBe(false);
  });

  it('a SAS without write permission: the service error and its code, exit 1', async () => {
    const { session, sas } = await vmWithSas('r');
    const r = await session.run(`echo x > f; az storage blob upload ${ARGS} --file f --name testblob --sas-token "${sas}" 2>&1 | cat`);
    expect(r.stdout).toContain('This request is not authorized to perform this operation using this permission.');
    expect(r.stdout).toContain('ErrorCode:AuthorizationPermissionMismatch');
  });

  it('neither --auth-mode login nor a SAS: the sandbox names both ways in', async () => {
    const { session } = await vmWithSas('r');
    const r = await session.run(`az storage blob list ${ARGS} 2>&1 | cat`);
    expect(r.stdout).toContain('Account key and connection string authentication are not simulated in this sandbox. Use --auth-mode login, or --sas-token with a SAS.');
  });
});
