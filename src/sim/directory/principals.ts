/**
 * Service principals of managed identities, and what the directory says about any object id.
 * A managed identity has only a service principal (no application object); its object id is the
 * ARM principalId and its app id is the clientId (rbac-arm.md §4.1).
 */
import { guid } from '../ids';
import type { ServicePrincipal } from '../world/schema';
import type { World } from '../world/world';
import type { WorldEventBody } from '../events';

/** E1: deleted managed identities stay soft-deleted for 30 days. */
export const SOFT_DELETE_MS = 30 * 24 * 60 * 60 * 1000;

/** Writes a new principal with fresh ids; the caller commits the returned feed entry. */
export function createServicePrincipal(
  world: World,
  input: { displayName: string; identityType: ServicePrincipal['identityType']; resourceId: string },
): { principal: ServicePrincipal; event: WorldEventBody } {
  const principal: ServicePrincipal = {
    objectId: guid(world.rng),
    appId: guid(world.rng),
    displayName: input.displayName,
    servicePrincipalType: 'ManagedIdentity',
    identityType: input.identityType,
    managedIdentityResourceId: input.resourceId,
    createdAt: world.now(),
    deletedAt: null,
  };
  world.data.servicePrincipals[principal.objectId] = principal;
  return {
    principal,
    event: { type: 'principal.created', objectId: principal.objectId, appId: principal.appId, displayName: principal.displayName },
  };
}

/**
 * Soft-deletes a principal. Its role assignments are left in place and become orphaned
 * ("Identity not found"), exactly as Azure does (rbac-arm.md §4.3).
 */
export function softDeleteServicePrincipal(world: World, objectId: string): WorldEventBody[] {
  const sp = world.data.servicePrincipals[objectId];
  if (!sp || sp.deletedAt !== null) return [];
  sp.deletedAt = world.now();
  const events: WorldEventBody[] = [{ type: 'principal.softDeleted', objectId, purgeAfter: sp.deletedAt + SOFT_DELETE_MS }];
  for (const a of Object.values(world.data.roleAssignments)) {
    if (a.principalId.toLowerCase() === objectId && a.removedAt == null) {
      events.push({ type: 'assignment.orphaned', name: a.name, principalId: objectId });
    }
  }
  return events;
}

/** Drops principals whose 30-day soft-delete window has passed. */
export function purgeExpiredPrincipals(world: World): WorldEventBody[] {
  const now = world.now();
  const events: WorldEventBody[] = [];
  for (const [key, sp] of Object.entries(world.data.servicePrincipals)) {
    if (sp.deletedAt !== null && now >= sp.deletedAt + SOFT_DELETE_MS) {
      delete world.data.servicePrincipals[key];
      events.push({ type: 'principal.purged', objectId: sp.objectId });
    }
  }
  return events;
}

export type PrincipalKind = 'User' | 'Group' | 'ServicePrincipal';

export interface PrincipalInfo {
  objectId: string;
  type: PrincipalKind;
  displayName: string;
  /** Users only; ARM's AuthorizationFailed names users by UPN and everyone else by object id. */
  userPrincipalName?: string;
  /** Managed identities only. */
  appId?: string;
  managedIdentityResourceId?: string;
}

/** An active directory object, or null: unknown and soft-deleted ids both show as "Identity not found". */
export function findPrincipal(world: World, objectId: string): PrincipalInfo | null {
  const id = objectId.toLowerCase();
  const user = world.data.users[id];
  if (user) {
    return { objectId: user.objectId, type: 'User', displayName: user.displayName, userPrincipalName: user.userPrincipalName };
  }
  const group = world.data.groups[id];
  if (group) return { objectId: group.objectId, type: 'Group', displayName: group.displayName };
  const sp = world.data.servicePrincipals[id];
  if (sp && sp.deletedAt === null) {
    return {
      objectId: sp.objectId,
      type: 'ServicePrincipal',
      displayName: sp.displayName,
      appId: sp.appId,
      managedIdentityResourceId: sp.managedIdentityResourceId,
    };
  }
  return null;
}

/** Portal wording for an assignment whose principal is gone (rbac-arm.md §4.3). */
export const UNKNOWN_PRINCIPAL = { displayName: 'Identity not found', type: 'Unknown' } as const;

export function describePrincipal(
  world: World,
  objectId: string,
): PrincipalInfo | { objectId: string; type: 'Unknown'; displayName: 'Identity not found' } {
  return findPrincipal(world, objectId) ?? { objectId, ...UNKNOWN_PRINCIPAL };
}

/** Looks up a managed identity's principal by its app (client) id. */
export function findServicePrincipalByAppId(world: World, appId: string): ServicePrincipal | null {
  const id = appId.toLowerCase();
  for (const sp of Object.values(world.data.servicePrincipals)) {
    if (sp.deletedAt === null && sp.appId === id) return sp;
  }
  return null;
}

/** Soft-deleted managed-identity principals with when each is purged (for the directory view). */
export function softDeletedPrincipals(world: World): { principal: ServicePrincipal; purgeAfter: number }[] {
  return Object.values(world.data.servicePrincipals)
    .filter((sp) => sp.deletedAt !== null)
    .map((principal) => ({ principal, purgeAfter: principal.deletedAt! + SOFT_DELETE_MS }));
}
