/** Microsoft.Storage storage accounts and blob containers (get, put, list) so worlds can be built through ARM. */
import {
  armId,
  createContainer,
  createServiceSas,
  createStorageAccount,
  findContainer,
  getStorageAccount,
  listContainers,
  type BlobContainer,
  type World,
} from '../../sim/index';
import { isPlainObject } from '../http/body';
import { STORAGE_API } from './api-versions';
import { decide } from '../access/decide';
import { armError } from './errors';
import { armRoute, listOf, simFailure, type ArmCall } from './route';

const SA = 'Microsoft.Storage/storageAccounts';
const CONTAINERS = 'Microsoft.Storage/storageAccounts/blobServices/containers';
const RG = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName';
const ACCOUNT_PATH = `${RG}/providers/Microsoft.Storage/storageAccounts/:accountName`;
const accountIdOf = ({ params }: ArmCall) =>
  armId.providerResourceId(params.subscriptionId!, params.resourceGroupName!, armId.STORAGE_TYPE, params.accountName!);

function containerWire(world: World, c: BlobContainer) {
  return {
    id: c.id,
    name: c.name,
    type: CONTAINERS,
    etag: `"0x8${c.lastModified.toString(16).toUpperCase().padStart(15, '0')}"`,
    properties: {
      publicAccess: 'None',
      lastModifiedTime: new Date(c.lastModified).toISOString(),
      leaseStatus: 'Unlocked',
      leaseState: 'Available',
      hasImmutabilityPolicy: false,
      hasLegalHold: false,
      deleted: false,
      remainingRetentionDays: 0,
    },
  };
}

function accountGroupExists(call: ArmCall): Response | null {
  const { ctx, params } = call;
  const rg = armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!);
  if (!ctx.world.data.resourceGroups[rg.toLowerCase()]) {
    return armError(ctx, 'ResourceGroupNotFound', `Resource group '${params.resourceGroupName}' could not be found.`, 404);
  }
  return null;
}

