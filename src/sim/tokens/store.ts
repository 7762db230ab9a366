/**
 * Tokens the world has issued (by `uti`, for inspectors) and IMDS's token cache. Both are runtime
 * state beside the world's data: they hold signatures of the world's per-session key, which a
 * snapshot does not carry.
 */
import type { World } from '../world/world';
import type { AccessTokenClaims } from './claims';

export interface TokenRecord {
  uti: string;
  kind: 'managedIdentity' | 'user';
  jwt: string;
  header: { typ: 'JWT'; alg: 'RS256'; x5t: string; kid: string };
  claims: AccessTokenClaims;
  /** Object id of the token's subject (principalId or user object id). */
  principalId: string;
  resource: string;
  /** Simulated ms when it was minted. */
  issuedAt: number;
}

/** Keep the inspector's list bounded in long sessions; the newest tokens matter. */
const RECORD_LIMIT = 2000;

interface TokenState {
  records: Map<string, TokenRecord>;
  cache: Map<string, TokenRecord>;
}

const states = new WeakMap<World, TokenState>();

export function tokenState(world: World): TokenState {
  let s = states.get(world);
  if (!s) states.set(world, (s = { records: new Map(), cache: new Map() }));
  return s;
}

export function recordToken(world: World, record: TokenRecord): void {
  const { records } = tokenState(world);
  records.set(record.uti, record);
  if (records.size > RECORD_LIMIT) records.delete(records.keys().next().value!);
}

export function getIssuedToken(world: World, uti: string): TokenRecord | undefined {
  return tokenState(world).records.get(uti);
}

/** Issued tokens, oldest first. */
export function listIssuedTokens(world: World): TokenRecord[] {
  return [...tokenState(world).records.values()];
}

/** IMDS caches per (identity, resource): the resource string exactly as requested. */
export const cacheKey = (principalId: string, resource: string): string => `${principalId}\u0000${resource}`;
