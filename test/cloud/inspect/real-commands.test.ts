/**
 * "Real commands": the portal's changes, made through the portal's own ARM client against the real
 * router, read back from the request log as Azure CLI and Azure PowerShell commands that name
 * things, never ids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGroup, createResourceGroup, createUser, type World } from '../../../src/sim/index';
import type { ArmClient } from '../../../src/cloud/portal-client/arm-client';
import type { PrincipalType } from '../../../src/cloud/portal-client/arm-types';
import { addUserAssigned, identityFacts, removeUserAssigned, setSystemAssigned } from '../../../src/cloud/portal-client/vm-identity-changes';
import type { RequestLogEntry } from '../../../src/cloud/request-log';
import type { CommandLanguage } from '../../../src/cloud/inspect/command-language';
import { realCommands, scriptOf } from '../../../src/cloud/inspect/real-commands';
import { admin, portalAs, presetWorld } from '../portal-client/portal-fixture';
import { miToken, arm, rig } from '../harness';
import { grant, ROLE } from './scenarios';

const RG = 'myResourceGroup';
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function sandbox(world: World = presetWorld('quickstart'), user = admin(world).userPrincipalName) {
  const portal = await portalAs(world, user);
  const sub = (await portal.client.listSubscriptions())[0]?.subscriptionId ?? Object.keys(world.data.subscriptions)[0]!;
  const view = () => realCommands(world, portal.router.log.entries());
  return { world, ...portal, sub, view, rgId: `/subscriptions/${sub}/resourceGroups/${RG}` };
}

/** The Identity blade's Save: read the VM as the blade does, then PATCH. */
async function patchVm(client: ArmClient, sub: string, name: string, change: (facts: ReturnType<typeof identityFacts>) => Parameters<ArmClient['patchVirtualMachineIdentity']>[1]) {
  const vm = (await client.listVirtualMachines(sub)).find((v) => v.name === name)!;
  return client.patchVirtualMachineIdentity(vm.id, change(identityFacts(vm.identity)));
}

const commandsOf = (v: ReturnType<typeof realCommands>, language: CommandLanguage = 'bash') => v.items.map((i) => i[language].join('\n'));

type Sandbox = Awaited<ReturnType<typeof sandbox>>;

/** The Add role assignment wizard's PUT: Reader at `scope`. */
function grantReader(s: Sandbox, scope: string, principalId: string, principalType: PrincipalType = 'ServicePrincipal') {
  return s.client.createRoleAssignment({
    scope,
    roleDefinitionId: `/subscriptions/${s.sub}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`,
    principalId,
    principalType,
  });
}

/** Turns on myLinuxVM's system-assigned identity; its principal id. */
async function linuxIdentityOn(s: Sandbox): Promise<string> {
  return (await patchVm(s.client, s.sub, 'myLinuxVM', (f) => setSystemAssigned(f, true))).identity!.principalId!;
}

/** `Update-AzVM` after `$vm = Get-AzVM`, as every VM identity change is written in PowerShell. */
const psVm = (vm: string, update: string) => `$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name '${vm}'\n${update}`;
const MY_ID = `(Get-AzUserAssignedIdentity -ResourceGroupName 'myResourceGroup' -Name 'myId').Id`;

