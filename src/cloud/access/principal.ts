/**
 * Who a validated bearer token speaks for, for ARM, Key Vault and Storage alike: the principal RBAC
 * evaluates, the groups frozen in the token, and how error texts name the caller.
 */
import { issuerFor, type AccessTokenClaims, type World } from '../../sim/index';
import type { IdentityUsed } from '../call-context';

export interface Principal {
  principalId: string;
  groups: string[];
  kind: 'app' | 'user';
  claims: AccessTokenClaims;
  /** How ARM names the caller in AuthorizationFailed: the UPN for users, the object id otherwise. */
  client: string;
  appId: string;
  tenantId: string;
}

export function principalFromClaims(world: World, claims: AccessTokenClaims, groups: string[], kind: 'app' | 'user'): Principal {
  const upn = 'upn' in claims && typeof claims.upn === 'string' ? claims.upn : null;
  return {
    principalId: String(claims.oid).toLowerCase(),
    groups,
    kind,
    claims,
    client: kind === 'user' && upn ? upn : String(claims.oid),
    appId: String(claims.appid ?? ''),
    tenantId: typeof claims.tid === 'string' ? claims.tid : world.tenantId,
  };
}

/** The request log's view of the bearer. */
export function identityOf(world: World, p: Principal): IdentityUsed {
  if (p.kind === 'user') {
    const upn = 'upn' in p.claims ? String(p.claims.upn) : null;
    return { principalId: p.principalId, clientId: p.appId || null, kind: 'User', resourceId: null, userPrincipalName: upn };
  }
  const sp = world.data.servicePrincipals[p.principalId];
  const mirid = 'xms_mirid' in p.claims ? String(p.claims.xms_mirid) : null;
  return {
    principalId: p.principalId,
    clientId: p.appId || null,
    kind: sp ? sp.identityType : mirid ? (/\/userassignedidentities\//i.test(mirid) ? 'UserAssigned' : 'SystemAssigned') : 'Unknown',
    resourceId: sp?.managedIdentityResourceId ?? mirid,
    userPrincipalName: null,
    ...(sp && sp.deletedAt !== null ? { deleted: true as const } : {}),
  };
}

export const expectedIssuer = (world: World) => issuerFor(world.tenantId);
