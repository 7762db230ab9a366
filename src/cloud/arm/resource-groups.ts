/**
 * Resource groups (get, list, create-or-update, delete) and the resources inside one. Actions are
 * spelled as ARM prints them in AuthorizationFailed: `…/subscriptions/resourcegroups/read`.
 */
import {
  armId,
  createResourceGroup,
  deleteResourceGroup,
  getResourceGroup,
  listResourceGroups,
} from '../../sim/index';
import { isPlainObject } from '../http/body';
import { RESOURCES_API } from './api-versions';
import { decide } from '../access/decide';
import { armError } from './errors';
import { armRoute, listOf, simFailure, type ArmCall } from './route';

export const RG_ACTION = {
  read: 'Microsoft.Resources/subscriptions/resourcegroups/read',
  write: 'Microsoft.Resources/subscriptions/resourcegroups/write',
  delete: 'Microsoft.Resources/subscriptions/resourcegroups/delete',
} as const;

const RG_PATH = '/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName';
const rgScope = ({ params }: ArmCall) => armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!);

const stringRecord = (v: unknown): v is Record<string, string> => isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string');

export const resourceGroupRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/resourcegroups',
    operation: 'resourceGroups.list',
    apiVersions: RESOURCES_API,
    authorize: () => null,
    handle: ({ ctx, params, principal }) => {
      const all = listResourceGroups(ctx.world, params.subscriptionId!);
      if (!all.ok) return simFailure(ctx, all);
      // ARM lists only the groups the caller may read.
      const visible = all.value.filter((rg) => decide(ctx, principal, { action: RG_ACTION.read, scope: rg.id }, 'listFilter')?.allowed);
      return { status: 200, body: listOf(visible) };
    },
  }),
  armRoute({
    method: 'GET',
    path: RG_PATH,
    operation: 'resourceGroups.get',
    apiVersions: RESOURCES_API,
    authorize: (call) => ({ action: RG_ACTION.read, scope: rgScope(call) }),
    handle: ({ ctx, params }) => {
      const rg = getResourceGroup(ctx.world, params.subscriptionId!, params.resourceGroupName!);
      return rg.ok ? { status: 200, body: rg.value } : simFailure(ctx, rg);
    },
  }),
  armRoute({
    method: 'HEAD',
    path: RG_PATH,
    operation: 'resourceGroups.checkExistence',
    apiVersions: RESOURCES_API,
    authorize: (call) => ({ action: RG_ACTION.read, scope: rgScope(call) }),
    handle: ({ ctx, params }) => ({ status: getResourceGroup(ctx.world, params.subscriptionId!, params.resourceGroupName!).ok ? 204 : 404 }),
  }),
  armRoute({
    method: 'PUT',
    path: RG_PATH,
    operation: 'resourceGroups.createOrUpdate',
    apiVersions: RESOURCES_API,
    authorize: (call) => ({ action: RG_ACTION.write, scope: rgScope(call) }),
    handle: ({ ctx, params, body }) => {
      const input = isPlainObject(body) ? body : {};
      if (input.tags !== undefined && !stringRecord(input.tags)) {
        return armError(ctx, 'InvalidRequestContent', "The 'tags' property must be an object of string values.", 400);
      }
      const result = createResourceGroup(ctx.world, {
        subscriptionId: params.subscriptionId!,
        name: params.resourceGroupName!,
        location: input.location as string,
        ...(input.tags ? { tags: input.tags as Record<string, string> } : {}),
      });
      if (!result.ok) {
        // ARM's own text for a PUT without a location.
        if (result.error.code === 'InvalidParameter' && input.location === undefined) {
          return armError(ctx, 'LocationRequired', 'The location property is required for this definition.', 400);
        }
        return simFailure(ctx, result);
      }
      return { status: result.value.created ? 201 : 200, body: result.value.resourceGroup };
    },
  }),
  armRoute({
    method: 'DELETE',
    path: RG_PATH,
    operation: 'resourceGroups.delete',
    apiVersions: RESOURCES_API,
    authorize: (call) => ({ action: RG_ACTION.delete, scope: rgScope(call) }),
    // Real ARM answers 202 and deletes in the background; the sim deletes at once, so 200 is the
    // finished long-running operation (SDK pollers accept it).
    handle: ({ ctx, params }) => {
      const result = deleteResourceGroup(ctx.world, params.subscriptionId!, params.resourceGroupName!);
      return result.ok ? { status: 200 } : simFailure(ctx, result);
    },
  }),
];