export const storageAccountRoutes = [
  armRoute({
    method: 'GET',
    path: `${RG}/providers/Microsoft.Storage/storageAccounts`,
    operation: 'storageAccounts.listByResourceGroup',
    apiVersions: STORAGE_API,
    authorize: ({ params }) => ({ action: `${SA}/read`, scope: armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!) }),
    handle: (call) => {
      const missing = accountGroupExists(call);
      if (missing) return missing;
      const prefix = armId.resourceGroupId(call.params.subscriptionId!, call.params.resourceGroupName!).toLowerCase() + '/';
      return { status: 200, body: listOf(Object.entries(call.ctx.world.data.storageAccounts).filter(([k]) => k.startsWith(prefix)).map(([, a]) => a)) };
    },
  }),
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId/providers/Microsoft.Storage/storageAccounts',
    operation: 'storageAccounts.list',
    apiVersions: STORAGE_API,
    authorize: () => null,
    handle: ({ ctx, params, principal }) => {
      const prefix = `/subscriptions/${params.subscriptionId!.toLowerCase()}/`;
      const visible = Object.entries(ctx.world.data.storageAccounts)
        .filter(([k]) => k.startsWith(prefix))
        .map(([, a]) => a)
        .filter((a) => decide(ctx, principal, { action: `${SA}/read`, scope: a.id }, 'listFilter')?.allowed);
      return { status: 200, body: listOf(visible) };
    },
  }),
  armRoute({
    method: 'GET',
    path: ACCOUNT_PATH,
    operation: 'storageAccounts.get',
    apiVersions: STORAGE_API,
    authorize: (call) => ({ action: `${SA}/read`, scope: accountIdOf(call) }),
    handle: (call) => {
      const found = getStorageAccount(call.ctx.world, accountIdOf(call));
      return found.ok ? { status: 200, body: found.value } : simFailure(call.ctx, found);
    },
  }),
  armRoute({
    method: 'POST',
    path: `${ACCOUNT_PATH}/ListServiceSas`,
    operation: 'storageAccounts.listServiceSas',
    apiVersions: STORAGE_API,
    // Storage Account Contributor's Microsoft.Storage/storageAccounts/* includes it; Reader does not.
    authorize: (call) => ({ action: `${SA}/ListServiceSas/action`, scope: accountIdOf(call) }),
    handle: async (call) => {
      const { ctx, body } = call;
      const account = getStorageAccount(ctx.world, accountIdOf(call));
      if (!account.ok) return simFailure(ctx, account);
      const input = isPlainObject(body) ? body : {};
      const text = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : undefined);
      const made = await createServiceSas(account.value, {
        canonicalizedResource: text('canonicalizedResource') ?? '',
        signedResource: text('signedResource') ?? '',
        signedPermission: text('signedPermission') ?? '',
        signedExpiry: text('signedExpiry') ?? '',
        ...(text('signedStart') ? { signedStart: text('signedStart')! } : {}),
        ...(text('signedProtocol') ? { signedProtocol: text('signedProtocol')! } : {}),
        ...(text('signedIp') ? { signedIp: text('signedIp')! } : {}),
        ...(text('signedIdentifier') ? { signedIdentifier: text('signedIdentifier')! } : {}),
        ...(text('keyToSign') ? { keyToSign: text('keyToSign')! } : {}),
      });
      // The Storage RP's answer to a bad parameter (its InvalidValuesForRequestParameters code; the
      // message follows the RP's "Values for request parameters are invalid: {names}." pattern).
      if (!made.ok) return armError(ctx, 'InvalidValuesForRequestParameters', `Values for request parameters are invalid: ${made.parameter}.`, 400);
      return { status: 200, body: { serviceSasToken: made.token } };
    },
  }),
  armRoute({
    method: 'PUT',
    path: ACCOUNT_PATH,
    operation: 'storageAccounts.create',
    apiVersions: STORAGE_API,
    authorize: (call) => ({ action: `${SA}/write`, scope: accountIdOf(call) }),
    // Real ARM answers 202 and provisions in the background; the sim creates at once (200/201).
    handle: ({ ctx, params, body }) => {
      const input = isPlainObject(body) ? body : {};
      const result = createStorageAccount(ctx.world, {
        subscriptionId: params.subscriptionId!,
        resourceGroup: params.resourceGroupName!,
        name: params.accountName!,
        ...(typeof input.location === 'string' ? { location: input.location } : {}),
        ...(isPlainObject(input.tags) ? { tags: input.tags as Record<string, string> } : {}),
      });
      if (!result.ok) return simFailure(ctx, result);
      return { status: result.value.created ? 201 : 200, body: result.value.account };
    },
  }),
  armRoute({
    method: 'GET',
    path: `${ACCOUNT_PATH}/blobServices/default/containers`,
    operation: 'blobContainers.list',
    apiVersions: STORAGE_API,
    authorize: (call) => ({ action: `${CONTAINERS}/read`, scope: accountIdOf(call) }),
    handle: (call) => {
      const account = getStorageAccount(call.ctx.world, accountIdOf(call));
      if (!account.ok) return simFailure(call.ctx, account);
      const listed = listContainers(call.ctx.world, account.value.name);
      return listed.ok ? { status: 200, body: listOf(listed.value.map((c) => containerWire(call.ctx.world, c))) } : simFailure(call.ctx, listed);
    },
  }),
  armRoute({
    method: 'GET',
    path: `${ACCOUNT_PATH}/blobServices/default/containers/:containerName`,
    operation: 'blobContainers.get',
    apiVersions: STORAGE_API,
    authorize: (call) => ({ action: `${CONTAINERS}/read`, scope: armId.containerId(accountIdOf(call), call.params.containerName!) }),
    handle: (call) => {
      const account = getStorageAccount(call.ctx.world, accountIdOf(call));
      if (!account.ok) return simFailure(call.ctx, account);
      const c = findContainer(call.ctx.world, account.value.name, call.params.containerName!);
      if (!c) {
        return armError(call.ctx, 'ContainerNotFound', 'The specified container does not exist.', 404);
      }
      return { status: 200, body: containerWire(call.ctx.world, c) };
    },
  }),
  armRoute({
    method: 'PUT',
    path: `${ACCOUNT_PATH}/blobServices/default/containers/:containerName`,
    operation: 'blobContainers.create',
    apiVersions: STORAGE_API,
    authorize: (call) => ({ action: `${CONTAINERS}/write`, scope: armId.containerId(accountIdOf(call), call.params.containerName!) }),
    handle: (call) => {
      const account = getStorageAccount(call.ctx.world, accountIdOf(call));
      if (!account.ok) return simFailure(call.ctx, account);
      const existing = findContainer(call.ctx.world, account.value.name, call.params.containerName!);
      if (existing) return { status: 200, body: containerWire(call.ctx.world, existing) };
      const created = createContainer(call.ctx.world, account.value.name, call.params.containerName!);
      return created.ok ? { status: 201, body: containerWire(call.ctx.world, created.value) } : simFailure(call.ctx, created);
    },
  }),
];
