/**
 * Key Vault's JSON for secrets (the 7.x REST spec's SecretBundle, SecretItem, DeletedSecretBundle;
 * rbac-arm.md K1 example): times in Unix seconds, ids `{vault}/secrets/{name}[/{version}]`, soft
 * delete reported as sandbox vaults have it (90 days' retention, purge protection off).
 */
import { toSeconds, type SecretAt } from '../../sim/index';

export interface Wire {
  /** `https://myvault.vault.azure.net` (no trailing slash), or the emulator prefix the client called. */
  base: string;
  apiVersion: string;
}

/** `recoverableDays` arrived with 7.1; older versions report only the level. */
const hasRecoverableDays = (v: string) => !['7.0', '2016-10-01', '2015-06-01'].includes(v);

function attributes(wire: Wire, s: SecretAt) {
  const v = s.version;
  const days = s.vault.properties.softDeleteRetentionInDays ?? 90;
  return {
    enabled: v.enabled,
    ...(v.notBefore != null ? { nbf: toSeconds(v.notBefore) } : {}),
    ...(v.expires != null ? { exp: toSeconds(v.expires) } : {}),
    created: toSeconds(v.created),
    updated: toSeconds(v.updated),
    // Key Vault's DeletionRecoveryLevel: 90 days is the plain level, fewer the "Customized" one.
    recoveryLevel: days === 90 ? 'Recoverable+Purgeable' : 'CustomizedRecoverable+Purgeable',
    ...(hasRecoverableDays(wire.apiVersion) ? { recoverableDays: days } : {}),
  };
}

const optional = (s: SecretAt) => ({
  ...(s.version.contentType ? { contentType: s.version.contentType } : {}),
  ...(s.version.tags ? { tags: s.version.tags } : {}),
});

export function secretBundle(wire: Wire, s: SecretAt, withValue = true) {
  return {
    ...(withValue ? { value: s.version.value } : {}),
    ...optional(s),
    id: `${wire.base}/secrets/${s.secret.name}/${s.version.version}`,
    attributes: attributes(wire, s),
  };
}

/** A list item: no value; the id names the secret (list) or the version (versions list). */
export function secretItem(wire: Wire, s: SecretAt, byVersion: boolean) {
  return {
    id: `${wire.base}/secrets/${s.secret.name}${byVersion ? `/${s.version.version}` : ''}`,
    attributes: attributes(wire, s),
    ...optional(s),
  };
}

export function deletedBundle(wire: Wire, s: SecretAt, asItem = false) {
  const deleted = s.secret.deletedAt ?? 0;
  const days = s.vault.properties.softDeleteRetentionInDays ?? 90;
  return {
    recoveryId: `${wire.base}/deletedsecrets/${s.secret.name}`,
    deletedDate: toSeconds(deleted),
    scheduledPurgeDate: toSeconds(deleted + days * 86_400_000),
    ...(asItem ? secretItem(wire, s, false) : secretBundle(wire, s, false)),
  };
}

/** Key Vault pages lists at 25 by default; `maxresults` 1–25, and a nextLink with a $skiptoken. */
export function listPage(wire: Wire, url: URL, items: unknown[]): { ok: true; value: { value: unknown[]; nextLink: string | null } } | { ok: false; error: { code: string; message: string } } {
  const raw = url.searchParams.get('maxresults');
  const max = raw === null ? 25 : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 25) {
    // Key Vault's code; wording invented in its style.
    return { ok: false, error: { code: 'BadParameter', message: `Invalid value '${raw}' for maxresults: it must be an integer from 1 to 25.` } };
  }
  const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
  const from = Number.isInteger(skip) && skip >= 0 ? skip : 0;
  const value = items.slice(from, from + max);
  let nextLink: string | null = null;
  if (from + max < items.length) {
    const next = new URL(`${wire.base}${url.pathname}`);
    next.searchParams.set('api-version', wire.apiVersion);
    next.searchParams.set('$skiptoken', String(from + max));
    if (raw !== null) next.searchParams.set('maxresults', raw);
    nextLink = next.toString();
  }
  return { ok: true, value: { value, nextLink } };
}
