/**
 * The token inspector's view model for tokens the sandbox issued: the three JWT segments (for the
 * coloured header.payload.signature), the header and claims in plain words, and iat/nbf/exp as
 * human times with a countdown in simulated time. Meanings follow imds.md §3.1 and Entra's
 * access-token claims reference; claims we do not know are shown as "not described" rather than
 * guessed.
 */
import type { TokenRecord, World } from '../../sim/index';
import { principalName } from './names';
import { formatDuration, formatUtc } from './time-format';

export const HEADER_MEANINGS: Record<string, string> = {
  typ: 'Type of the token: a JSON Web Token.',
  alg: 'How it is signed: RS256, an RSA signature over SHA-256.',
  x5t: 'Thumbprint of the signing certificate (v1 tokens only; the same as kid).',
  kid: 'Which of the issuer\u2019s published keys signed it; a resource uses it to find the key to check the signature.',
};

export const CLAIM_MEANINGS: Record<string, string> = {
  aud: 'Audience: the resource this token is for, exactly as requested. ARM rejects a token whose aud is another service.',
  iss: 'Issuer: the Microsoft Entra tenant that issued the token (v1 form, sts.windows.net/<tenant>/).',
  iat: 'Issued at: when the token was minted.',
  nbf: 'Not before: the token is not valid before this time.',
  exp: 'Expires: after this time every service rejects the token; ask IMDS for a new one.',
  aio: 'Opaque value Entra uses internally. Ignore it.',
  appid: 'Application (client) id of the caller. For a managed identity this is its client id.',
  appidacr: 'How the client authenticated: 2 means a certificate (managed identities always use one).',
  idp: 'Identity provider that authenticated the subject; here the same as iss.',
  idtyp: 'Kind of token: "app" for an app-only token (a managed identity), "user" for a signed-in user.',
  oid: 'Object id of the subject in the directory: the managed identity\u2019s principal id. Role assignments name this id.',
  rh: 'Opaque value Entra uses to revalidate tokens. Ignore it.',
  sub: 'Subject: who the token is about. For app tokens it equals oid.',
  tid: 'Tenant id: the directory the identity lives in.',
  uti: 'Token identifier: unique per token (plays the role of jti). The sandbox uses it to link log entries to this token.',
  ver: 'Token version: 1.0 (v1 tokens, which IMDS issues for ARM and Key Vault).',
  xms_mirid: 'Managed identity resource id: the ARM id of the identity (the VM itself for system-assigned; resourcegroups in lower case, as Azure prints it).',
  xms_az_rid: 'For user-assigned identities: the ARM id of the compute resource that asked for the token.',
  xms_tcdt: 'Tenant creation timestamp (opaque).',
  groups: 'Object ids of the groups the subject belonged to when the token was issued. Group changes show up only in a new token.',
  acr: 'Authentication context class: 1 means the user signed in (not anonymous).',
  amr: 'How the user authenticated, e.g. pwd (password) or mfa.',
  family_name: 'The user\u2019s surname.',
  given_name: 'The user\u2019s given name.',
  ipaddr: 'IP address the user signed in from.',
  name: 'The user\u2019s display name.',
  puid: 'Opaque user id used internally by Microsoft.',
  scp: 'Delegated permissions (scopes) the client was granted for this user: user_impersonation = act as the user.',
  unique_name: 'A human-readable name for the user (usually the UPN).',
  upn: 'User principal name: the user\u2019s sign-in name.',
};

export const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const;

export interface ClaimRow {
  claim: string;
  value: string;
  meaning: string;
  /** Human time for iat/nbf/exp. */
  human?: string;
}

export type TokenStatus = 'valid' | 'notYetValid' | 'expired';

export interface TokenView {
  uti: string;
  kind: TokenRecord['kind'];
  subjectName: string;
  resource: string;
  segments: { header: string; payload: string; signature: string };
  header: ClaimRow[];
  claims: ClaimRow[];
  status: TokenStatus;
  /** "expires in 23 h 55 min", "expired 10 min ago", "valid in 4 min". */
  countdown: string;
  expiresAt: number;
}

const valueText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function tokenStatus(claims: { nbf: number; exp: number }, nowMs: number): TokenStatus {
  const now = nowMs / 1000;
  if (now >= claims.exp) return 'expired';
  if (now < claims.nbf) return 'notYetValid';
  return 'valid';
}

export function countdownText(claims: { nbf: number; exp: number }, nowMs: number): string {
  const status = tokenStatus(claims, nowMs);
  if (status === 'expired') return `expired ${formatDuration(nowMs - claims.exp * 1000)} ago`;
  if (status === 'notYetValid') return `valid in ${formatDuration(claims.nbf * 1000 - nowMs)}`;
  return `expires in ${formatDuration(claims.exp * 1000 - nowMs)}`;
}

export function splitJwt(jwt: string): { header: string; payload: string; signature: string } | null {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts.some((p, i) => i < 2 && p === '')) return null;
  return { header: parts[0]!, payload: parts[1]!, signature: parts[2]! };
}

export function tokenView(world: World, record: TokenRecord, nowMs = world.now()): TokenView {
  const claims = record.claims as unknown as Record<string, unknown> & { nbf: number; exp: number };
  const rows: ClaimRow[] = Object.entries(claims).map(([claim, value]) => ({
    claim,
    value: valueText(value),
    meaning: CLAIM_MEANINGS[claim] ?? 'Not described here.',
    ...((TIME_CLAIMS as readonly string[]).includes(claim) && typeof value === 'number' ? { human: formatUtc(value * 1000) } : {}),
  }));
  const header = Object.entries(record.header).map(([claim, value]) => ({ claim, value: valueText(value), meaning: HEADER_MEANINGS[claim] ?? 'Not described here.' }));
  return {
    uti: record.uti,
    kind: record.kind,
    subjectName: principalName(world, record.principalId),
    resource: record.resource,
    segments: splitJwt(record.jwt) ?? { header: '', payload: '', signature: '' },
    header,
    claims: rows,
    status: tokenStatus(claims, nowMs),
    countdown: countdownText(claims, nowMs),
    expiresAt: claims.exp * 1000,
  };
}
