/**
 * Virtual machines: get, list, create (minimal PUT), delete, and PATCH of `identity` with Compute's real
 * semantics (rbac-arm.md §3.2): both spellings of the combined type, `null` removes a user-assigned
 * entry, `None` removes all. Attaching a user-assigned identity is a linked check: the caller needs
 * `…/userAssignedIdentities/assign/action` on each identity it names (LinkedAuthorizationFailed).
 */
import {
  armId,
  createVirtualMachine,
  deleteVirtualMachine,
  getVirtualMachine,
  listVirtualMachines,
  patchVmIdentity,
  type VmIdentityPatch,
} from '../../sim/index';
import { isPlainObject } from '../http/body';
import { COMPUTE_API } from './api-versions';
import { decide, type Check } from '../access/decide';
import { authorizeLinked } from './authorize';
import { armError } from './errors';
import { armRoute, listOf, simFailure, type ArmCall } from './route';
import type { CallContext } from '../call-context';
import type { Principal } from '../access/principal';

const VM_ACTION = {
  read: 'Microsoft.Compute/virtualMachines/read',
  write: 'Microsoft.Compute/virtualMachines/write',
  delete: 'Microsoft.Compute/virtualMachines/delete',
} as const;
export const ASSIGN_ACTION = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

const RG = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName';
const VM_PATH = `${RG}/providers/Microsoft.Compute/virtualMachines/:vmName`;
const vmIdOf = ({ params }: ArmCall) =>
  armId.providerResourceId(params.subscriptionId!, params.resourceGroupName!, armId.VM_TYPE, params.vmName!);

/** The user-assigned identities a request body attaches (entries that are not `null`). */
function attachedIn(identity: unknown): string[] {
  if (!isPlainObject(identity) || !isPlainObject(identity.userAssignedIdentities)) return [];
  return Object.entries(identity.userAssignedIdentities).filter(([, v]) => v !== null).map(([id]) => id);
}

function applyIdentity(ctx: CallContext, principal: Principal, vmId: string, identity: unknown): Response | null {
  const primary: Check = { action: VM_ACTION.write, scope: vmId };
  const linked = attachedIn(identity);
  if (linked.length > 0) {
    const verdict = authorizeLinked(ctx, principal, primary, ASSIGN_ACTION, linked);
    if (!verdict.ok) return verdict.response;
  }
  if (identity !== null && !isPlainObject(identity)) {
    return armError(ctx, 'InvalidParameter', "The 'identity' property must be an object with a 'type'.", 400);
  }
  const result = patchVmIdentity(ctx.world, vmId, identity as VmIdentityPatch | null);
  return result.ok ? null : simFailure(ctx, result);
}

export const virtualMachineRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/providers/Microsoft.Compute/virtualMachines',
    operation: 'virtualMachines.listAll',
    apiVersions: COMPUTE_API,
    authorize: () => null,
    handle: ({ ctx, params, principal }) => ({
      status: 200,
      body: listOf(
        listVirtualMachines(ctx.world, params.subscriptionId!).filter((vm) => decide(ctx, principal, { action: VM_ACTION.read, scope: vm.id }, 'listFilter')?.allowed),
      ),
    }),
  }),
  armRoute({
    method: 'GET',
    path: `${RG}/providers/Microsoft.Compute/virtualMachines`,
    operation: 'virtualMachines.list',
    apiVersions: COMPUTE_API,
    authorize: ({ params }) => ({ action: VM_ACTION.read, scope: armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!) }),
    handle: ({ ctx, params }) => {
      if (!ctx.world.data.resourceGroups[armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!).toLowerCase()]) {
        return armError(ctx, 'ResourceGroupNotFound', `Resource group '${params.resourceGroupName}' could not be found.`, 404);
      }
      return { status: 200, body: listOf(listVirtualMachines(ctx.world, params.subscriptionId!, params.resourceGroupName!)) };
    },
  }),
  armRoute({
    method: 'GET',
    path: VM_PATH,
    operation: 'virtualMachines.get',
    apiVersions: COMPUTE_API,
    authorize: (call) => ({ action: VM_ACTION.read, scope: vmIdOf(call) }),
    handle: (call) => {
      const vm = getVirtualMachine(call.ctx.world, vmIdOf(call));
      return vm.ok ? { status: 200, body: vm.value } : simFailure(call.ctx, vm);
    },
  }),
  armRoute({
    method: 'PATCH',
    path: VM_PATH,
    operation: 'virtualMachines.update',
    apiVersions: COMPUTE_API,
    authorize: (call) => ({ action: VM_ACTION.write, scope: vmIdOf(call) }),
    handle: (call) => {
      const { ctx, body, principal } = call;
      const id = vmIdOf(call);
      const vm = getVirtualMachine(ctx.world, id);
      if (!vm.ok) return simFailure(ctx, vm);
      if (isPlainObject(body) && 'identity' in body) {
        const failed = applyIdentity(ctx, principal, id, body.identity);
        if (failed) return failed;
      }
      return { status: 200, body: vm.value };
    },
  }),
  armRoute({
    method: 'PUT',
    path: VM_PATH,
    operation: 'virtualMachines.createOrUpdate',
    apiVersions: COMPUTE_API,
    authorize: (call) => ({ action: VM_ACTION.write, scope: vmIdOf(call) }),
    handle: (call) => {
      const { ctx, params, principal } = call;
      const body = isPlainObject(call.body) ? call.body : {};
      const props = isPlainObject(body.properties) ? body.properties : {};
      const storage = isPlainObject(props.storageProfile) ? props.storageProfile : {};
      const osDisk = isPlainObject(storage.osDisk) ? storage.osDisk : {};
      const hardware = isPlainObject(props.hardwareProfile) ? props.hardwareProfile : {};
      const image = isPlainObject(storage.imageReference) ? storage.imageReference : {};
      // A minimal create: the OS comes from the disk, or from a Windows image publisher.
      const osType = osDisk.osType === 'Windows' || /windows/i.test(String(image.publisher ?? '')) ? 'Windows' : 'Linux';
      const created = createVirtualMachine(ctx.world, {
        subscriptionId: params.subscriptionId!,
        resourceGroup: params.resourceGroupName!,
        name: params.vmName!,
        osType,
        ...(typeof body.location === 'string' ? { location: body.location } : {}),
        ...(typeof hardware.vmSize === 'string' ? { vmSize: hardware.vmSize } : {}),
      });
      if (!created.ok) return simFailure(ctx, created);
      if ('identity' in body) {
        const failed = applyIdentity(ctx, principal, created.value.vm.id, body.identity);
        if (failed) return failed;
      }
      return { status: created.value.created ? 201 : 200, body: created.value.vm };
    },
  }),
  armRoute({
    method: 'DELETE',
    path: VM_PATH,
    operation: 'virtualMachines.delete',
    apiVersions: COMPUTE_API,
    authorize: (call) => ({ action: VM_ACTION.delete, scope: vmIdOf(call) }),
    handle: (call) => {
      const id = vmIdOf(call);
      // Compute's Delete answers 200, 202 (long-running) or 204 (nothing there) — VirtualMachines_Delete
      // in azure-rest-api-specs. Our delete is done at once, so 200 with no body, as a finished one.
      if (!call.ctx.world.data.virtualMachines[id.toLowerCase()]) return { status: 204 };
      const result = deleteVirtualMachine(call.ctx.world, id);
      return result.ok ? { status: 200 } : simFailure(call.ctx, result);
    },
  }),
];
