/**
 * ARM's bearer-token check with its 401 codes and texts (rbac-arm.md §3.7): the header, its
 * format, the signature, the tenant, the audience (ARM's four audiences) and the expiry on the
 * simulated clock. A token of a since-deleted identity still passes until it expires (imds.md §3.3).
 */
import { ARM_AUDIENCES, validateToken } from '../../sim/index';
import type { CallContext } from '../call-context';
import { ARM_TEXT, armError } from './errors';
import { expectedIssuer, identityOf, principalFromClaims, type Principal } from '../access/principal';

export type Authenticated = { ok: true; principal: Principal } | { ok: false; response: Response };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function challenge(description: string): Record<string, string> {
  // ARM's challenge names the authority and the failure (shape from real 401s).
  return {
    'WWW-Authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
  };
}

export async function authenticateArm(ctx: CallContext, request: Request): Promise<Authenticated> {
  const header = request.headers.get('authorization');
  const fail = (code: string, message: string, description = message) => ({
    ok: false as const,
    response: armError(ctx, code, message, 401, challenge(description)),
  });
  if (header === null || header.trim() === '') {
    return fail('AuthenticationFailed', ARM_TEXT.headerMissing, "The authentication failed because of missing 'Authorization' header.");
  }
  const m = BEARER.exec(header);
  if (!m) return fail('AuthenticationFailedInvalidHeader', ARM_TEXT.headerInvalid, 'The authentication scheme of Bearer is required.');
  const check = await validateToken(ctx.world, m[1]!, { audiences: ARM_AUDIENCES });
  if (check.ok) {
    const principal = principalFromClaims(ctx.world, check.claims, check.groups, check.kind);
    ctx.identity = identityOf(ctx.world, principal);
    ctx.tokenId = typeof check.claims.uti === 'string' ? check.claims.uti : null;
    return { ok: true, principal };
  }
  if (check.claims && typeof check.claims.uti === 'string') ctx.tokenId = check.claims.uti;
  switch (check.reason) {
    case 'expired':
      return fail('ExpiredAuthenticationToken', ARM_TEXT.expired(Number(check.claims?.exp), check.now));
    case 'wrongAudience':
      return fail('InvalidAuthenticationTokenAudience', ARM_TEXT.wrongAudience(String(check.claims?.aud)));
    case 'wrongIssuer':
      return fail(
        'InvalidAuthenticationTokenTenant',
        ARM_TEXT.wrongIssuer(String(check.claims?.iss), expectedIssuer(ctx.world), ctx.world.tenantId),
      );
    case 'missingSubject':
      return fail('InvalidAuthenticationToken', ARM_TEXT.noSubjectClaim);
    default:
      return fail('InvalidAuthenticationToken', ARM_TEXT.tokenInvalid);
  }
}
