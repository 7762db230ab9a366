/**
 * The Linux quickstart (imds.md §4.1) typed into the VM's terminal against the real router and the
 * `quickstart` world: identity off, header forgotten, then enabled and granted Reader.
 */
import { describe, expect, test } from 'vitest';
import { createRouter } from '../../../src/cloud/router';
import { createBashSession } from '../../../src/shells/bash';
import { createRoleAssignment, defaultFaultPlan, enableSystemAssigned, quickstartWorld, setFaultPlan } from '../../../src/sim/index';

const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';
const GET_TOKEN = `curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true`;
const GET_TOKEN_NO_HEADER = `curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'`;

function quickstartVm() {
  const q = quickstartWorld();
  setFaultPlan(q.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
  const router = createRouter(q.world, { wait: async () => {} });
  const vm = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()];
  if (!vm) throw new Error('quickstart world has no Linux VM');
  const vmId = vm.properties.vmId;
  const session = createBashSession({
    vm: { vmName: vm.name, computerName: vm.properties.osProfile.computerName, adminUsername: vm.properties.osProfile.adminUsername, vmId, location: vm.location },
    fetch: (request) => router.fetch(request, { from: { kind: 'vm', vmId } }),
    simulatedNow: () => q.world.clock.now(),
  });
  const callArm = (token: string) =>
    `curl https://management.azure.com/subscriptions/${q.subscriptionId}/resourceGroups/myResourceGroup?api-version=2016-09-01 -H "Authorization: Bearer ${token}" `;
  return { ...q, session, router, callArm };
}

describe('Linux quickstart against the quickstart world', () => {
  test('prompt and host name come from the world', () => {
    const { session } = quickstartVm();
    expect(session.prompt()).toBe('azureuser@myLinuxVM:~$ ');
  });

  test('identity off → Identity not found', async () => {
    const { session } = quickstartVm();
    expect(await session.run(GET_TOKEN)).toEqual({
      stdout: '{"error":"invalid_request","error_description":"Identity not found"}',
      stderr: '',
      exitCode: 0,
    });
  });

  test('missing Metadata header → the 400 body; curl -f exits 22', async () => {
    const { session } = quickstartVm();
    const r = await session.run(GET_TOKEN_NO_HEADER);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ error_description: 'Required metadata header not specified' });
    expect(await session.run(`${GET_TOKEN_NO_HEADER} -sf`)).toEqual({ stdout: '', stderr: '', exitCode: 22 });
  });

  test('enabled, then granted Reader: a token, and the ARM call prints the resource group', async () => {
    const q = quickstartVm();
    const enabled = enableSystemAssigned(q.world, q.linuxVmId);
    if (!enabled.ok) throw new Error(enabled.error.message);
    const token = await q.session.run(GET_TOKEN);
    const body = JSON.parse(token.stdout) as Record<string, string>;
    expect(body).toMatchObject({ resource: 'https://management.azure.com/', token_type: 'Bearer', expires_in: '86400' });
    expect(token.stdout.endsWith('}')).toBe(true);

    const denied = await q.session.run(q.callArm(body.access_token as string));
    expect(JSON.parse(denied.stdout)).toMatchObject({ error: { code: 'AuthorizationFailed' } });

    const principalId = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]?.identity?.principalId as string;
    const granted = createRoleAssignment(q.world, {
      name: '0b7c6d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
      scope: q.resourceGroupId,
      roleDefinitionId: READER,
      principalId,
      principalType: 'ServicePrincipal',
    });
    if (!granted.ok) throw new Error(granted.error.message);

    await q.session.run(`access_token=$(${GET_TOKEN} -s | jq -r .access_token)`);
    const rg = await q.session.run(q.callArm('$access_token'));
    expect(rg.exitCode).toBe(0);
    expect(JSON.parse(rg.stdout)).toMatchObject({ name: 'myResourceGroup', location: 'eastus', properties: { provisioningState: 'Succeeded' } });

    // base64url's '-' and '_' stop GNU base64 early; tr turns them into base64's '+' and '/'
    const payload = await q.session.run("echo $access_token | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .oid");
    expect(payload.stdout).toBe(`${principalId}\n`);

    // the VM's clock is the world's: a fresh token has a day left
    const left = await q.session.run(`echo $(( $(${GET_TOKEN} -s | jq -r .expires_on) - $(date +%s) ))`);
    expect(Number(left.stdout)).toBeGreaterThan(86_000);
    expect(Number(left.stdout)).toBeLessThanOrEqual(86_400);
  });

  test('a host the world does not have → curl (6)', async () => {
    const { session } = quickstartVm();
    expect(await session.run('curl -sS https://nosuchvault.vault.azure.net/secrets/x')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: nosuchvault.vault.azure.net\n',
      exitCode: 6,
    });
  });
});

describe('addresses with nothing behind them, through the real router', () => {
  test('a typo for the IMDS address waits and times out as on a VM; localhost refuses at once', async () => {
    const q = quickstartWorld();
    const router = createRouter(q.world, { wait: async () => {} });
    const vmId = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!.properties.vmId;
    const session = createBashSession({
      vm: { vmName: 'myLinuxVM', computerName: 'myLinuxVM', adminUsername: 'azureuser', vmId, location: 'eastus' },
      fetch: (request) => router.fetch(request, { from: { kind: 'vm', vmId } }),
      sleep: async () => {},
    });
    const typo = await session.run('curl -H Metadata:true http://169.254.169.25/metadata/instance?api-version=2021-02-01');
    expect(typo.exitCode).toBe(28);
    expect(typo.stderr).toMatch(/^curl: \(28\) Failed to connect to 169\.254\.169\.25 port 80 after \d+ ms: Connection timed out\n$/);
    expect(typo.stderr).not.toMatch(/resolve/);
    const local = await session.run('curl -sS http://127.0.0.1:8080/');
    expect(local).toMatchObject({ exitCode: 7, stderr: expect.stringMatching(/^curl: \(7\) Failed to connect to 127\.0\.0\.1 port 8080 after \d+ ms: Connection refused\n$/) });
  });
});
