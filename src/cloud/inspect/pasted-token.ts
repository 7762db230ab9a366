/**
 * What to do with text a learner pastes into the token inspector. Only a token this sandbox issued
 * (the exact string, found among `listIssuedTokens`) is decoded. Anything else that looks like a
 * JWT is treated as a credential: we say why it looks real and do NOT show its contents — a real
 * Azure token grants access to real resources until it expires (tutorial-bar §2 item 14, jwt.io
 * #326). The payload is read only to word the warning (issuer host and tenant), never displayed.
 */
import type { TokenRecord } from '../../sim/index';

export type PasteVerdict =
  | { kind: 'empty' }
  | { kind: 'notAJwt'; message: string }
  | { kind: 'sandbox'; record: TokenRecord }
  | { kind: 'credential'; reasons: string[] };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Entra issuers: v1 sts.windows.net/<tid>/ and v2 login.microsoftonline.com/<tid>/v2.0. */
const ENTRA_ISSUER = /^https:\/\/(sts\.windows\.net|login\.microsoftonline\.com)\/([0-9a-f-]{36})\//i;

/** Accepts a bare JWT, "Bearer <jwt>", or IMDS's JSON answer (its access_token). */
export function extractJwt(text: string): string {
  let t = text.trim();
  if (t.startsWith('{')) {
    try {
      const parsed = JSON.parse(t) as { access_token?: unknown };
      if (typeof parsed.access_token === 'string') t = parsed.access_token.trim();
    } catch {
      // Not JSON after all: judged as text below.
    }
  }
  return t.replace(/^bearer\s+/i, '').replace(/^["']|["']$/g, '');
}

function issuerOf(jwt: string): string | null {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const iss = (JSON.parse(json) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

export function classifyPastedToken(text: string, ctx: { tenantId: string; issued: readonly TokenRecord[] }): PasteVerdict {
  if (text.trim() === '') return { kind: 'empty' };
  const jwt = extractJwt(text);
  if (!JWT_SHAPE.test(jwt)) {
    return { kind: 'notAJwt', message: 'This is not a JWT: a token is three base64url parts separated by dots (header.payload.signature).' };
  }
  const record = ctx.issued.find((r) => r.jwt === jwt);
  if (record) return { kind: 'sandbox', record };

  const reasons: string[] = [];
  const iss = issuerOf(jwt);
  const m = iss ? ENTRA_ISSUER.exec(iss) : null;
  if (m && m[2]!.toLowerCase() !== ctx.tenantId.toLowerCase()) {
    reasons.push(`It was issued by Microsoft Entra (${m[1]}) for a tenant that is not this sandbox's.`);
  }
  reasons.push('This sandbox did not sign it: it is not one of the tokens issued in this session.');
  return { kind: 'credential', reasons };
}