describe('realCommands: VM identities and user-assigned identities', () => {
  it('turning the system-assigned identity on and off is az vm identity assign / remove, and Update-AzVM to the whole identity', async () => {
    const s = await sandbox();
    await linuxIdentityOn(s);
    await patchVm(s.client, s.sub, 'myLinuxVM', (f) => setSystemAssigned(f, false));
    expect(s.view().items.map(({ description, bash, powershell }) => ({ description, bash, powershell }))).toEqual([
      {
        description: 'On myLinuxVM, turn on the system-assigned identity.',
        bash: ['az vm identity assign -g myResourceGroup -n myLinuxVM'],
        powershell: ["$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM'", "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType SystemAssigned"],
      },
      {
        description: 'On myLinuxVM, turn off the system-assigned identity.',
        bash: ["az vm identity remove -g myResourceGroup -n myLinuxVM --identities '[system]'"],
        powershell: ["$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM'", "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType None"],
      },
    ]);
  });

  it('create, attach, detach and delete a user-assigned identity, in the order they happened', async () => {
    const s = await sandbox();
    const id = await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: RG, name: 'myId', location: 'eastus' });
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => addUserAssigned(f, [id.id]));
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => setSystemAssigned(f, true));
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => removeUserAssigned(f, [id.id]));
    await s.client.deleteUserAssignedIdentity(id.id);
    const v = s.view();
    expect(v.items.map((i) => i.description)).toEqual([
      'Create the user-assigned identity myId in myResourceGroup (eastus).',
      'On myWindowsVM, attach the user-assigned identity myId.',
      // The PATCH restates myId; only the system-assigned identity changed.
      'On myWindowsVM, turn on the system-assigned identity.',
      'On myWindowsVM, detach the user-assigned identity myId.',
      'Delete the user-assigned identity myId from myResourceGroup.',
    ]);
    expect(commandsOf(v)).toEqual([
      'az identity create -g myResourceGroup -n myId -l eastus',
      'az vm identity assign -g myResourceGroup -n myWindowsVM --identities myId',
      'az vm identity assign -g myResourceGroup -n myWindowsVM',
      'az vm identity remove -g myResourceGroup -n myWindowsVM --identities myId',
      'az identity delete -g myResourceGroup -n myId',
    ]);
    // Update-AzVM replaces the identity, so each one states all of it: myId stays in the second.
    const splatVm = (type: string) =>
      [
        '$params = @{',
        "    ResourceGroupName = 'myResourceGroup'",
        '    VM                = $vm',
        `    IdentityType      = '${type}'`,
        `    IdentityId        = ${MY_ID}`,
        '}',
        'Update-AzVM @params',
      ].join('\n');
    expect(commandsOf(v, 'powershell')).toEqual([
      "New-AzUserAssignedIdentity -ResourceGroupName 'myResourceGroup' -Name 'myId' -Location 'eastus'",
      psVm('myWindowsVM', splatVm('UserAssigned')),
      psVm('myWindowsVM', splatVm('SystemAssignedUserAssigned')),
      psVm('myWindowsVM', "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType SystemAssigned"),
      "Remove-AzUserAssignedIdentity -ResourceGroupName 'myResourceGroup' -Name 'myId'",
    ]);
    expect(v.items.map((i) => i.seq)).toEqual([...v.items.map((i) => i.seq)].sort((a, b) => a - b));
  });

  it('an identity from another resource group is attached by its looked-up id', async () => {
    const s = await sandbox();
    createResourceGroup(s.world, { subscriptionId: s.sub, name: 'identities', location: 'eastus' });
    const id = await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: 'identities', name: 'shared', location: 'eastus' });
    await patchVm(s.client, s.sub, 'myLinuxVM', (f) => addUserAssigned({ ...f, systemAssigned: true }, [id.id]));
    const v = s.view();
    expect(commandsOf(v).at(-1)).toBe(
      'az vm identity assign \\\n  -g myResourceGroup \\\n  -n myLinuxVM \\\n  --identities \'[system]\' "$(az identity show -g identities -n shared --query id -o tsv)"',
    );
    expect(commandsOf(v, 'powershell').at(-1)).toBe(
      psVm(
        'myLinuxVM',
        [
          '$params = @{',
          "    ResourceGroupName = 'myResourceGroup'",
          '    VM                = $vm',
          "    IdentityType      = 'SystemAssignedUserAssigned'",
          "    IdentityId        = (Get-AzUserAssignedIdentity -ResourceGroupName 'identities' -Name 'shared').Id",
          '}',
          'Update-AzVM @params',
        ].join('\n'),
      ),
    );
  });

  it('Update-AzVM lists every user-assigned identity the VM keeps, with the one attached', async () => {
    const s = await sandbox();
    const first = await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: RG, name: 'myId', location: 'eastus' });
    const second = await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: RG, name: 'other', location: 'eastus' });
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => addUserAssigned(f, [first.id]));
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => addUserAssigned(f, [second.id]));
    const last = s.view().items.at(-1)!;
    expect(last.description).toBe('On myWindowsVM, attach the user-assigned identity other.');
    expect(last.bash).toEqual(['az vm identity assign -g myResourceGroup -n myWindowsVM --identities other']);
    expect(last.powershell[1]).toContain(
      `    IdentityId        = @(${MY_ID}, (Get-AzUserAssignedIdentity -ResourceGroupName 'myResourceGroup' -Name 'other').Id)`,
    );
  });

  it('with the VM’s earlier state gone from the log, the PATCH’s own body is enough to say what it attached or detached', async () => {
    const s = await sandbox();
    const id = await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: RG, name: 'myId', location: 'eastus' });
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => addUserAssigned(f, [id.id]));
    await patchVm(s.client, s.sub, 'myWindowsVM', (f) => setSystemAssigned(f, true));
    const patches = s.router.log.entries().filter((e) => e.request.method === 'PATCH');
    // Only the second PATCH survives: it restates myId, so both are assigned (assign is idempotent).
    const v = realCommands(s.world, patches.slice(1));
    expect(commandsOf(v)).toEqual(['az vm identity assign -g myResourceGroup -n myWindowsVM --identities \'[system]\' myId']);
    expect(v.items[0]!.powershell[1]).toContain("IdentityType      = 'SystemAssignedUserAssigned'");
  });
});

