/** Every ARM operation as an msw handler, then the fallback. */
import type { HttpHandler } from 'msw';
import { denyAssignmentRoutes } from './deny-assignments';
import { armFallback } from './fallback';
import { keyVaultRoutes } from './key-vaults';
import { metadataEndpointsHandler } from './metadata-endpoints';
import { resourceGroupRoutes } from './resource-groups';
import { resourceListRoutes } from './resources-list';
import { roleAssignmentRoutes } from './role-assignments';
import { roleDefinitionRoutes } from './role-definitions';
import { armHandler, type ArmRoute } from './route';
import { storageAccountRoutes } from './storage-accounts';
import { subscriptionRoutes } from './subscriptions';
import { systemIdentityRoutes } from './system-identity';
import { userAssignedIdentityRoutes } from './user-assigned-identities';
import { virtualMachineRoutes } from './virtual-machines';

/** Most frequent first: msw tries handlers in order. */
export const ARM_ROUTES: readonly ArmRoute[] = [
  ...resourceGroupRoutes,
  ...subscriptionRoutes,
  ...virtualMachineRoutes,
  ...userAssignedIdentityRoutes,
  ...roleAssignmentRoutes,
  ...roleDefinitionRoutes,
  ...denyAssignmentRoutes,
  ...systemIdentityRoutes,
  ...storageAccountRoutes,
  ...keyVaultRoutes,
  ...resourceListRoutes,
];

export function armHandlers(): HttpHandler[] {
  // The endpoint list is public: it is matched before the fallback, which authenticates first.
  return [metadataEndpointsHandler(), ...ARM_ROUTES.map(armHandler), armFallback(ARM_ROUTES)];
}
