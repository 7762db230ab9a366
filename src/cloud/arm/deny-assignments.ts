/** Microsoft.Authorization/denyAssignments: read-only list at, above and below a scope (rbac-arm.md §1.8, §3.6). */
import { listDenyAssignments, parentOfScope, rbac } from '../../sim/index';
import { AUTHORIZATION_API } from './api-versions';
import { armRoute, listOf, scopeParam, type ArmRoute } from './route';

function denyRoutes(prefix: string): ArmRoute[] {
  return [
    armRoute({
      method: 'GET',
      path: `${prefix}/providers/Microsoft.Authorization/denyAssignments`,
      operation: 'denyAssignments.list',
      apiVersions: AUTHORIZATION_API,
      authorize: ({ params }) => ({ action: 'Microsoft.Authorization/denyAssignments/read', scope: scopeParam(params) }),
      handle: ({ ctx, params }) => {
        const scope = scopeParam(params);
        const parentOf = (s: string) => parentOfScope(ctx.world, s);
        const related = (s: string) => {
          try {
            return rbac.isAtOrBelow(scope, s, parentOf) || rbac.isAtOrBelow(s, scope, parentOf);
          } catch {
            return false;
          }
        };
        const value = listDenyAssignments(ctx.world)
          .filter((d) => related(d.scope))
          .map((d) => ({
            properties: {
              denyAssignmentName: d.denyAssignmentName,
              description: d.description,
              permissions: d.permissions,
              scope: d.scope,
              doNotApplyToChildScopes: d.doNotApplyToChildScopes,
              principals: d.principals,
              excludePrincipals: d.excludePrincipals,
              isSystemProtected: d.isSystemProtected,
            },
            id: `${d.scope === '/' ? '' : d.scope}/providers/Microsoft.Authorization/denyAssignments/${d.name}`,
            type: 'Microsoft.Authorization/denyAssignments',
            name: d.name,
          }));
        return { status: 200, body: listOf(value) };
      },
    }),
  ];
}

export const denyAssignmentRoutes = [...denyRoutes('/*'), ...denyRoutes('')];