type PrincipalCase = {
  label: string;
  principal: (s: Sandbox) => Promise<{ id: string; type: PrincipalType }>;
  create: string;
  remove: string;
  /** The splatted parameters that name the principal in New- / Remove-AzRoleAssignment. */
  psCreate: string[];
  psRemove: string[];
  phrase: string;
};

const VM_PRINCIPAL = "(Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM').Identity.PrincipalId";
const UAI_PRINCIPAL = "(Get-AzUserAssignedIdentity -ResourceGroupName 'myResourceGroup' -Name 'myId').PrincipalId";
const GROUP_ID = "(Get-AzADGroup -DisplayName 'App readers').Id";

const PRINCIPALS: PrincipalCase[] = [
  {
    label: 'a VM’s system-assigned identity',
    principal: async (s) => ({ id: await linuxIdentityOn(s), type: 'ServicePrincipal' }),
    create: '--assignee-object-id "$(az vm show -g myResourceGroup -n myLinuxVM --query identity.principalId -o tsv)" \\\n  --assignee-principal-type ServicePrincipal',
    remove: '--assignee "$(az vm show -g myResourceGroup -n myLinuxVM --query identity.principalId -o tsv)"',
    psCreate: [`    ObjectId           = ${VM_PRINCIPAL}`, "    ObjectType         = 'ServicePrincipal'"],
    psRemove: [`    ObjectId           = ${VM_PRINCIPAL}`],
    phrase: "myLinuxVM's identity",
  },
  {
    label: 'a user-assigned identity',
    principal: async (s) => ({ id: (await s.client.createUserAssignedIdentity({ subscriptionId: s.sub, resourceGroup: RG, name: 'myId', location: 'eastus' })).properties.principalId, type: 'ServicePrincipal' }),
    create: '--assignee-object-id "$(az identity show -g myResourceGroup -n myId --query principalId -o tsv)" \\\n  --assignee-principal-type ServicePrincipal',
    remove: '--assignee "$(az identity show -g myResourceGroup -n myId --query principalId -o tsv)"',
    psCreate: [`    ObjectId           = ${UAI_PRINCIPAL}`, "    ObjectType         = 'ServicePrincipal'"],
    psRemove: [`    ObjectId           = ${UAI_PRINCIPAL}`],
    phrase: 'the identity myId',
  },
  {
    label: 'a user',
    principal: async (s) => {
      const made = createUser(s.world, { userPrincipalName: "o'brien@contoso.example", displayName: "Pat O'Brien" });
      if (!made.ok) throw new Error(made.error.message);
      return { id: made.value.objectId, type: 'User' };
    },
    create: `--assignee 'o'\\''brien@contoso.example'`,
    remove: `--assignee 'o'\\''brien@contoso.example'`,
    psCreate: ["    SignInName         = 'o''brien@contoso.example'"],
    psRemove: ["    SignInName         = 'o''brien@contoso.example'"],
    phrase: "o'brien@contoso.example",
  },
  {
    label: 'a group',
    principal: async (s) => {
      const made = createGroup(s.world, { displayName: 'App readers' });
      if (!made.ok) throw new Error(made.error.message);
      return { id: made.value.objectId, type: 'Group' };
    },
    create: `--assignee-object-id "$(az ad group show --group 'App readers' --query id -o tsv)" \\\n  --assignee-principal-type Group`,
    remove: `--assignee "$(az ad group show --group 'App readers' --query id -o tsv)"`,
    psCreate: [`    ObjectId           = ${GROUP_ID}`, "    ObjectType         = 'Group'"],
    psRemove: [`    ObjectId           = ${GROUP_ID}`],
    phrase: 'group App readers',
  },
];

type ScopeCase = { label: string; scope: (s: Sandbox) => string; arg: string; ps: string; phrase: string };

