/**
 * Validating a bearer token the way a resource (ARM, Key Vault, Storage) does: signature with the
 * world's key, then issuer, audience and lifetime against the *simulated* clock. Failures are
 * named reasons the HTTP layer maps to its own 401s (ARM: AuthenticationFailed,
 * InvalidAuthenticationToken, ExpiredAuthenticationToken, InvalidAuthenticationTokenAudience).
 * Tokens of deleted identities still validate until they expire (imds.md §3.3).
 */
import { compactVerify, decodeProtectedHeader } from 'jose';
import { toSeconds } from '../clock';
import type { World } from '../world/world';
import { issuerFor, type AccessTokenClaims } from './claims';
import { signingKey } from './keys';
import { show } from '../input';

export type TokenInvalidReason =
  | 'missing'
  | 'malformed'
  | 'invalidSignature'
  | 'expired'
  | 'notYetValid'
  | 'wrongAudience'
  | 'wrongIssuer'
  | 'missingSubject';

export type TokenCheck =
  | {
      ok: true;
      claims: AccessTokenClaims;
      /** `oid`: the principal RBAC evaluates. */
      principalId: string;
      /** Group ids carried by the token (RBAC's `req.groups`). */
      groups: string[];
      kind: 'app' | 'user';
    }
  | {
      ok: false;
      reason: TokenInvalidReason;
      message: string;
      /** Decoded claims when the token could be read (for `exp`/`aud` in ARM's messages). */
      claims?: Partial<AccessTokenClaims>;
      /** Simulated seconds at validation. */
      now: number;
    };

/** Signature checks are the costly part; a verified token's claims are remembered (time checks are not). */
const verified = new WeakMap<World, Map<string, AccessTokenClaims>>();
const VERIFIED_LIMIT = 2000;

export interface ValidateOptions {
  /** Accepted `aud` values, compared exactly; omit to skip the audience check. */
  audiences?: readonly string[];
}

/** Accepts a raw token or an `Authorization` header value (`Bearer …`). */
export async function validateToken(world: World, token: string | null | undefined, opts: ValidateOptions = {}): Promise<TokenCheck> {
  const now = toSeconds(world.now());
  const bad = (reason: TokenInvalidReason, message: string, claims?: Partial<AccessTokenClaims>): TokenCheck => ({
    ok: false,
    reason,
    message,
    now,
    ...(claims ? { claims } : {}),
  });
  if (typeof token !== 'string' || token.trim() === '') return bad('missing', 'No bearer token was presented.');
  const raw = token.trim().replace(/^Bearer\s+/i, '');
  if (raw === '' || /^bearer$/i.test(raw)) return bad('missing', 'No bearer token was presented.');
  const parts = raw.split('.');
  if (parts.length !== 3) return bad('malformed', 'The token is not a compact JWS (three dot-separated parts).');

  let claims = verified.get(world)?.get(raw);
  if (!claims) {
    let payload: Uint8Array;
    try {
      const header = decodeProtectedHeader(raw);
      if (header.alg !== 'RS256') return bad('malformed', `The token's alg '${show(header.alg)}' is not RS256.`);
    } catch {
      return bad('malformed', 'The token header cannot be decoded.');
    }
    try {
      payload = (await compactVerify(raw, (await signingKey(world)).publicKey)).payload;
    } catch (e) {
      const name = e instanceof Error ? (e as { code?: string }).code ?? e.name : '';
      if (name === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
        return bad('invalidSignature', 'The token signature does not verify with this tenant’s signing key.', decodeLoosely(parts[1]!));
      }
      return bad('malformed', 'The token cannot be parsed.');
    }
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return bad('malformed', 'The token payload is not a JSON object.');
      claims = parsed as AccessTokenClaims;
    } catch {
      return bad('malformed', 'The token payload is not JSON.');
    }
    let cache = verified.get(world);
    if (!cache) verified.set(world, (cache = new Map()));
    // Bounded: a long session must not keep every token it ever saw.
    if (cache.size >= VERIFIED_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(raw, claims);
  }

  if (claims.iss !== issuerFor(world.tenantId)) return bad('wrongIssuer', `The token issuer '${show(claims.iss)}' is not this tenant.`, claims);
  if (opts.audiences && !opts.audiences.includes(claims.aud)) {
    return bad('wrongAudience', `The token audience '${show(claims.aud)}' is not accepted here.`, claims);
  }
  if (typeof claims.exp !== 'number' || typeof claims.nbf !== 'number') return bad('malformed', 'The token has no exp/nbf.', claims);
  if (now >= claims.exp) return bad('expired', `The token expired at ${claims.exp}; it is now ${now}.`, claims);
  if (now < claims.nbf) return bad('notYetValid', `The token is not valid before ${claims.nbf}; it is now ${now}.`, claims);
  if (typeof claims.oid !== 'string' || claims.oid === '') {
    return bad('missingSubject', "The token has no 'oid' claim.", claims);
  }
  return {
    ok: true,
    claims,
    principalId: claims.oid,
    groups: Array.isArray(claims.groups) ? [...claims.groups] : [],
    kind: claims.idtyp === 'user' ? 'user' : 'app',
  };
}

function decodeLoosely(segment: string): Partial<AccessTokenClaims> | undefined {
  try {
    const json = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? (parsed as Partial<AccessTokenClaims>) : undefined;
  } catch {
    return undefined;
  }
}
