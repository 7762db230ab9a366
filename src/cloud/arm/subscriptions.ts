/** Subscriptions: list (only those the caller can read, as ARM filters) and get. */
import type { Subscription, World } from '../../sim/index';
import { decide } from '../access/decide';
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

export const subscriptionRoutes = [
  armRoute({
    method: 'GET',
    path: '/subscriptions',
    operation: 'subscriptions.list',
    apiVersions: RESOURCES_API,
    authorize: () => null,
    handle: ({ ctx, principal }) => {
      const visible = Object.values(ctx.world.data.subscriptions).filter(
        (s) => decide(ctx, principal, { action: READ, scope: `/subscriptions/${s.subscriptionId}` }, 'listFilter')?.allowed,
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