const SCOPES: ScopeCase[] = [
  { label: 'resource group', scope: (s) => s.rgId, arg: '"$(az group show -n myResourceGroup --query id -o tsv)"', ps: "(Get-AzResourceGroup -Name 'myResourceGroup').ResourceId", phrase: 'myResourceGroup' },
  { label: 'subscription', scope: (s) => `/subscriptions/${s.sub}`, arg: '"/subscriptions/$(az account show --query id -o tsv)"', ps: '"/subscriptions/$((Get-AzContext).Subscription.Id)"', phrase: 'subscription Azure subscription 1' },
  {
    label: 'resource',
    scope: (s) => `${s.rgId}/providers/Microsoft.Compute/virtualMachines/myWindowsVM`,
    arg: '"$(az vm show -g myResourceGroup -n myWindowsVM --query id -o tsv)"',
    ps: "(Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myWindowsVM').Id",
    phrase: 'VM myWindowsVM',
  },
];

const CASES = PRINCIPALS.flatMap((p) => SCOPES.map((scope) => [p.label, scope.label, p, scope] as const));

describe('realCommands: role assignments', () => {
  it.each(CASES)('grant and remove Reader for %s at %s scope', async (_p, _s, p, scope) => {
    const s = await sandbox();
    const principal = await p.principal(s);
    const created = await grantReader(s, scope.scope(s), principal.id, principal.type);
    await s.client.deleteRoleAssignment(created.id);
    const v = s.view();
    const [grantItem, removeItem] = v.items.slice(-2);
    expect(grantItem).toMatchObject({
      description: `Give ${p.phrase} Reader on ${scope.phrase}.`,
      bash: [`az role assignment create \\\n  ${p.create} \\\n  --role Reader \\\n  --scope ${scope.arg}`],
      powershell: [
        ['$params = @{', ...p.psCreate, "    RoleDefinitionName = 'Reader'", `    Scope              = ${scope.ps}`, '}', 'New-AzRoleAssignment @params'].join('\n'),
      ],
    });
    expect(removeItem).toMatchObject({
      description: `Take Reader on ${scope.phrase} away from ${p.phrase}.`,
      bash: [`az role assignment delete \\\n  ${p.remove} \\\n  --role Reader \\\n  --scope ${scope.arg}`],
      powershell: [
        ['$params = @{', ...p.psRemove, "    RoleDefinitionName = 'Reader'", `    Scope              = ${scope.ps}`, '}', 'Remove-AzRoleAssignment @params'].join('\n'),
      ],
    });
    expect({ failed: v.failed, untranslated: v.untranslated }).toEqual({ failed: 0, untranslated: 0 });
    for (const line of [...commandsOf(v), ...commandsOf(v, 'powershell')].join('\n').split('\n')) expect(line).not.toMatch(GUID);
  });

  it('a delete whose answer has no body takes the role, principal and scope from the earlier PUT', async () => {
    const s = await sandbox();
    const created = await grantReader(s, s.rgId, await linuxIdentityOn(s));
    await s.client.deleteRoleAssignment(created.id);
    const entries = s.router.log.entries().map((e) => (e.request.method === 'DELETE' ? { ...e, response: { ...e.response!, body: '' } } : e));
    expect(realCommands(s.world, entries).items.at(-1)?.description).toBe("Take Reader on myResourceGroup away from myLinuxVM's identity.");
  });

  it('Copy all is a script in the chosen language: each change as a comment over its commands', async () => {
    const s = await sandbox();
    await grantReader(s, s.rgId, await linuxIdentityOn(s));
    const items = s.view().items;
    expect(scriptOf(items, 'bash')).toBe(
      [
        '# On myLinuxVM, turn on the system-assigned identity.',
        'az vm identity assign -g myResourceGroup -n myLinuxVM',
        '',
        "# Give myLinuxVM's identity Reader on myResourceGroup.",
        'az role assignment create \\',
        '  --assignee-object-id "$(az vm show -g myResourceGroup -n myLinuxVM --query identity.principalId -o tsv)" \\',
        '  --assignee-principal-type ServicePrincipal \\',
        '  --role Reader \\',
        '  --scope "$(az group show -n myResourceGroup --query id -o tsv)"',
        '',
      ].join('\n'),
    );
    expect(scriptOf(items, 'powershell')).toBe(
      [
        '# On myLinuxVM, turn on the system-assigned identity.',
        "$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM'",
        "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType SystemAssigned",
        '',
        "# Give myLinuxVM's identity Reader on myResourceGroup.",
        '$params = @{',
        "    ObjectId           = (Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM').Identity.PrincipalId",
        "    ObjectType         = 'ServicePrincipal'",
        "    RoleDefinitionName = 'Reader'",
        "    Scope              = (Get-AzResourceGroup -Name 'myResourceGroup').ResourceId",
        '}',
        'New-AzRoleAssignment @params',
        '',
      ].join('\n'),
    );
  });
});

