/**
 * Request bodies: read once by the router (with the size cap), parsed by handlers. JSON parse
 * failures come back as values, never exceptions, so each service can word its own 400.
 */

import type { Service } from '../call-context';

/** Bodies over this are refused before any handler runs (issue 4, "Bad input"): IMDS, ARM, Key Vault. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The router's cap per service. Storage takes real uploads (its own limits, by operation and
 * x-ms-version, are checked in src/cloud/storage); the router's 256 MiB is what the sandbox holds
 * in one request (the JS SDK's largest single-shot upload), and the emulator raises it.
 */
export const DEFAULT_BODY_LIMITS: Record<Service, number> = {
  imds: MAX_BODY_BYTES,
  arm: MAX_BODY_BYTES,
  keyvault: MAX_BODY_BYTES,
  storage: 256 * 1024 * 1024,
  graph: MAX_BODY_BYTES,
  cloudshell: MAX_BODY_BYTES,
};

export type JsonBody = { ok: true; value: unknown; empty: boolean } | { ok: false; message: string };

export function parseJsonBody(text: string): JsonBody {
  if (text.trim() === '') return { ok: true, value: undefined, empty: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, empty: false };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
