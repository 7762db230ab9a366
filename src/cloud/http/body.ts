/**
 * Request bodies: read once by the router (with the size cap), parsed by handlers. JSON parse
 * failures come back as values, never exceptions, so each service can word its own 400.
 */

/** Bodies over this are refused before any handler runs (issue 4, "Bad input"). */
export const MAX_BODY_BYTES = 1024 * 1024;

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
