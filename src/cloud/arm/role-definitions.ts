/** Microsoft.Authorization/roleDefinitions: get and list (with `roleName eq` / `type eq` / `atScopeAndBelow()` filters), rbac-arm.md §3.5. */
import { allRoleDefinitions, findRoleDefinition, rbac } from '../../sim/index';
import type { RoleDefinition } from '../../sim/rbac/index';
import { AUTHORIZATION_API } from './api-versions';
import { armError } from './errors';
import { armRoute, listOf, scopeParam, type ArmRoute } from './route';

const READ = 'Microsoft.Authorization/roleDefinitions/read';

export function definitionWire(scope: string, role: RoleDefinition) {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return {
    id: `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
    properties: {
      roleName: role.roleName,
      type: role.roleType,
      description: role.description,
      assignableScopes: role.assignableScopes,
      permissions: role.permissions.map((p) => ({
        actions: p.actions,
        notActions: p.notActions,
        dataActions: p.dataActions,
        notDataActions: p.notDataActions,
        ...(p.condition ? { condition: p.condition, conditionVersion: p.conditionVersion ?? '2.0' } : {}),
      })),
      createdOn: null,
      updatedOn: null,
      createdBy: null,
      updatedBy: null,
    },
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.name,
  };
}

function parseDefinitionFilter(raw: string | null): { ok: true; roleName?: string; type?: string } | { ok: false; message: string } {
  if (raw === null || raw.trim() === '') return { ok: true };
  // Role Definitions - List: "Use atScopeAndBelow filter to search below the given scope as well"
  // (learn.microsoft.com/rest/api/authorization/role-definitions/list). Every definition the world holds
  // is listed at every scope, so the filter widens nothing; Az.Resources sends it (AuthorizationClient).
  if (/^\s*atScopeAndBelow\(\)\s*$/i.test(raw)) return { ok: true };
  const m = /^\s*(roleName|type)\s+eq\s+'([^']*)'\s*$/i.exec(raw);
  if (!m) return { ok: false, message: `The filter '${raw}' is not supported. Supported filters are 'roleName eq '{name}'' and 'type eq '{type}''.` };
  return m[1]!.toLowerCase() === 'rolename' ? { ok: true, roleName: m[2]! } : { ok: true, type: m[2]! };
}

function definitionRoutes(prefix: string): ArmRoute[] {
  return [
    armRoute({
      method: 'GET',
      path: `${prefix}/providers/Microsoft.Authorization/roleDefinitions/:roleDefinitionId`,
      operation: 'roleDefinitions.get',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: READ, scope: scopeParam(params) }),
      handle: ({ ctx, params }) => {
        const role = rbac.isGuid(params.roleDefinitionId!) ? findRoleDefinition(ctx.world, params.roleDefinitionId!) : undefined;
        if (!role) {
          return armError(ctx, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${params.roleDefinitionId}' does not exist.`, 404);
        }
        return { status: 200, body: definitionWire(scopeParam(params), role) };
      },
    }),
    armRoute({
      method: 'GET',
      path: `${prefix}/providers/Microsoft.Authorization/roleDefinitions`,
      operation: 'roleDefinitions.list',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: READ, scope: scopeParam(params) }),
      handle: ({ ctx, params, url }) => {
        const filter = parseDefinitionFilter(url.searchParams.get('$filter'));
        if (!filter.ok) return armError(ctx, 'InvalidFilterInQueryString', filter.message, 400);
        const roles = allRoleDefinitions(ctx.world).filter(
          (r) =>
            (filter.roleName === undefined || r.roleName.toLowerCase() === filter.roleName.toLowerCase()) &&
            (filter.type === undefined || r.roleType.toLowerCase() === filter.type.toLowerCase()),
        );
        return { status: 200, body: listOf(roles.map((r) => definitionWire(scopeParam(params), r))) };
      },
    }),
  ];
}

export const roleDefinitionRoutes = [...definitionRoutes('/*'), ...definitionRoutes('')];
