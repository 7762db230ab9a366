import { describe, expect, it } from 'vitest';
import {
  createResourceGroup,
  createRoleAssignment,
  createVirtualMachine,
  dataWorld,
  deleteResourceGroup,
  deleteVirtualMachine,
  enableSystemAssigned,
  findRoleAssignment,
  findVm,
  getResourceGroup,
  getVirtualMachine,
  listResourceGroups,
  listVirtualMachines,
  quickstartWorld,
  rbac,
  scopeNotFound,
  type WorldEvent,
} from '../../../src/sim/index';

describe('resource groups', () => {
  it('GET returns the ARM shape; names compare case-insensitively but echo as created', () => {
    const q = quickstartWorld();
    const r = getResourceGroup(q.world, q.subscriptionId, 'MYRESOURCEGROUP');
    expect(r).toEqual({
      ok: true,
      value: {
        id: `/subscriptions/${q.subscriptionId}/resourceGroups/myResourceGroup`,
        name: 'myResourceGroup',
        type: 'Microsoft.Resources/resourceGroups',
        location: 'eastus',
        properties: { provisioningState: 'Succeeded' },
      },
    });
  });

  it.each([
    ['a missing group', (s: string) => getResourceGroup(quickstartWorld().world, s, 'XXXRG'), { code: 'ResourceGroupNotFound', message: "Resource group 'XXXRG' could not be found." }],
    [
      'a missing subscription',
      () => getResourceGroup(quickstartWorld().world, 'c23fa617-d0cf-4c92-a529-5e444a4cc1fa', 'rg'),
      { code: 'SubscriptionNotFound', message: "The subscription 'c23fa617-d0cf-4c92-a529-5e444a4cc1fa' could not be found." },
    ],
  ])('404s use ARM’s exact text: %s', (_n, op, error) => {
    expect(op(quickstartWorld().subscriptionId)).toEqual({ ok: false, error });
  });

  it('PUT again with the same location updates; with another location is InvalidResourceGroupLocation', () => {
    const q = quickstartWorld();
    const again = createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: 'myresourcegroup', location: 'EastUS', tags: { env: 'lab' } });
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && again.value.resourceGroup.tags).toEqual({ env: 'lab' });
    const moved = createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: 'myResourceGroup', location: 'westus' });
    expect(moved).toEqual({
      ok: false,
      error: { code: 'InvalidResourceGroupLocation', message: "Invalid resource group location 'westus'. The Resource group already exists in location 'eastus'." },
    });
  });

  it.each([['bad/name'], ['ends.'], [''], ['x'.repeat(91)]])('rejects the name %j', (name) => {
    const q = quickstartWorld();
    const r = createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name, location: 'eastus' });
    expect(r.ok === false && r.error.code).toBe('InvalidResourceName');
  });

  it('delete removes everything inside, the VMs’ identities and the assignments scoped there', () => {
    const q = quickstartWorld();
    const on = enableSystemAssigned(q.world, q.linuxVmId);
    if (!on.ok) throw new Error();
    const principal = on.value.identity!.principalId!;
    createRoleAssignment(q.world, {
      name: '66666666-6666-4666-8666-666666666666',
      scope: q.resourceGroupId,
      roleDefinitionId: rbac.BUILT_IN_ROLE_IDS.reader,
      principalId: principal,
    });
    const events: WorldEvent[] = [];
    q.world.subscribe((e) => events.push(e));
    const r = deleteResourceGroup(q.world, q.subscriptionId, 'myResourceGroup');
    expect(r.ok && r.value.deleted.sort()).toEqual([q.linuxVmId, q.windowsVmId].sort());
    expect(listResourceGroups(q.world, q.subscriptionId)).toEqual({ ok: true, value: [] });
    expect(findRoleAssignment(q.world, '66666666-6666-4666-8666-666666666666')).toBeNull();
    expect(q.world.data.servicePrincipals[principal]!.deletedAt).not.toBeNull();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['identity.disabled', 'vm.deleted', 'assignment.deleted', 'resourceGroup.deleted']));
    expect(events.at(-1)!.type).toBe('resourceGroup.deleted');
  });
});

