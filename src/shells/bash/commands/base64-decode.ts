/**
 * GNU coreutils 8.32 `base64 -d` (gnulib base64_decode_ctx), including what it does with input it
 * cannot fully decode. A JWT segment has no `=` padding, so Ubuntu's base64 writes every byte it
 * could decode (the whole JSON payload, closing brace included) and then fails with
 * "base64: invalid input" and exit 1. base64url's `-` and `_` stop decoding at that quantum.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const value = new Map([...ALPHABET].map((c, i) => [c, i]));
const isB64 = (c: string | undefined) => c !== undefined && value.has(c);
const v = (c: string) => value.get(c) as number;

export interface DecodeResult {
  /** Decoded bytes as a latin1 string (one char per byte). */
  bytes: string;
  ok: boolean;
}

/** gnulib decode_4: decodes up to four characters, emitting bytes as it goes, false on a bad quantum. */
function decode4(q: string, out: number[]): boolean {
  const [a, b, c, d] = [q[0], q[1], q[2], q[3]];
  if (q.length < 2 || !isB64(a) || !isB64(b)) return false;
  out.push(((v(a as string) << 2) | (v(b as string) >> 4)) & 0xff);
  if (q.length === 2) return false;
  if (c === '=') {
    return q.length === 4 && d === '=';
  }
  if (!isB64(c)) return false;
  out.push(((v(b as string) << 4) | (v(c as string) >> 2)) & 0xff);
  if (q.length === 3) return false;
  if (d === '=') return true;
  if (!isB64(d)) return false;
  out.push(((v(c as string) << 6) | v(d as string)) & 0xff);
  return true;
}

/** Decodes like `base64 -d` (newlines ignored; with ignoreGarbage, every non-alphabet byte too). */
export function gnuBase64Decode(input: string, ignoreGarbage = false): DecodeResult {
  const out: number[] = [];
  let quantum = '';
  let ok = true;
  for (const ch of input) {
    if (ch === '\n') continue;
    if (ignoreGarbage && !isB64(ch) && ch !== '=') continue;
    quantum += ch;
    if (quantum.length === 4) {
      if (!decode4(quantum, out)) {
        ok = false;
        break;
      }
      quantum = '';
    }
  }
  if (ok && quantum.length > 0) ok = decode4(quantum, out);
  let bytes = '';
  for (let i = 0; i < out.length; i += 0x8000) bytes += String.fromCharCode(...out.slice(i, i + 0x8000));
  return { bytes, ok };
}
