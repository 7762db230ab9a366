/**
 * Az.Compute: Get-AzVM and Update-AzVM (Azure/azure-powershell src/Compute/Compute/VirtualMachine/
 * Operation/GetAzureVMCommand.cs, UpdateAzureVMCommand.cs; models Models/PSVirtualMachine.cs).
 * Update-AzVM sends the whole VM back with PUT (CreateOrUpdate), so `-IdentityType` / `-IdentityId`
 * replace the VM's identity with exactly what they say, and it prints a PSAzureOperationResponse.
 */
import { arg, missingMandatory, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSEnum, PSObject } from '../../runtime/values';
import { armCall, armList, requireContext, requireSubscription, type AzContext } from './az-context';
import { COMMON_PARAM } from './common-params';
import { modelOf, wireOf } from './wire-objects';

// A Compute api-version of Az.Compute 11's SDK generation (plausible for Az 16; the exact one was not captured).
const COMPUTE_API = '2024-11-01';
const MODELS = 'Microsoft.Azure.Management.Compute.Models';
export const PS_VM = 'Microsoft.Azure.Commands.Compute.Models.PSVirtualMachine';
export const PS_VM_LIST = 'Microsoft.Azure.Commands.Compute.Models.PSVirtualMachineList';
export const PS_OPERATION_RESPONSE = 'Microsoft.Azure.Commands.Compute.Models.PSAzureOperationResponse';
const PS_OPERATION = 'Microsoft.Azure.Commands.Compute.Models.PSOperation';

/** Model types of the objects inside a VM, by wire path (the SDK's Management.Compute.Models). */
const VM_MODEL_TYPES: Record<string, string> = {
  hardwareProfile: 'HardwareProfile',
  storageProfile: 'StorageProfile',
  'storageProfile.imageReference': 'ImageReference',
  'storageProfile.osDisk': 'OSDisk',
  'storageProfile.osDisk.managedDisk': 'ManagedDiskParameters',
  'storageProfile.dataDisks[]': 'DataDisk',
  osProfile: 'OSProfile',
  'osProfile.windowsConfiguration': 'WindowsConfiguration',
  'osProfile.linuxConfiguration': 'LinuxConfiguration',
  networkProfile: 'NetworkProfile',
  'networkProfile.networkInterfaces[]': 'NetworkInterfaceReference',
  diagnosticsProfile: 'DiagnosticsProfile',
  'diagnosticsProfile.bootDiagnostics': 'BootDiagnostics',
  securityProfile: 'SecurityProfile',
  additionalCapabilities: 'AdditionalCapabilities',
  identity: 'VirtualMachineIdentity',
  'identity.userAssignedIdentities{}': 'UserAssignedIdentitiesValue',
};
const VM_DICTIONARIES = ['tags', 'identity.userAssignedIdentities'];
const modelType = (path: string) => (VM_MODEL_TYPES[path] ? `${MODELS}.${VM_MODEL_TYPES[path]}` : undefined);

/** PSVirtualMachine's properties in declaration order (PSVirtualMachine.cs), then PSOperation's. */
const VM_PROPERTIES: [string, string | null][] = [
  ['ExtendedLocation', 'extendedLocation'],
  ['LicenseType', 'properties.licenseType'],
  ['Tags', 'tags'],
  ['AvailabilitySetReference', 'properties.availabilitySet'],
  ['DiagnosticsProfile', 'properties.diagnosticsProfile'],
  ['Extensions', 'resources'],
  ['HardwareProfile', 'properties.hardwareProfile'],
  ['InstanceView', 'properties.instanceView'],
  ['NetworkProfile', 'properties.networkProfile'],
  ['SecurityProfile', 'properties.securityProfile'],
  ['OSProfile', 'properties.osProfile'],
  ['BillingProfile', 'properties.billingProfile'],
  ['Plan', 'plan'],
  ['ProvisioningState', 'properties.provisioningState'],
  ['StorageProfile', 'properties.storageProfile'],
  ['DisplayHint', null],
  ['Identity', 'identity'],
  ['Zones', 'zones'],
  ['FullyQualifiedDomainName', null],
  ['AdditionalCapabilities', 'properties.additionalCapabilities'],
  ['ProximityPlacementGroup', 'properties.proximityPlacementGroup'],
  ['Host', 'properties.host'],
  ['VirtualMachineScaleSet', 'properties.virtualMachineScaleSet'],
  ['EvictionPolicy', 'properties.evictionPolicy'],
  ['Priority', 'properties.priority'],
  ['HostGroup', 'properties.hostGroup'],
];

function at(wire: Record<string, unknown>, path: string): unknown {
  let v: unknown = wire;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v ?? null;
}

/** PSVirtualMachine.ResourceGroupName: the segment after resourcegroups/ (its regex, case-insensitive). */
export function resourceGroupOf(id: string): string | null {
  return /\/resourcegroups\/(\S+)\/providers\//i.exec(id)?.[1] ?? null;
}

