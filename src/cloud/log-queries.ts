/**
 * Questions lesson checks ask of the request log, answered from typed fields. Each returns the
 * newest matching entry (or undefined), so a check reads "did the learner ever…".
 */
import type { RequestLogEntry } from './request-log';

const newest = (entries: readonly RequestLogEntry[], match: (e: RequestLogEntry) => boolean) => {
  for (let i = entries.length - 1; i >= 0; i--) if (match(entries[i]!)) return entries[i];
  return undefined;
};

const headerOf = (e: RequestLogEntry, name: string) => e.request.headers.find(([k]) => k === name)?.[1];

const sameVm = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A successful IMDS token for `resource` (exactly as sent) obtained from a VM with `Metadata: true`. */
export function findImdsToken(
  entries: readonly RequestLogEntry[],
  query: { vmId?: string; resource?: string; principalId?: string } = {},
): RequestLogEntry | undefined {
  return newest(
    entries,
    (e) =>
      e.operation === 'imds.token' &&
      e.response?.status === 200 &&
      e.caller.kind === 'vm' &&
      (query.vmId === undefined || sameVm(e.caller.vmId, query.vmId)) &&
      (query.resource === undefined || e.imdsToken?.resource === query.resource) &&
      (query.principalId === undefined || e.identity?.principalId === query.principalId.toLowerCase()) &&
      headerOf(e, 'metadata') === 'true',
  );
}

/** An ARM call by method and path (case-insensitive, query ignored), optionally by status and identity. */
export function findArmCall(
  entries: readonly RequestLogEntry[],
  query: { method?: string; path?: string | RegExp; status?: number; principalId?: string; operation?: string },
): RequestLogEntry | undefined {
  return newest(entries, (e) => {
    if (e.service !== 'arm' || !e.response) return false;
    if (query.method && e.request.method.toUpperCase() !== query.method.toUpperCase()) return false;
    if (query.operation && e.operation !== query.operation) return false;
    if (query.status !== undefined && e.response.status !== query.status) return false;
    if (query.principalId && e.identity?.principalId !== query.principalId.toLowerCase()) return false;
    if (query.path !== undefined) {
      const path = decodeURIComponent(new URL(e.request.url).pathname);
      const ok = typeof query.path === 'string' ? path.toLowerCase() === query.path.toLowerCase() : query.path.test(path);
      if (!ok) return false;
    }
    return true;
  });
}

/**
 * The most recent denial that failed a request, with the decision trace the "why?" panel explains
 * (items a list merely hid from the caller do not count).
 */
export function lastDenial(entries: readonly RequestLogEntry[]) {
  const denied = (a: RequestLogEntry['authorizations'][number]) => !a.allowed && a.purpose !== 'listFilter';
  const entry = newest(entries, (e) => e.authorizations.some(denied));
  const authorization = entry?.authorizations.find(denied);
  return entry && authorization ? { entry, authorization } : undefined;
}
