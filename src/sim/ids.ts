/**
 * Deterministic ids. Each world carries its PRNG state in its data, so the same preset and the same
 * operations always yield the same GUIDs (tests compare exact ids) and a restored snapshot continues
 * the sequence where it stopped.
 */

/** mulberry32: tiny, fast, good enough for ids that only need to look random and never collide in practice. */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** A source of random bytes that writes its state back where it came from. */
export interface RandomSource {
  bytes(n: number): Uint8Array;
}

export function randomSource(holder: { rngState: number }): RandomSource {
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      let s = holder.rngState;
      for (let i = 0; i < n; i++) {
        const [v, next] = nextRandom(s);
        s = next;
        out[i] = Math.floor(v * 256);
      }
      holder.rngState = s;
      return out;
    },
  };
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** A version-4-shaped GUID (Entra object ids and ARM names are v4 GUIDs). */
export function guid(rng: RandomSource): string {
  const b = rng.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Lower-case hex, e.g. Key Vault's 32-character secret versions. */
export function hexId(rng: RandomSource, bytes: number): string {
  return hex(rng.bytes(bytes));
}

/** base64url without padding, the alphabet of `uti` and `aio`. */
export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: unknown): s is string => typeof s === 'string' && GUID_PATTERN.test(s);