describe('virtual machines', () => {
  it('create gives a fresh vmId, the RG location and the image defaults; PUT again keeps the vmId', () => {
    const q = quickstartWorld();
    const r = createVirtualMachine(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'vm3', osType: 'Linux' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.vm).toMatchObject({
      name: 'vm3',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'eastus',
      properties: { hardwareProfile: { vmSize: 'Standard_DS1_v2' }, osProfile: { computerName: 'vm3', adminUsername: 'azureuser' }, provisioningState: 'Succeeded' },
    });
    expect(r.value.vm.identity).toBeUndefined();
    const again = createVirtualMachine(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'VM3', osType: 'Linux' });
    expect(again.ok && again.value.vm.properties.vmId).toBe(r.value.vm.properties.vmId);
    expect(findVm(q.world, r.value.vm.properties.vmId)?.id).toBe(r.value.vm.id);
    expect(listVirtualMachines(q.world, q.subscriptionId, 'myresourcegroup')).toHaveLength(3);
  });

  it.each([
    ['Windows names stop at 15 characters', 'Windows', 'sixteen-chars-xx', 'InvalidResourceName'],
    ['names cannot end in a hyphen', 'Linux', 'vm-', 'InvalidResourceName'],
    ['osType must be Linux or Windows', 'BeOS', 'vm', 'InvalidParameter'],
  ] as const)('%s', (_n, osType, name, code) => {
    const q = quickstartWorld();
    const r = createVirtualMachine(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name, osType: osType as 'Linux' });
    expect(r.ok === false && r.error.code).toBe(code);
  });

  it('GET of a missing VM is ResourceNotFound with ARM’s text; a missing RG comes first', () => {
    const q = quickstartWorld();
    const missing = getVirtualMachine(q.world, q.linuxVmId.replace('myLinuxVM', 'ghost'));
    expect(missing).toEqual({
      ok: false,
      error: {
        code: 'ResourceNotFound',
        message: "The Resource 'Microsoft.Compute/virtualMachines/ghost' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
    expect(getVirtualMachine(q.world, q.linuxVmId.replace('myResourceGroup', 'gone')).ok === false).toBe(true);
    expect(deleteVirtualMachine(q.world, q.linuxVmId).ok).toBe(true);
    expect(getVirtualMachine(q.world, q.linuxVmId).ok).toBe(false);
  });
});

describe('change feed', () => {
  it('numbers entries, stamps simulated time, and a throwing subscriber does not break operations', () => {
    const q = quickstartWorld();
    const seen: WorldEvent[] = [];
    q.world.subscribe(() => {
      throw new Error('bad panel');
    });
    const off = q.world.subscribe((e) => seen.push(e));
    expect(enableSystemAssigned(q.world, q.linuxVmId).ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.seq).toBe(seen[i - 1]!.seq + 1);
    expect(seen.every((e) => e.at === q.world.now())).toBe(true);
    off();
    const count = seen.length;
    enableSystemAssigned(q.world, q.windowsVmId);
    expect(seen.length).toBe(count);
    expect(q.world.events().at(-1)!.type).toBe('identity.enabled');
  });
});

describe('scopeNotFound', () => {
  it.each([
    ['a subscription', (s: string) => `/subscriptions/${s.slice(0, -4)}dead`, 'SubscriptionNotFound'],
    ['a resource group', (s: string) => `/subscriptions/${s}/resourceGroups/ghost/providers/Microsoft.Compute/virtualMachines/vm`, 'ResourceGroupNotFound'],
    ['a resource', (s: string) => `/subscriptions/${s}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/ghost`, 'ResourceNotFound'],
    ['not a scope', () => 'nonsense', 'InvalidScope'],
  ])('names the first missing level: %s', (_n, make, code) => {
    const q = quickstartWorld();
    const r = scopeNotFound(q.world, make(q.subscriptionId));
    expect(r.ok === false && r.error.code).toBe(code);
  });

  it('a missing child of an existing resource is named by its full path', () => {
    const d = dataWorld();
    const r = scopeNotFound(d.world, `${d.storageAccountId}/blobServices/default/containers/nope`);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'ResourceNotFound',
        message:
          "The Resource 'Microsoft.Storage/storageAccounts/mysandboxstorage/blobServices/default/containers/nope' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      },
    });
  });
});