describe('realCommands: what is left out', () => {
  it('a portal call that failed (403) is skipped and counted', async () => {
    const world = presetWorld('quickstart');
    const reader = createUser(world, { userPrincipalName: 'reader@contoso.example' });
    if (!reader.ok) throw new Error(reader.error.message);
    const s = await sandbox(world, 'reader@contoso.example');
    await expect(grantReader(s, s.rgId, reader.value.objectId, 'User')).rejects.toMatchObject({ status: 403 });
    expect(s.view()).toEqual({ items: [], failed: 1, untranslated: 0 });
  });

  it('removing an orphaned assignment (its identity turned off since) cannot be said by name, so it is counted', async () => {
    const s = await sandbox();
    const created = await grantReader(s, s.rgId, await linuxIdentityOn(s));
    await patchVm(s.client, s.sub, 'myLinuxVM', (f) => setSystemAssigned(f, false));
    await s.client.deleteRoleAssignment(created.id);
    const v = s.view();
    expect(v.items.map((i) => i.description)).toEqual([
      'On myLinuxVM, turn on the system-assigned identity.',
      "Give myLinuxVM's identity Reader on myResourceGroup.",
      'On myLinuxVM, turn off the system-assigned identity.',
    ]);
    expect(v.untranslated).toBe(1);
  });

  it('requests from a VM are not portal changes, even when they change something', async () => {
    const r = rig({ systemAssigned: true });
    const sp = Object.values(r.world.data.servicePrincipals)[0]!;
    grant(r.world, sp.objectId, `/subscriptions/${r.subscriptionId}`, ROLE.owner);
    const token = await miToken(r);
    const put = await arm(r, 'PUT', `${r.resourceGroupId}/providers/Microsoft.Authorization/roleAssignments/0b4b6ad6-1b9e-4a40-9b68-55b0e5e7c2a1`, {
      token,
      apiVersion: '2022-04-01',
      body: { properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, principalId: sp.objectId, principalType: 'ServicePrincipal' } },
    });
    expect(put.res.status).toBe(201);
    expect(realCommands(r.world, r.router.log.entries())).toEqual({ items: [], failed: 0, untranslated: 0 });
  });

  it('garbled entries (a body that is not JSON, an unknown URL, a broken URL) are skipped without throwing', async () => {
    const s = await sandbox();
    const template = { ...s.router.log.entries()[0]!, caller: { kind: 'portal' } as const, service: 'arm' as const };
    const entry = (method: string, url: string, body: string, status = 200): RequestLogEntry => ({
      ...template,
      request: { method, url, headers: [], body },
      response: { status, statusText: 'OK', headers: [], body },
    });
    const garbled = [
      entry('PUT', `https://management.azure.com${s.rgId}/providers/Microsoft.Authorization/roleAssignments/x?api-version=2022-04-01`, '{not json'),
      entry('PATCH', `https://management.azure.com${s.rgId}/providers/Microsoft.Compute/virtualMachines/myLinuxVM`, '<html>'),
      entry('PUT', 'https://management.azure.com/something/else', '{}'),
      entry('DELETE', 'not a url', ''),
      entry('PUT', 'https://management.azure.com/subscriptions/%E0%A4%A/resourceGroups/x', '{}'),
    ];
    expect(() => realCommands(s.world, garbled)).not.toThrow();
    expect(realCommands(s.world, garbled)).toEqual({ items: [], failed: 0, untranslated: garbled.length });
  });
});

