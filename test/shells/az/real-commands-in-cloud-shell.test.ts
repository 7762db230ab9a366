/**
 * Every Azure CLI command the Real commands panel writes runs verbatim in Cloud Shell and makes the
 * same change as the portal action it came from. World A: the portal (its ARM client, as the admin)
 * makes the changes; the panel reads them back from A's log as bash. World B starts the same: Cloud
 * Shell's bash, signed in as the same admin through its token endpoint, runs those lines. Then both
 * worlds must hold the same identities and role assignments (principals compared by name, since ids
 * differ between worlds).
 */
import { describe, expect, it } from 'vitest';
import { realCommands } from '../../../src/cloud/inspect/real-commands';
import { createRouter } from '../../../src/cloud/router';
import { addUserAssigned, identityFacts, removeUserAssigned, setSystemAssigned } from '../../../src/cloud/portal-client/vm-identity-changes';
import type { ArmClient } from '../../../src/cloud/portal-client/arm-client';
import { createBashSession } from '../../../src/shells/bash';
import { azModule } from '../../../src/shells/az/module';
import { createGroup, rbac, type World } from '../../../src/sim/index';
import { admin, portalAs, presetWorld } from '../../cloud/portal-client/portal-fixture';

const RG = 'myResourceGroup';
const READER = rbac.BUILT_IN_ROLE_IDS.reader;
const CONTRIBUTOR = rbac.BUILT_IN_ROLE_IDS.contributor;

function cloudShell(world: World) {
  const router = createRouter(world, { wait: async () => {} });
  const user = admin(world);
  const session = createBashSession({
    vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
    fetch: (request) => router.fetch(request, { from: { kind: 'cloudShell', userId: user.objectId } }),
    simulatedNow: () => world.clock.now(),
    image: 'cloudShell',
    modules: [azModule({ cloudShell: true })],
  });
  return { session, router };
}

/** What a change leaves behind, with principals named as a person would name them. */
function stateOf(world: World) {
  const nameOf = (principalId: string): string => {
    const id = principalId.toLowerCase();
    const user = world.data.users[id];
    if (user) return `user:${user.userPrincipalName}`;
    const group = world.data.groups[id];
    if (group) return `group:${group.displayName}`;
    const sp = world.data.servicePrincipals[id];
    if (sp) return `${sp.identityType}:${sp.managedIdentityResourceId.split('/').pop()}${sp.deletedAt === null ? '' : ' (deleted)'}`;
    return `unknown:${id}`;
  };
  const vms = Object.values(world.data.virtualMachines)
    .map((vm) => ({
      vm: vm.name,
      type: vm.identity?.type ?? 'None',
      attached: Object.keys(vm.identity?.userAssignedIdentities ?? {}).map((k) => k.split('/').pop()!.toLowerCase()).sort(),
    }))
    .sort((a, b) => a.vm.localeCompare(b.vm));
  const identities = Object.values(world.data.userAssignedIdentities).map((i) => `${i.id.split('/')[4]!.toLowerCase()}/${i.name}`).sort();
  const assignments = Object.values(world.data.roleAssignments)
    .filter((a) => a.removedAt == null)
    .map((a) => `${a.roleDefinitionId.split('/').pop()} @ ${a.scope.toLowerCase().replace(/\/subscriptions\/[^/]+/, '/subscriptions/S')} → ${nameOf(a.principalId)}`)
    .sort();
  return { vms, identities, assignments };
}

async function patchVm(client: ArmClient, sub: string, name: string, change: (facts: ReturnType<typeof identityFacts>) => Parameters<ArmClient['patchVirtualMachineIdentity']>[1]) {
  const vm = (await client.listVirtualMachines(sub)).find((v) => v.name === name)!;
  return client.patchVirtualMachineIdentity(vm.id, change(identityFacts(vm.identity)));
}

