/** Subscriptions: list (those the caller holds any role at or below, as ARM filters) and get. */
import { rbacIndexOf, type Subscription, type World } from '../../sim/index';
import { propagationOf } from '../../sim/rbac/index';
import { decide } from '../access/decide';
import type { Principal } from '../access/principal';
import { armRoute, listOf } from './route';
import { RESOURCES_API } from './api-versions';

const READ = 'Microsoft.Resources/subscriptions/read';

function subscriptionWire(world: World, s: Subscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: world.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

/**
 * Whether the caller (or a group in its token) holds an honoured role assignment at a scope inside
 * the subscription. az-cli.md §1.5: an identity whose only role is Owner on one resource group, or
 * Key Vault Secrets User on one vault, still sees the subscription in `GET /subscriptions`; Key
 * Vault access policies are not RBAC and do not count. Roles at or above the subscription are
 * covered by the read check itself.
 */
function holdsRoleBelow(world: World, principal: Principal, subscriptionId: string): boolean {
  const index = rbacIndexOf(world);
  const prefix = `/subscriptions/${subscriptionId.toLowerCase()}/`;
  const at = world.now();
  return [principal.principalId, ...principal.groups].some((id) =>
    index.assignmentsOfPrincipal(id).some((a) => {
      const p = propagationOf(a, at);
      return (p === 'effective' || p === 'pendingRemoval') && `${a.scope.toLowerCase().replace(/\/+$/, '')}/`.startsWith(prefix);
    }),
  );
}

export const subscriptionRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions',
    operation: 'subscriptions.list',
    apiVersions: RESOURCES_API,
    authorize: () => null,
    handle: ({ ctx, principal }) => {
      const visible = Object.values(ctx.world.data.subscriptions).filter(
        (s) =>
          decide(ctx, principal, { action: READ, scope: `/subscriptions/${s.subscriptionId}` }, 'listFilter')?.allowed ||
          holdsRoleBelow(ctx.world, principal, s.subscriptionId),
      );
      return { status: 200, body: { ...listOf(visible.map((s) => subscriptionWire(ctx.world, s))), count: { type: 'Total', value: visible.length } } };
    },
  }),
  armRoute({
    method: 'GET',
    path: '/subscriptions/:subscriptionId',
    operation: 'subscriptions.get',
    apiVersions: RESOURCES_API,
    authorize: ({ params }) => ({ action: READ, scope: `/subscriptions/${params.subscriptionId}` }),
    handle: ({ ctx, params }) => ({ status: 200, body: subscriptionWire(ctx.world, ctx.world.data.subscriptions[params.subscriptionId!.toLowerCase()]!) }),
  }),
];
