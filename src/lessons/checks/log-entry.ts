/**
 * Reading request-log entries safely: URLs in the log are whatever a learner typed, so nothing
 * here may throw on odd input.
 */
import type { VirtualMachine } from '../../sim/index';
import type { ServiceName } from '../types';
import type { RequestLogEntry } from './types';

export const IMDS_HOST = '169.254.169.254';
export const IMDS_TOKEN_PATH = '/metadata/identity/oauth2/token';

export function urlOf(entry: RequestLogEntry): URL | null {
  try {
    return new URL(entry.request.url);
  } catch {
    return null;
  }
}

/** The path with percent-escapes decoded where they decode; as sent where they do not. */
export function pathOf(entry: RequestLogEntry): string {
  const raw = urlOf(entry)?.pathname ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A request signed with a shared access signature names it in its query (`sv`, `sig`); it carries no token. */
export function signedWithSas(entry: RequestLogEntry): boolean {
  const q = urlOf(entry)?.searchParams;
  return q !== undefined && q.has('sig') && q.has('sv');
}

export const isImds = (e: RequestLogEntry): boolean => e.service === 'imds' || urlOf(e)?.hostname === IMDS_HOST;
export const isArm = (e: RequestLogEntry): boolean => e.service === 'arm';

/** The router names Key Vault `keyvault`; authors write `keyVault`, like the other camel-cased names. */
export function isService(e: RequestLogEntry, name: ServiceName): boolean {
  if (name === 'imds') return isImds(e);
  return e.service === (name === 'keyVault' ? 'keyvault' : name);
}

/** The router may name a VM caller by its vmId GUID or its ARM id; accept both. */
export function isFromVm(e: RequestLogEntry, vm: VirtualMachine): boolean {
  if (e.caller.kind !== 'vm') return false;
  const id = e.caller.vmId.toLowerCase();
  return id === vm.id.toLowerCase() || id === vm.properties.vmId.toLowerCase();
}

const headerIn = (headers: readonly [string, string][], name: string) => {
  const want = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === want)?.[1];
};

/** A request header as the caller sent it. */
export const headerOf = (e: RequestLogEntry, name: string): string | undefined => headerIn(e.request.headers, name);

/**
 * ARM's and Key Vault's `error.code`, IMDS's `error`, Storage's `x-ms-error-code` (the same code
 * its XML body carries), or undefined when the answer names none.
 */
export function errorCodeOf(e: RequestLogEntry): string | undefined {
  if (!e.response) return undefined;
  const storageCode = headerIn(e.response.headers, 'x-ms-error-code');
  if (storageCode) return storageCode;
  const body = e.response.body;
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (parsed.error && typeof parsed.error === 'object' && typeof (parsed.error as { code?: unknown }).code === 'string') {
      return (parsed.error as { code: string }).code;
    }
  } catch {
    // Not JSON: no code to read.
  }
  return undefined;
}

/** IMDS's (and Entra's) `error_description`, or undefined when the body has none. */
export function errorDescriptionOf(e: RequestLogEntry): string | undefined {
  try {
    const parsed = JSON.parse(e.response?.body ?? '') as { error_description?: unknown };
    return typeof parsed.error_description === 'string' ? parsed.error_description : undefined;
  } catch {
    return undefined;
  }
}

/** The newest entry that matches, so a check reads "did the learner ever…" within the step. */
export function newest(entries: readonly RequestLogEntry[], match: (e: RequestLogEntry) => boolean): RequestLogEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (match(entries[i]!)) return entries[i];
  return undefined;
}

/** "403 AuthorizationFailed", "400 invalid_request", "200". */
export function outcomeOf(e: RequestLogEntry): string {
  if (!e.response) return e.networkError ? `no answer (${e.networkError.code})` : 'no answer';
  const code = errorCodeOf(e);
  return code ? `${e.response.status} ${code}` : String(e.response.status);
}