async function replay(scenario: (portal: Awaited<ReturnType<typeof portalAs>> & { sub: string; world: World }) => Promise<void>, setup?: (world: World) => void) {
  const a = presetWorld('quickstart');
  const b = presetWorld('quickstart');
  setup?.(a);
  setup?.(b);
  const portal = await portalAs(a, admin(a).userPrincipalName);
  const sub = Object.keys(a.data.subscriptions)[0]!;
  await scenario({ ...portal, sub, world: a });
  const commands = realCommands(a, portal.router.log.entries()).items.flatMap((i) => i.bash);
  expect(commands.length).toBeGreaterThan(0);
  const shell = cloudShell(b);
  const transcript: string[] = [];
  for (const command of commands) {
    const r = await shell.session.run(command);
    transcript.push(`$ ${command}\n${r.stdout}${r.stderr}[exit ${r.exitCode}]`);
    expect(r.exitCode, transcript.join('\n')).toBe(0);
  }
  expect(stateOf(b), transcript.join('\n')).toEqual(stateOf(a));
  return { commands, transcript };
}

describe('Real commands (Azure CLI) replayed in Cloud Shell', () => {
  it('system-assigned on and off, a user-assigned identity created, attached, granted, detached and deleted', async () => {
    const { commands } = await replay(async ({ client, sub }) => {
      await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, true));
      const id = await client.createUserAssignedIdentity({ subscriptionId: sub, resourceGroup: RG, name: 'myId', location: 'eastus' });
      await patchVm(client, sub, 'myLinuxVM', (f) => addUserAssigned(f, [id.id]));
      await patchVm(client, sub, 'myWindowsVM', (f) => setSystemAssigned(f, true));
      await patchVm(client, sub, 'myWindowsVM', (f) => addUserAssigned(f, [id.id]));
      const rg = `/subscriptions/${sub}/resourceGroups/${RG}`;
      await client.createRoleAssignment({ scope: rg, roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`, principalId: id.properties.principalId, principalType: 'ServicePrincipal' });
      await patchVm(client, sub, 'myWindowsVM', (f) => removeUserAssigned(f, [id.id]));
      await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, false));
    });
    // Every kind of command the panel writes for these changes was run.
    expect(commands.some((c) => c.startsWith('az vm identity assign'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az vm identity remove'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az identity create'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az role assignment create'))).toBe(true);
  });

  it('role assignments to a VM identity, a user and a group at subscription, group and resource scope, then removed', async () => {
    let groupId = '';
    const { commands } = await replay(
      async ({ client, sub, world }) => {
        const vm = await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, true));
        const principal = vm.identity!.principalId!;
        const role = (guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
        const rg = `/subscriptions/${sub}/resourceGroups/${RG}`;
        const vmScope = `${rg}/providers/Microsoft.Compute/virtualMachines/myWindowsVM`;
        const a1 = await client.createRoleAssignment({ scope: rg, roleDefinitionId: role(READER), principalId: principal, principalType: 'ServicePrincipal' });
        await client.createRoleAssignment({ scope: `/subscriptions/${sub}`, roleDefinitionId: role(READER), principalId: principal, principalType: 'ServicePrincipal' });
        await client.createRoleAssignment({ scope: vmScope, roleDefinitionId: role(CONTRIBUTOR), principalId: admin(world).objectId, principalType: 'User' });
        groupId = Object.values(world.data.groups).find((g) => g.displayName === 'app-readers')!.objectId;
        await client.createRoleAssignment({ scope: rg, roleDefinitionId: role(READER), principalId: groupId, principalType: 'Group' });
        await client.deleteRoleAssignment(a1.id);
      },
      (world) => {
        const made = createGroup(world, { displayName: 'app-readers' });
        if (!made.ok) throw new Error(made.error.message);
      },
    );
    expect(commands.some((c) => c.startsWith('az role assignment delete'))).toBe(true);
    expect(commands.some((c) => c.includes('az ad group show'))).toBe(true);
    expect(commands.some((c) => c.includes('--assignee admin@'))).toBe(true);
    expect(groupId).not.toBe('');
  });
});
