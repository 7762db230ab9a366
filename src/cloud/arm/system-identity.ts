/**
 * The system-assigned identity as a proxy resource: `GET {resource}/providers/
 * Microsoft.ManagedIdentity/identities/default` (rbac-arm.md §3.3, SystemAssignedIdentities_GetByScope).
 */
import { armId, findResource, scopeNotFound } from '../../sim/index';
import { MANAGED_IDENTITY_API } from './api-versions';
import { armError } from './errors';
import { armRoute, scopeParam, simFailure } from './route';

export const systemIdentityRoutes = [
  armRoute({
    method: 'GET',
    path: '/*/providers/Microsoft.ManagedIdentity/identities/default',
    operation: 'systemAssignedIdentities.getByScope',
    apiVersions: MANAGED_IDENTITY_API,
    authorize: ({ params }) => ({ action: 'Microsoft.ManagedIdentity/identities/read', scope: scopeParam(params) }),
    handle: ({ ctx, params }) => {
      const scope = scopeParam(params);
      const resource = findResource(ctx.world, scope) as { id: string; location?: string; identity?: { principalId?: string; tenantId?: string } } | null;
      if (!resource) return simFailure(ctx, scopeNotFound(ctx.world, scope));
      const principalId = resource.identity?.principalId;
      const sp = principalId ? ctx.world.data.servicePrincipals[principalId] : undefined;
      if (!sp) {
        const parsed = armId.parseResourceId(scope);
        return armError(
          ctx,
          'ResourceNotFound',
          `The Resource 'Microsoft.ManagedIdentity/identities/default' under resource group '${parsed?.resourceGroup ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
          404,
        );
      }
      return {
        status: 200,
        body: {
          id: `${resource.id}/providers/Microsoft.ManagedIdentity/identities/default`,
          name: 'default',
          type: 'Microsoft.ManagedIdentity/identities',
          location: resource.location ?? '',
          tags: {},
          properties: {
            tenantId: ctx.world.tenantId,
            principalId: sp.objectId,
            clientId: sp.appId,
            // Internal to Azure; the shape follows the spec example, the host is not real.
            clientSecretUrl: `https://control-${resource.location ?? 'eastus'}.identity.azure.net${resource.id}/credentials/v2/identities?tid=${ctx.world.tenantId}&oid=${sp.objectId}&aid=${sp.appId}`,
          },
        },
      };
    },
  }),
];
