/** Virtual machines: create (PUT), get, list. Deleting one (with its identities) is in removal/. */
import { errors, ok, type Result } from '../errors';
import { guid } from '../ids';
import { keyOf, parseResourceId, providerResourceId, VM_TYPE } from './arm-id';
import { requireResourceGroup } from './resource-groups';
import type { VirtualMachine } from './schema';
import type { World } from './world';
import * as v from 'valibot';
import { optionalTags, parseInput, requireStrings, show } from '../input';

export type OsType = 'Linux' | 'Windows';

export interface ImageReference {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
}

/** The images the quickstarts use (Ubuntu 22.04 LTS and Windows Server 2022). */
export const DEFAULT_IMAGES: Record<OsType, ImageReference> = {
  Linux: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' },
  Windows: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', version: 'latest' },
};

export interface CreateVmInput {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  osType: OsType;
  location?: string;
  vmSize?: string;
  image?: ImageReference;
  adminUsername?: string;
  tags?: Record<string, string>;
}

/** Compute: Windows computer names stop at 15 characters, Linux VM names at 64. */
function checkVmName(name: unknown, os: OsType): Result<string> {
  const max = os === 'Windows' ? 15 : 64;
  if (typeof name !== 'string' || !new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${max - 1}}$`).test(name) || /[.-]$/.test(name)) {
    return errors.invalidResourceName(
      'virtual machine',
      show(name),
      `${os} VM names are 1-${max} characters of letters, digits, periods, underscores and hyphens, and cannot end in a period or hyphen.`,
    );
  }
  return ok(name);
}

const VM_INPUT = v.object({
  subscriptionId: v.string(),
  resourceGroup: v.string(),
  name: v.unknown(),
  osType: v.unknown(),
  location: v.optional(v.string()),
  vmSize: v.optional(v.string()),
  image: v.optional(v.object({ publisher: v.string(), offer: v.string(), sku: v.string(), version: v.string() })),
  adminUsername: v.optional(v.string()),
  tags: optionalTags,
});

export function createVirtualMachine(world: World, input: CreateVmInput): Result<{ vm: VirtualMachine; created: boolean }> {
  const checked = parseInput(VM_INPUT, input, 'virtual machine');
  if (!checked.ok) return checked;
  const rg = requireResourceGroup(world, input.subscriptionId, input.resourceGroup);
  if (!rg.ok) return rg;
  if (input.osType !== 'Linux' && input.osType !== 'Windows') {
    return errors.invalidParameter(`The osType '${show(input.osType)}' is not valid. Allowed values are 'Linux' and 'Windows'.`);
  }
  const name = checkVmName(input.name, input.osType);
  if (!name.ok) return name;
  const id = providerResourceId(rg.value.id.split('/')[2]!, rg.value.name, VM_TYPE, input.name);
  const existing = world.data.virtualMachines[keyOf(id)];
  if (existing) {
    if (input.tags) existing.tags = { ...input.tags };
    world.commit([]);
    return ok({ vm: existing, created: false });
  }
  const vmId = guid(world.rng);
  const vm: VirtualMachine = {
    id,
    name: input.name,
    type: VM_TYPE,
    location: input.location ?? rg.value.location,
    ...(input.tags ? { tags: { ...input.tags } } : {}),
    properties: {
      vmId,
      hardwareProfile: { vmSize: input.vmSize ?? 'Standard_DS1_v2' },
      storageProfile: {
        imageReference: { ...(input.image ?? DEFAULT_IMAGES[input.osType]) },
        osDisk: { osType: input.osType, name: `${input.name}_OsDisk_1_${vmId.replace(/-/g, '')}`, createOption: 'FromImage' },
      },
      osProfile: { computerName: input.name, adminUsername: input.adminUsername ?? 'azureuser' },
      provisioningState: 'Succeeded',
      timeCreated: new Date(world.now()).toISOString(),
    },
  };
  world.data.virtualMachines[keyOf(id)] = vm;
  world.commit([{ type: 'vm.created', id, vmId }]);
  return ok({ vm, created: true });
}

export function getVirtualMachine(world: World, id: string): Result<VirtualMachine> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const parsed = parseResourceId(id);
  if (!parsed || parsed.providerType.toLowerCase() !== VM_TYPE.toLowerCase()) {
    return errors.invalidParameter(`'${id}' is not a virtual machine id.`);
  }
  const rg = requireResourceGroup(world, parsed.subscriptionId, parsed.resourceGroup);
  if (!rg.ok) return rg;
  const vm = world.data.virtualMachines[keyOf(id)];
  return vm ? ok(vm) : errors.resourceNotFound(`${VM_TYPE}/${parsed.name}`, parsed.resourceGroup);
}

/** IMDS knows a VM by its vmId; the router binds shells to it. Accepts the ARM id too. */
export function findVm(world: World, vmIdOrArmId: string): VirtualMachine | null {
  if (typeof vmIdOrArmId !== 'string') return null;
  const byId = world.data.virtualMachines[keyOf(vmIdOrArmId)];
  if (byId) return byId;
  const want = vmIdOrArmId.toLowerCase();
  return Object.values(world.data.virtualMachines).find((vm) => vm.properties.vmId === want) ?? null;
}

export function listVirtualMachines(world: World, subscriptionId: string, resourceGroup?: string): VirtualMachine[] {
  if (typeof subscriptionId !== 'string' || (resourceGroup !== undefined && typeof resourceGroup !== 'string')) return [];
  const prefix = resourceGroup
    ? keyOf(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/`)
    : keyOf(`/subscriptions/${subscriptionId}/`);
  return Object.entries(world.data.virtualMachines).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