function displayHint(expand: boolean): PSEnum {
  return new PSEnum('Microsoft.Azure.Commands.Compute.Models.DisplayHintType', expand ? 'Expand' : 'Compact', expand ? 1 : 0);
}

export function vmObject(wire: Record<string, unknown>, list: boolean, expand = false): PSObject {
  const id = String(wire.id ?? '');
  const types = list ? [PS_VM_LIST, PS_VM, PS_OPERATION, 'System.Object'] : [PS_VM, PS_OPERATION, 'System.Object'];
  const o = new PSObject(types);
  o.set('ResourceGroupName', resourceGroupOf(id));
  o.set('Id', id);
  o.set('VmId', at(wire, 'properties.vmId'));
  o.set('Name', wire.name ?? null);
  o.set('Type', wire.type ?? null);
  o.set('Location', wire.location ?? null);
  for (const [name, path] of VM_PROPERTIES) {
    if (name === 'DisplayHint') o.set(name, displayHint(expand));
    else if (path === null) o.set(name, null);
    else {
      const wirePath = path.replace(/^properties\./, '');
      o.set(name, modelOf(at(wire, path), wirePath === 'tags' ? 'tags' : wirePath, modelType, VM_DICTIONARIES));
    }
  }
  o.set('RequestId', null);
  o.set('StatusCode', 'OK');
  o.stringify = () => PS_VM;
  return o;
}

/** The request body Update-AzVM builds from the PSVirtualMachine it was given (UpdateAzureVMCommand.cs). */
function vmBody(vm: PSObject): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const put = (wire: string, name: string) => {
    const v = vm.get(name);
    if (v !== null && v !== undefined) properties[wire] = wireOf(v);
  };
  put('diagnosticsProfile', 'DiagnosticsProfile');
  put('hardwareProfile', 'HardwareProfile');
  put('storageProfile', 'StorageProfile');
  put('networkProfile', 'NetworkProfile');
  put('osProfile', 'OSProfile');
  put('billingProfile', 'BillingProfile');
  put('securityProfile', 'SecurityProfile');
  put('availabilitySet', 'AvailabilitySetReference');
  put('licenseType', 'LicenseType');
  put('additionalCapabilities', 'AdditionalCapabilities');
  put('evictionPolicy', 'EvictionPolicy');
  put('priority', 'Priority');
  const body: Record<string, unknown> = { location: vm.get('Location') };
  const tags = vm.get('Tags');
  if (tags !== null && tags !== undefined) body.tags = wireOf(tags);
  // Read-only members (principalId, tenantId, the identities' ids) are not serialized by the SDK.
  const identity = vm.get('Identity');
  if (identity instanceof PSObject && identity.get('Type')) {
    const uai = wireOf(identity.get('UserAssignedIdentities')) as Record<string, unknown> | null;
    body.identity = { type: identity.get('Type'), ...(uai ? { userAssignedIdentities: Object.fromEntries(Object.keys(uai).map((k) => [k, {}])) } : {}) };
  }
  const zones = vm.get('Zones');
  if (Array.isArray(zones) && zones.length) body.zones = zones;
  body.properties = properties;
  return body;
}

/** ResourceIdentityType's C# names and the strings the SDK serializes them as. */
const IDENTITY_TYPES: Record<string, string> = {
  SystemAssigned: 'SystemAssigned',
  UserAssigned: 'UserAssigned',
  SystemAssignedUserAssigned: 'SystemAssigned, UserAssigned',
  None: 'None',
};

async function listVms(call: CmdletCall, context: AzContext, subscription: string, rg: string | undefined): Promise<Record<string, unknown>[]> {
  const path = rg ? `/subscriptions/${subscription}/resourceGroups/${encodeURIComponent(rg)}/providers/Microsoft.Compute/virtualMachines` : `/subscriptions/${subscription}/providers/Microsoft.Compute/virtualMachines`;
  return armList(call, context, path, COMPUTE_API, 'compute');
}

const vmPath = (subscription: string, rg: string, name: string) => `/subscriptions/${subscription}/resourceGroups/${encodeURIComponent(rg)}/providers/Microsoft.Compute/virtualMachines/${encodeURIComponent(name)}`;

