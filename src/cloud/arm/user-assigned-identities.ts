/** Microsoft.ManagedIdentity/userAssignedIdentities: get, create-or-update (201/200), delete, list (rbac-arm.md §3.3). */
import {
  armId,
  createUserAssignedIdentity,
  deleteUserAssignedIdentity,
  getUserAssignedIdentity,
  listUserAssignedIdentities,
} from '../../sim/index';
import { isPlainObject } from '../http/body';
import { MANAGED_IDENTITY_API } from './api-versions';
import { decide } from '../access/decide';
import { armError } from './errors';
import { armRoute, listOf, simFailure, type ArmCall } from './route';

const UAI_ACTION = {
  read: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
  write: 'Microsoft.ManagedIdentity/userAssignedIdentities/write',
  delete: 'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
} as const;

const RG = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName';
const UAI_PATH = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/:resourceName`;
const idOf = ({ params }: ArmCall) =>
  armId.providerResourceId(params.subscriptionId!, params.resourceGroupName!, armId.UAI_TYPE, params.resourceName!);

export const userAssignedIdentityRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/providers/Microsoft.ManagedIdentity/userAssignedIdentities',
    operation: 'userAssignedIdentities.listBySubscription',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: () => null,
    handle: ({ ctx, params, principal }) => ({
      status: 200,
      body: listOf(
        listUserAssignedIdentities(ctx.world, params.subscriptionId!).filter(
          (i) => decide(ctx, principal, { action: UAI_ACTION.read, scope: i.id }, 'listFilter')?.allowed,
        ),
      ),
    }),
  }),
  armRoute({
    method: 'GET',
    path: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
    operation: 'userAssignedIdentities.listByResourceGroup',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: ({ params }) => ({ action: UAI_ACTION.read, scope: armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!) }),
    handle: ({ ctx, params }) => {
      if (!ctx.world.data.resourceGroups[armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!).toLowerCase()]) {
        return armError(ctx, 'ResourceGroupNotFound', `Resource group '${params.resourceGroupName}' could not be found.`, 404);
      }
      return { status: 200, body: listOf(listUserAssignedIdentities(ctx.world, params.subscriptionId!, params.resourceGroupName!)) };
    },
  }),
  armRoute({
    method: 'GET',
    path: UAI_PATH,
    operation: 'userAssignedIdentities.get',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: (call) => ({ action: UAI_ACTION.read, scope: idOf(call) }),
    handle: (call) => {
      const found = getUserAssignedIdentity(call.ctx.world, idOf(call));
      return found.ok ? { status: 200, body: found.value } : simFailure(call.ctx, found);
    },
  }),
  armRoute({
    method: 'PUT',
    path: UAI_PATH,
    operation: 'userAssignedIdentities.createOrUpdate',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: (call) => ({ action: UAI_ACTION.write, scope: idOf(call) }),
    handle: ({ ctx, params, body }) => {
      const input = isPlainObject(body) ? body : {};
      const tags = isPlainObject(input.tags) ? (input.tags as Record<string, string>) : undefined;
      const result = createUserAssignedIdentity(ctx.world, {
        subscriptionId: params.subscriptionId!,
        resourceGroup: params.resourceGroupName!,
        name: params.resourceName!,
        location: input.location as string,
        ...(tags ? { tags } : {}),
      });
      if (!result.ok) return simFailure(ctx, result);
      return { status: result.value.created ? 201 : 200, body: result.value.identity };
    },
  }),
  armRoute({
    method: 'DELETE',
    path: UAI_PATH,
    operation: 'userAssignedIdentities.delete',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: (call) => ({ action: UAI_ACTION.delete, scope: idOf(call) }),
    handle: (call) => {
      const id = idOf(call);
      // ARM's DELETE of something already gone is 204, not an error.
      if (!call.ctx.world.data.userAssignedIdentities[id.toLowerCase()]) return { status: 204 };
      const result = deleteUserAssignedIdentity(call.ctx.world, id);
      return result.ok ? { status: 200 } : simFailure(call.ctx, result);
    },
  }),
];
