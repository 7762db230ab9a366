/** Microsoft.KeyVault/vaults: get, create-or-update (with `enableRbacAuthorization`), list by group. */
import { armId, createKeyVault, getKeyVault, type AccessPolicy } from '../../sim/index';
import { isPlainObject } from '../http/body';
import { KEYVAULT_API } from './api-versions';
import { armError } from './errors';
import { armRoute, listOf, simFailure, type ArmCall } from './route';

const RG = '/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName';
const VAULT_PATH = `${RG}/providers/Microsoft.KeyVault/vaults/:vaultName`;
const vaultIdOf = ({ params }: ArmCall) =>
  armId.providerResourceId(params.subscriptionId!, params.resourceGroupName!, armId.VAULT_TYPE, params.vaultName!);

export const keyVaultRoutes = [
  armRoute({
    method: 'GET',
    path: `${RG}/providers/Microsoft.KeyVault/vaults`,
    operation: 'vaults.listByResourceGroup',
    apiVersions: KEYVAULT_API,
    authorize: ({ params }) => ({ action: 'Microsoft.KeyVault/vaults/read', scope: armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!) }),
    handle: ({ ctx, params }) => {
      const rg = armId.resourceGroupId(params.subscriptionId!, params.resourceGroupName!).toLowerCase();
      if (!ctx.world.data.resourceGroups[rg]) {
        return armError(ctx, 'ResourceGroupNotFound', `Resource group '${params.resourceGroupName}' could not be found.`, 404);
      }
      return { status: 200, body: listOf(Object.entries(ctx.world.data.keyVaults).filter(([k]) => k.startsWith(rg + '/')).map(([, v]) => v)) };
    },
  }),
  armRoute({
    method: 'GET',
    path: VAULT_PATH,
    operation: 'vaults.get',
    apiVersions: KEYVAULT_API,
    authorize: (call) => ({ action: 'Microsoft.KeyVault/vaults/read', scope: vaultIdOf(call) }),
    handle: (call) => {
      const found = getKeyVault(call.ctx.world, vaultIdOf(call));
      return found.ok ? { status: 200, body: found.value } : simFailure(call.ctx, found);
    },
  }),
  armRoute({
    method: 'PUT',
    path: VAULT_PATH,
    operation: 'vaults.createOrUpdate',
    apiVersions: KEYVAULT_API,
    authorize: (call) => ({ action: 'Microsoft.KeyVault/vaults/write', scope: vaultIdOf(call) }),
    handle: ({ ctx, params, body }) => {
      const input = isPlainObject(body) ? body : {};
      const props = isPlainObject(input.properties) ? input.properties : {};
      if (props.enableRbacAuthorization !== undefined && typeof props.enableRbacAuthorization !== 'boolean') {
        return armError(ctx, 'BadRequest', "The property 'enableRbacAuthorization' must be a boolean.", 400);
      }
      if (props.accessPolicies !== undefined && !Array.isArray(props.accessPolicies)) {
        return armError(ctx, 'BadRequest', "The property 'accessPolicies' must be an array.", 400);
      }
      const policies = (props.accessPolicies as unknown[] | undefined)?.map((p) => {
        const o = isPlainObject(p) ? p : {};
        const perms = isPlainObject(o.permissions) ? o.permissions : {};
        const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
        return {
          tenantId: typeof o.tenantId === 'string' ? o.tenantId : ctx.world.tenantId,
          objectId: String(o.objectId ?? ''),
          permissions: { secrets: list(perms.secrets) ?? [], keys: list(perms.keys) ?? [], certificates: list(perms.certificates) ?? [] },
        } satisfies AccessPolicy;
      });
      const result = createKeyVault(ctx.world, {
        subscriptionId: params.subscriptionId!,
        resourceGroup: params.resourceGroupName!,
        name: params.vaultName!,
        ...(typeof input.location === 'string' ? { location: input.location } : {}),
        ...(typeof props.enableRbacAuthorization === 'boolean' ? { enableRbacAuthorization: props.enableRbacAuthorization } : {}),
        ...(policies ? { accessPolicies: policies } : {}),
        ...(isPlainObject(input.tags) ? { tags: input.tags as Record<string, string> } : {}),
      });
      if (!result.ok) return simFailure(ctx, result);
      return { status: result.value.created ? 201 : 200, body: result.value.vault };
    },
  }),
];
