/**
 * Blob Storage's conditional headers ("Specifying conditional headers for Blob service
 * operations"): reads answer 304 where HTTP would and 412 ConditionNotMet otherwise; writes answer
 * 412, except `If-None-Match: *` on a blob that exists, which is 409 BlobAlreadyExists (Azurite's
 * LokiBlobMetadataStore does the same).
 */
export type Verdict = { ok: true } | { ok: false; status: 304 | 409 | 412 };

interface Resource {
  etag: string;
  lastModified: number;
}

const tags = (header: string | null): string[] | null =>
  header === null ? null : header.split(',').map((t) => t.trim()).filter((t) => t !== '');

const matches = (list: string[], etag: string) => list.some((t) => t === '*' || t === etag || t === etag.replace(/^"|"$/g, ''));

/** HTTP dates compare at one-second resolution. */
function since(header: string | null): number | null {
  if (header === null) return null;
  const t = Date.parse(header);
  return Number.isNaN(t) ? null : t;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function checkConditions(headers: Headers, resource: Resource | null, kind: 'read' | 'write'): Verdict {
  const ifMatch = tags(headers.get('if-match'));
  const ifNoneMatch = tags(headers.get('if-none-match'));
  const modifiedSince = since(headers.get('if-modified-since'));
  const unmodifiedSince = since(headers.get('if-unmodified-since'));
  if (!resource) {
    // Nothing to compare: If-Match cannot hold; the others are vacuously true.
    return ifMatch ? { ok: false, status: 412 } : { ok: true };
  }
  if (ifMatch && !matches(ifMatch, resource.etag)) return { ok: false, status: 412 };
  if (unmodifiedSince !== null && seconds(resource.lastModified) > seconds(unmodifiedSince)) return { ok: false, status: 412 };
  if (ifNoneMatch) {
    if (kind === 'write' && ifNoneMatch.includes('*')) return { ok: false, status: 409 };
    if (matches(ifNoneMatch, resource.etag)) return { ok: false, status: kind === 'read' ? 304 : 412 };
  }
  if (modifiedSince !== null && seconds(resource.lastModified) <= seconds(modifiedSince)) return { ok: false, status: kind === 'read' ? 304 : 412 };
  return { ok: true };
}