export const getAzVM: CmdletDef = {
  name: 'Get-AzVM',
  className: 'Microsoft.Azure.Commands.Compute.GetAzureVMCommand',
  synopsis: 'Gets the properties of a virtual machine.',
  params: [
    { name: 'ResourceGroupName', type: 'string', position: 0 },
    { name: 'Name', type: 'string', position: 1, aliases: ['ResourceName', 'VMName'] },
    { name: 'Location', type: 'string' },
    { name: 'Status', type: 'switch' },
    { name: 'DisplayHint', type: 'string', enumValues: ['Compact', 'Expand'], dotnetType: 'Microsoft.Azure.Commands.Compute.Models.DisplayHintType' },
    { name: 'UserData', type: 'switch' },
    { name: 'NextLink', type: 'string' },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const subscription = requireSubscription(call, context);
    const rg = arg<string>(call, 'ResourceGroupName');
    const name = arg<string>(call, 'Name');
    const expand = arg<string>(call, 'DisplayHint') === 'Expand';
    if (arg(call, 'Status') !== undefined) {
      return call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: 'Get-AzVM -Status (the instance view: power state, agent status) is not simulated here.',
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
    if (rg && name && !/[*?]/.test(name)) {
      const result = await armCall(call, context, 'GET', vmPath(subscription.id, rg, name), COMPUTE_API, 'compute');
      return [vmObject(result.json as Record<string, unknown>, false, expand)];
    }
    const all = await listVms(call, context, subscription.id, rg);
    const pattern = name ? wildcardToRegExp(name) : null;
    const location = arg<string>(call, 'Location')?.toLowerCase().replace(/\s+/g, '');
    return all.filter((vm) => (!pattern || pattern.test(String(vm.name))) && (!location || String(vm.location).toLowerCase() === location)).map((vm) => vmObject(vm, true, expand));
  },
};

function isVmObject(v: PSObject): boolean {
  return v instanceof PSObject && v.typeNames.includes(PS_VM);
}

/** PSAzureOperationResponse: what Update-AzVM, New-AzVM and the VM operations print. */
function operationResponse(status: number, reason: string): PSObject {
  return PSObject.from(
    [
      ['RequestId', ''],
      ['IsSuccessStatusCode', status >= 200 && status < 300],
      ['StatusCode', new PSEnum('System.Net.HttpStatusCode', reason.replace(/ /g, ''), status)],
      ['ReasonPhrase', reason],
    ],
    [PS_OPERATION_RESPONSE, 'System.Object'],
  );
}

export const updateAzVM: CmdletDef = {
  name: 'Update-AzVM',
  className: 'Microsoft.Azure.Commands.Compute.UpdateAzureVMCommand',
  synopsis: 'Updates the state of an Azure virtual machine.',
  params: [
    { name: 'ResourceGroupName', type: 'string', position: 0 },
    { name: 'Id', type: 'string' },
    { name: 'VM', type: 'object', aliases: ['VMProfile'], mandatory: true, fromPipeline: true, dotnetType: 'Microsoft.Azure.Commands.Compute.Models.PSVirtualMachine' },
    { name: 'Tag', type: 'dictionary' },
    { name: 'IdentityType', type: 'string', enumValues: Object.keys(IDENTITY_TYPES), dotnetType: 'Microsoft.Azure.Management.Compute.Models.ResourceIdentityType' },
    { name: 'IdentityId', type: 'strings' },
    { name: 'AsJob', type: 'switch' },
    { name: 'NoWait', type: 'switch' },
    { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
    { name: 'Confirm', type: 'switch', aliases: ['cf'] },
    COMMON_PARAM,
  ],
  async run(call) {
    const vms = arg(call, 'VM') !== undefined ? [arg(call, 'VM')] : (call.input ?? []);
    const identityType = arg<string>(call, 'IdentityType');
    const identityIds = arg<string[]>(call, 'IdentityId');
    const rgArg = arg<string>(call, 'ResourceGroupName');
    const idArg = arg<string>(call, 'Id');
    if (identityIds !== undefined && identityType === undefined) {
      // -IdentityId lives only in the explicit-identity parameter set, where -IdentityType is mandatory.
      return call.fail(missingMandatory(['IdentityType']));
    }
    if (!rgArg && !idArg) return call.fail(missingMandatory(['ResourceGroupName']));
    const context = requireContext(call);
    const subscription = requireSubscription(call, context);
    const out: unknown[] = [];
    for (const raw of vms) {
      call.limits.step();
      const vm = raw instanceof PSObject ? raw : null;
      if (!vm || !isVmObject(vm)) {
        return call.fail({
          exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'],
          message: `Cannot bind parameter 'VM'. Cannot convert the "${vm?.stringify?.() ?? String(raw)}" value of type "${vm?.typeNames[0] ?? 'System.String'}" to type "${PS_VM}".`,
          category: 'InvalidArgument',
          fullyQualifiedErrorId: 'CannotConvertArgumentNoMessage',
        });
      }
      if (arg(call, 'WhatIf') === true) {
        call.host.writeHost(`What if: Performing the operation "Update" on target "${String(vm.get('Name'))}".\n`);
        continue;
      }
      const body = vmBody(vm);
      const tag = arg(call, 'Tag');
      if (tag !== undefined) body.tags = wireOf(tag);
      if (identityType !== undefined) body.identity = { type: IDENTITY_TYPES[identityType] };
      if (identityIds !== undefined) {
        (body.identity as Record<string, unknown>).userAssignedIdentities = Object.fromEntries(identityIds.map((id) => [id, {}]));
      }
      const rg = rgArg ?? resourceGroupOf(idArg ?? '') ?? '';
      const result = await armCall(call, context, 'PUT', vmPath(subscription.id, rg, String(vm.get('Name') ?? '')), COMPUTE_API, 'compute', body);
      out.push(operationResponse(result.status, result.statusText || (result.status === 201 ? 'Created' : 'OK')));
    }
    return out;
  },
};
