/**
 * Get Blob's byte ranges. `x-ms-range` wins over `Range` (Azurite's deserializeRangeHeader; the
 * Get Blob docs). A malformed `Range` is ignored as RFC 9110 §14.2 allows (the whole blob, 200);
 * a malformed `x-ms-range` is Storage's InvalidHeaderValue. Only `bytes=start-` and
 * `bytes=start-end` exist in Storage (no suffix ranges, no lists).
 */
export type RangeAsk =
  | { kind: 'none' }
  | { kind: 'range'; start: number; end: number | null }
  | { kind: 'invalid'; header: 'x-ms-range' };

export function parseRange(headers: Headers): RangeAsk {
  const ms = headers.get('x-ms-range');
  const value = ms ?? headers.get('range');
  if (value === null) return { kind: 'none' };
  const m = /^\s*bytes\s*=\s*(\d{1,16})\s*-\s*(\d{0,16})\s*$/.exec(value);
  const start = m ? Number(m[1]) : NaN;
  const end = m && m[2] !== '' ? Number(m[2]) : null;
  if (!m || (end !== null && end < start)) return ms !== null ? { kind: 'invalid', header: 'x-ms-range' } : { kind: 'none' };
  return { kind: 'range', start, end };
}

/** The bytes [start, end] to send, or null when the range starts past the content (416 InvalidRange). */
export function resolveRange(ask: { start: number; end: number | null }, size: number): { start: number; end: number } | null {
  if (ask.start >= size) return null;
  return { start: ask.start, end: Math.min(ask.end ?? size - 1, size - 1) };
}