describe('realCommands: property', () => {
  it('never throws, and no command line it prints, in bash or PowerShell, holds a GUID (the sandbox’s ids never leak)', async () => {
    const s = await sandbox();
    await linuxIdentityOn(s);
    const template = s.router.log.entries()[0]!;
    // The sandbox's own ids (subscription, principals) mixed with random ones and awkward names.
    const guid = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(s.sub, ...Object.keys(s.world.data.users), ...Object.keys(s.world.data.servicePrincipals)) }, { weight: 1, arbitrary: fc.uuid() });
    const name = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('myResourceGroup', 'myLinuxVM', 'myId', "it's", 'a b', '[system]', '$(rm -rf ~)', '%zz', '`$x’') },
      { weight: 1, arbitrary: guid },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
    const rg = fc.tuple(guid, name).map(([sub, g]) => `/subscriptions/${sub}/resourceGroups/${g}`);
    const resource = fc.tuple(rg, fc.constantFrom('Microsoft.Compute/virtualMachines', 'Microsoft.ManagedIdentity/userAssignedIdentities', 'Microsoft.Storage/storageAccounts'), name, fc.array(name, { maxLength: 2 }));
    const scope = fc.oneof(
      fc.constant(''),
      guid.map((sub) => `/subscriptions/${sub}`),
      rg,
      resource.map(([g, type, n, child]) => `${g}/providers/${type}/${n}${child.map((c) => `/children/${c}`).join('')}`),
      fc.array(name, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
    );
    const path = fc.oneof(
      { weight: 2, arbitrary: fc.tuple(rg, name).map(([g, n]) => `${g}/providers/Microsoft.Compute/virtualMachines/${n}`) },
      { weight: 1, arbitrary: fc.tuple(rg, name).map(([g, n]) => `${g}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`) },
      { weight: 4, arbitrary: fc.tuple(scope, guid).map(([sc, n]) => `${sc}/providers/Microsoft.Authorization/roleAssignments/${n}`) },
      { weight: 1, arbitrary: scope },
    );
    const identityMap = fc.dictionary(
      fc.tuple(rg, name).map(([g, n]) => `${g}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`),
      fc.constantFrom({}, null),
      { maxKeys: 3 },
    );
    const body = fc.oneof(
      { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.string() },
      {
        weight: 4,
        arbitrary: fc
          .record(
            {
              id: fc.oneof(path, fc.string()),
              type: fc.constantFrom('Microsoft.Compute/virtualMachines', 'Microsoft.ManagedIdentity/userAssignedIdentities', 'Microsoft.Authorization/roleAssignments', 'x'),
              location: fc.constantFrom('eastus', 'west europe', "it's"),
              identity: fc.record({ type: fc.constantFrom('None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'junk'), principalId: guid, userAssignedIdentities: identityMap }),
              properties: fc.record({ scope, roleDefinitionId: fc.constantFrom(`/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, 'Reader', 'nope'), principalId: guid }),
            },
            { requiredKeys: ['identity', 'properties'] },
          )
          .map((o) => JSON.stringify(o)),
      },
    );
    const entry = fc.record({
      caller: fc.oneof({ weight: 4, arbitrary: fc.constant({ kind: 'portal' as const }) }, { weight: 1, arbitrary: fc.constant({ kind: 'sdk' as const }) }),
      service: fc.oneof({ weight: 4, arbitrary: fc.constant('arm' as const) }, { weight: 1, arbitrary: fc.constantFrom('imds' as const, null) }),
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'put', 'BREW') }),
      url: fc.oneof({ weight: 6, arbitrary: path.map((p) => `https://management.azure.com${p}?api-version=2022-04-01`) }, { weight: 1, arbitrary: fc.string() }),
      body,
      answer: body,
      status: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(200, 201) }, { weight: 1, arbitrary: fc.constantFrom(204, 403, 500, 0) }),
    });

    let printed = 0;
    let grants = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (raw) => {
        const entries: RequestLogEntry[] = raw.map((r, i) => ({
          ...template,
          seq: i + 1,
          caller: r.caller,
          service: r.service,
          request: { method: r.method, url: r.url, headers: [], body: r.body },
          response: r.status === 0 ? null : { status: r.status, statusText: '', headers: [], body: r.answer },
        }));
        const view = realCommands(s.world, entries);
        printed += view.items.length;
        grants += view.items.filter((i) => i.bash[0]!.startsWith('az role assignment') && /-AzRoleAssignment/.test(i.powershell.join('\n'))).length;
        for (const item of view.items) {
          // Same items in both languages: each one says its change in both, or is not listed.
          expect(item.bash.length * item.powershell.length).toBeGreaterThan(0);
          for (const line of [...item.bash, ...item.powershell].join('\n').split('\n')) expect(line).not.toMatch(GUID);
        }
        expect(view.items.length + view.failed + view.untranslated).toBeLessThanOrEqual(entries.length);
      }),
      { numRuns: 1000 },
    );
    // The property is about commands actually printed, not only about everything being dropped.
    expect(printed).toBeGreaterThan(100);
    expect(grants).toBeGreaterThan(20);
  });
});
