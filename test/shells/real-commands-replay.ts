/**
 * The Real commands replay, shared by the Azure CLI and Azure PowerShell tests: world A, the portal (its
 * ARM client, as the admin) makes the changes; the panel reads them back from A's log in one language.
 * World B starts the same; Cloud Shell (bash or PowerShell), signed in as the same admin, runs those
 * commands verbatim. Then both worlds must hold the same identities and role assignments (principals
 * compared by name, since ids differ between worlds).
 */
import { expect } from 'vitest';
import { realCommands } from '../../src/cloud/inspect/real-commands';
import { addUserAssigned, identityFacts, removeUserAssigned, setSystemAssigned } from '../../src/cloud/portal-client/vm-identity-changes';
import type { ArmClient } from '../../src/cloud/portal-client/arm-client';
import { createGroup, rbac, type World } from '../../src/sim/index';
import { admin, portalAs, presetWorld } from '../cloud/portal-client/portal-fixture';

const RG = 'myResourceGroup';
const READER = rbac.BUILT_IN_ROLE_IDS.reader;
const CONTRIBUTOR = rbac.BUILT_IN_ROLE_IDS.contributor;

/** What a change leaves behind, with principals named as a person would name them. */
export function stateOf(world: World) {
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

export async function patchVm(client: ArmClient, sub: string, name: string, change: (facts: ReturnType<typeof identityFacts>) => Parameters<ArmClient['patchVirtualMachineIdentity']>[1]) {
  const vm = (await client.listVirtualMachines(sub)).find((v) => v.name === name)!;
  return client.patchVirtualMachineIdentity(vm.id, change(identityFacts(vm.identity)));
}

/** A Cloud Shell in world B that runs one command; `ok` when it succeeded without an error. */
export interface ReplayShell {
  run(command: string): Promise<{ ok: boolean; text: string }>;
}

export type Scenario = (portal: Awaited<ReturnType<typeof portalAs>> & { sub: string; world: World }) => Promise<void>;

export async function replay(language: 'bash' | 'powershell', open: (world: World) => Promise<ReplayShell>, scenario: Scenario, setup?: (world: World) => void) {
  const a = presetWorld('quickstart');
  const b = presetWorld('quickstart');
  setup?.(a);
  setup?.(b);
  const portal = await portalAs(a, admin(a).userPrincipalName);
  const sub = Object.keys(a.data.subscriptions)[0]!;
  await scenario({ ...portal, sub, world: a });
  const commands = realCommands(a, portal.router.log.entries()).items.flatMap((i) => i[language]);
  expect(commands.length).toBeGreaterThan(0);
  const shell = await open(b);
  const transcript: string[] = [];
  for (const command of commands) {
    const r = await shell.run(command);
    transcript.push(`> ${command}\n${r.text}[${r.ok ? 'ok' : 'failed'}]`);
    expect(r.ok, transcript.join('\n')).toBe(true);
  }
  expect(stateOf(b), transcript.join('\n')).toEqual(stateOf(a));
  return { commands, transcript };
}

/** System-assigned on and off, a user-assigned identity created, attached, granted, detached and deleted. */
export const identityLifecycle: Scenario = async ({ client, sub }) => {
  await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, true));
  const id = await client.createUserAssignedIdentity({ subscriptionId: sub, resourceGroup: RG, name: 'myId', location: 'eastus' });
  await patchVm(client, sub, 'myLinuxVM', (f) => addUserAssigned(f, [id.id]));
  await patchVm(client, sub, 'myWindowsVM', (f) => setSystemAssigned(f, true));
  await patchVm(client, sub, 'myWindowsVM', (f) => addUserAssigned(f, [id.id]));
  const rg = `/subscriptions/${sub}/resourceGroups/${RG}`;
  await client.createRoleAssignment({ scope: rg, roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${READER}`, principalId: id.properties.principalId, principalType: 'ServicePrincipal' });
  await patchVm(client, sub, 'myWindowsVM', (f) => removeUserAssigned(f, [id.id]));
  await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, false));
  await patchVm(client, sub, 'myLinuxVM', (f) => removeUserAssigned(f, [id.id]));
  await client.deleteUserAssignedIdentity(id.id);
};

/** Role assignments to a VM identity, a user and a group at subscription, group and resource scope, then one removed. */
export const roleAssignments: Scenario = async ({ client, sub, world }) => {
  const vm = await patchVm(client, sub, 'myLinuxVM', (f) => setSystemAssigned(f, true));
  const principal = vm.identity!.principalId!;
  const role = (guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  const rg = `/subscriptions/${sub}/resourceGroups/${RG}`;
  const vmScope = `${rg}/providers/Microsoft.Compute/virtualMachines/myWindowsVM`;
  const a1 = await client.createRoleAssignment({ scope: rg, roleDefinitionId: role(READER), principalId: principal, principalType: 'ServicePrincipal' });
  await client.createRoleAssignment({ scope: `/subscriptions/${sub}`, roleDefinitionId: role(READER), principalId: principal, principalType: 'ServicePrincipal' });
  await client.createRoleAssignment({ scope: vmScope, roleDefinitionId: role(CONTRIBUTOR), principalId: admin(world).objectId, principalType: 'User' });
  const groupId = Object.values(world.data.groups).find((g) => g.displayName === 'app-readers')!.objectId;
  await client.createRoleAssignment({ scope: rg, roleDefinitionId: role(READER), principalId: groupId, principalType: 'Group' });
  await client.deleteRoleAssignment(a1.id);
};

/** The group roleAssignments grants to, in both worlds. */
export function withGroup(world: World): void {
  const made = createGroup(world, { displayName: 'app-readers' });
  if (!made.ok) throw new Error(made.error.message);
}
