/**
 * Minting tokens: managed-identity tokens as IMDS hands them out (with its 24-hour cache) and
 * user tokens for the seeded admin (the portal and `/_sandbox/token`). Signing is RS256 with the
 * world's key; every token is recorded by `uti` and announced on the change feed.
 */
import { CompactSign } from 'jose';
import { toSeconds } from '../clock';
import { groupsOf } from '../directory/groups';
import { findUserByUpn } from '../directory/groups';
import { errors, ok, type Result } from '../errors';
import { resolveVmIdentity, type IdentitySelector, type ResolvedIdentity } from '../identity/resolve';
import type { World } from '../world/world';
import { managedIdentityClaims, userClaims, MI_LIFETIME_S, type AccessTokenClaims } from './claims';
import { signingKey } from './keys';
import { checkResource } from './resources';
import { cacheKey, recordToken, tokenState, type TokenRecord } from './store';
import { show } from '../input';

/**
 * A cached token is served until it has less than this left; then IMDS fetches a new one. IMDS's
 * real margin is undocumented; 5 minutes is the common client-side refresh margin (ours).
 */
export const CACHE_REFRESH_MARGIN_S = 300;

/** Well-known first-party client ids that user tokens name in `appid`. */
export const CLIENT_APPS = {
  portal: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  cli: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
  powershell: '1950a258-227b-4e31-a9cf-717495945fc2',
} as const;

export interface IssuedToken {
  record: TokenRecord;
  /** Seconds left, counted on the simulated clock: 86400 fresh, less on a cache hit. */
  expiresIn: number;
  expiresOn: number;
  notBefore: number;
  /** `ext_expires_in` as real IMDS reports it. */
  extExpiresIn: number;
  fromCache: boolean;
  clientId: string;
}

async function sign(world: World, claims: AccessTokenClaims): Promise<{ jwt: string; header: TokenRecord['header'] }> {
  const key = await signingKey(world);
  const header = { typ: 'JWT', alg: 'RS256', x5t: key.kid, kid: key.kid } as const;
  const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(header)
    .sign(key.privateKey);
  return { jwt, header };
}

function issued(world: World, record: TokenRecord, fromCache: boolean, clientId: string): IssuedToken {
  const now = toSeconds(world.now());
  const claims = record.claims;
  return {
    record,
    expiresIn: Math.max(0, claims.exp - now),
    expiresOn: claims.exp,
    notBefore: claims.nbf,
    extExpiresIn: MI_LIFETIME_S - 1,
    fromCache,
    clientId,
  };
}

/**
 * A token for an identity IMDS already resolved. Served from the per-(identity, resource) cache
 * unless `bypassCache`; a cached token keeps its claims, including the group closure of when it
 * was minted, which is why group changes reach a managed identity only with a new token.
 */
export async function issueManagedIdentityToken(
  world: World,
  identity: ResolvedIdentity,
  resource: string,
  opts: { bypassCache?: boolean } = {},
): Promise<Result<IssuedToken>> {
  const checked = checkResource(resource, world.tenantId);
  if (!checked.ok) return checked;
  const state = tokenState(world);
  const key = cacheKey(identity.principalId, resource);
  const now = toSeconds(world.now());
  const cached = state.cache.get(key);
  if (!opts.bypassCache && cached && cached.claims.exp - now > CACHE_REFRESH_MARGIN_S) {
    const out = issued(world, cached, true, identity.clientId);
    world.emit([{ type: 'token.issued', uti: cached.uti, kind: 'managedIdentity', principalId: identity.principalId, resource, fromCache: true }]);
    return ok(out);
  }
  const claims = managedIdentityClaims({
    rng: world.rng,
    nowMs: world.now(),
    resource,
    tenantId: world.tenantId,
    tenantCreated: world.data.tenant.createdAt,
    principalId: identity.principalId,
    clientId: identity.clientId,
    identityResourceId: identity.identityResourceId,
    kind: identity.kind,
    computeResourceId: identity.vm.id,
    groups: groupsOf(world, identity.principalId),
  });
  const { jwt, header } = await sign(world, claims);
  const record: TokenRecord = {
    uti: claims.uti,
    kind: 'managedIdentity',
    jwt,
    header,
    claims,
    principalId: identity.principalId,
    resource,
    issuedAt: world.now(),
  };
  recordToken(world, record);
  state.cache.set(key, record);
  world.emit([{ type: 'token.issued', uti: claims.uti, kind: 'managedIdentity', principalId: identity.principalId, resource, fromCache: false }]);
  return ok(issued(world, record, false, identity.clientId));
}

/** Everything the IMDS token endpoint needs from the world: resolve the identity, then issue. */
export async function requestImdsToken(
  world: World,
  request: { vm: string; resource: string; bypassCache?: boolean } & IdentitySelector,
): Promise<Result<IssuedToken & { identity: ResolvedIdentity }>> {
  const identity = resolveVmIdentity(world, request.vm, request);
  if (!identity.ok) return identity;
  const token = await issueManagedIdentityToken(world, identity.value, request.resource, { bypassCache: request.bypassCache ?? false });
  return token.ok ? ok({ ...token.value, identity: identity.value }) : token;
}

/** A user token (portal, CLI) for a directory user, by UPN or object id. */
export async function issueUserToken(
  world: World,
  input: { user: string; resource: string; client?: keyof typeof CLIENT_APPS },
): Promise<Result<IssuedToken>> {
  if (input === null || typeof input !== 'object' || typeof input.user !== 'string') return errors.userNotFound(show(input?.user));
  const user = findUserByUpn(world, input.user) ?? world.data.users[input.user.toLowerCase()];
  if (!user) return errors.userNotFound(show(input.user));
  const checked = checkResource(input.resource, world.tenantId);
  if (!checked.ok) return checked;
  const client = input.client ?? 'portal';
  if (typeof client !== 'string' || !Object.hasOwn(CLIENT_APPS, client)) {
    return errors.invalidParameter(`Unknown client '${show(client)}'; use one of ${Object.keys(CLIENT_APPS).join(', ')}.`);
  }
  const appId = CLIENT_APPS[client];
  const claims = userClaims({
    rng: world.rng,
    nowMs: world.now(),
    resource: input.resource,
    tenantId: world.tenantId,
    tenantCreated: world.data.tenant.createdAt,
    objectId: user.objectId,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    appId,
    groups: groupsOf(world, user.objectId),
  });
  const { jwt, header } = await sign(world, claims);
  const record: TokenRecord = { uti: claims.uti, kind: 'user', jwt, header, claims, principalId: user.objectId, resource: input.resource, issuedAt: world.now() };
  recordToken(world, record);
  world.emit([{ type: 'token.issued', uti: claims.uti, kind: 'user', principalId: user.objectId, resource: input.resource, fromCache: false }]);
  return ok(issued(world, record, false, appId));
}
