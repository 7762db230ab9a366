/**
 * Claim sets of the v1 access tokens the sandbox issues (imds.md §3.1). Claims are written in the
 * order real tokens print them (aud, iss, times, then alphabetical) because learners decode them
 * and compare with the docs.
 */
import { toSeconds } from '../clock';
import { base64url, type RandomSource } from '../ids';
import { withLowercaseResourceGroups } from '../world/arm-id';

/** Real IMDS captures: `nbf == iat`, about 5 minutes before the response, and `exp - nbf` = 86,700 s. */
export const MI_BACKDATE_S = 300;
export const MI_LIFETIME_S = 86_400;
/** E2: user tokens last an hour by default. */
export const USER_LIFETIME_S = 3_600;

export interface ManagedIdentityClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  aio: string;
  appid: string;
  appidacr: '2';
  groups?: string[];
  idp: string;
  idtyp: 'app';
  oid: string;
  rh: string;
  sub: string;
  tid: string;
  uti: string;
  ver: '1.0';
  xms_az_rid?: string;
  xms_mirid: string;
  xms_tcdt: string;
}

export interface UserClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  acr: '1';
  aio: string;
  amr: string[];
  appid: string;
  appidacr: '0';
  family_name: string;
  given_name: string;
  groups?: string[];
  idtyp: 'user';
  ipaddr: string;
  name: string;
  oid: string;
  puid: string;
  rh: string;
  scp: 'user_impersonation';
  sub: string;
  tid: string;
  unique_name: string;
  upn: string;
  uti: string;
  ver: '1.0';
  xms_tcdt: string;
}

export type AccessTokenClaims = ManagedIdentityClaims | UserClaims;

export const issuerFor = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;

/** Opaque values with the shapes real tokens show (`aio` standard base64, `rh` "0.A…AA.", `uti` 22 chars). */
function opaque(rng: RandomSource) {
  const aio = btoa(String.fromCharCode(...rng.bytes(23)));
  const rh = `0.A${base64url(rng.bytes(40))}AA.`;
  const uti = base64url(rng.bytes(16));
  return { aio, rh, uti };
}

export function managedIdentityClaims(input: {
  rng: RandomSource;
  nowMs: number;
  resource: string;
  tenantId: string;
  tenantCreated: number;
  principalId: string;
  clientId: string;
  identityResourceId: string;
  kind: 'SystemAssigned' | 'UserAssigned';
  /** The VM asking, recorded for user-assigned identities (imds.md §3.1 `xms_az_rid`). */
  computeResourceId: string;
  groups: readonly string[];
}): ManagedIdentityClaims {
  const now = toSeconds(input.nowMs);
  const iss = issuerFor(input.tenantId);
  const { aio, rh, uti } = opaque(input.rng);
  return {
    aud: input.resource,
    iss,
    iat: now - MI_BACKDATE_S,
    nbf: now - MI_BACKDATE_S,
    exp: now + MI_LIFETIME_S,
    aio,
    appid: input.clientId,
    appidacr: '2',
    ...(input.groups.length > 0 ? { groups: [...input.groups] } : {}),
    idp: iss,
    idtyp: 'app',
    oid: input.principalId,
    rh,
    sub: input.principalId,
    tid: input.tenantId,
    uti,
    ver: '1.0',
    ...(input.kind === 'UserAssigned' ? { xms_az_rid: withLowercaseResourceGroups(input.computeResourceId) } : {}),
    xms_mirid: withLowercaseResourceGroups(input.identityResourceId),
    xms_tcdt: String(input.tenantCreated),
  };
}

export function userClaims(input: {
  rng: RandomSource;
  nowMs: number;
  resource: string;
  tenantId: string;
  tenantCreated: number;
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  appId: string;
  groups: readonly string[];
}): UserClaims {
  const now = toSeconds(input.nowMs);
  const { aio, rh, uti } = opaque(input.rng);
  const hex = Array.from(input.rng.bytes(8), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return {
    aud: input.resource,
    iss: issuerFor(input.tenantId),
    iat: now - MI_BACKDATE_S,
    nbf: now - MI_BACKDATE_S,
    exp: now + USER_LIFETIME_S,
    acr: '1',
    aio,
    amr: ['pwd'],
    appid: input.appId,
    appidacr: '0',
    family_name: input.surname,
    given_name: input.givenName,
    ...(input.groups.length > 0 ? { groups: [...input.groups] } : {}),
    idtyp: 'user',
    // Documentation address block (RFC 5737): there is no real client IP in a sandbox.
    ipaddr: '203.0.113.10',
    name: input.displayName,
    oid: input.objectId,
    puid: `1003${hex.slice(4)}`,
    rh,
    scp: 'user_impersonation',
    // v1 `sub` is pairwise per application, never the object id, for users.
    sub: base64url(input.rng.bytes(32)),
    tid: input.tenantId,
    unique_name: input.userPrincipalName,
    upn: input.userPrincipalName,
    uti,
    ver: '1.0',
    xms_tcdt: String(input.tenantCreated),
  };
}
