/**
 * The quickstarts' starting point (imds.md §4.1–4.2): resource group `myResourceGroup` with a
 * Linux VM `myLinuxVM` (Ubuntu 22.04) and a Windows VM `myWindowsVM`, identities off, and an admin
 * who is Owner of the subscription.
 */
import { must, type NewWorldOptions, type SeededWorld, createBaseWorld } from '../world/create';
import { createResourceGroup } from '../world/resource-groups';
import { createVirtualMachine } from '../world/virtual-machines';

export const QUICKSTART = {
  resourceGroup: 'myResourceGroup',
  location: 'eastus',
  linuxVm: 'myLinuxVM',
  windowsVm: 'myWindowsVM',
} as const;

export interface QuickstartWorld extends SeededWorld {
  linuxVmId: string;
  windowsVmId: string;
  resourceGroupId: string;
}

export function quickstartWorld(opts: NewWorldOptions = {}): QuickstartWorld {
  const base = createBaseWorld(opts);
  const { world, subscriptionId } = base;
  const rg = must(createResourceGroup(world, { subscriptionId, name: QUICKSTART.resourceGroup, location: QUICKSTART.location }), 'resource group');
  const linux = must(
    createVirtualMachine(world, { subscriptionId, resourceGroup: QUICKSTART.resourceGroup, name: QUICKSTART.linuxVm, osType: 'Linux', vmSize: 'Standard_DS1_v2' }),
    'linux vm',
  );
  const windows = must(
    createVirtualMachine(world, { subscriptionId, resourceGroup: QUICKSTART.resourceGroup, name: QUICKSTART.windowsVm, osType: 'Windows', vmSize: 'Standard_D2s_v3' }),
    'windows vm',
  );
  return { ...base, resourceGroupId: rg.resourceGroup.id, linuxVmId: linux.vm.id, windowsVmId: windows.vm.id };
}
