/**
 * Bytes as the world stores them: base64url pieces of at most 4 MiB. The world stays JSON (saved
 * state, undo points, share links) while blob bodies stay bytes end to end, and no single string
 * has to hold a large blob (V8 caps a string near 512 M characters). Encoding uses the platform's
 * native codec where there is one (Uint8Array.fromBase64, Node's Buffer: ~30× faster on 8 MiB)
 * and jose's portable one otherwise.
 */
import { base64url } from 'jose';
import type { StoredBytes } from '../world/schema';

/** Bytes per piece: just under 4 MiB and a multiple of 3 (3 × 1,398,101), so no piece but the last needs padding. */
export const PIECE_BYTES = 4 * 1024 * 1024 - 1;

type NodeBuffer = { from(data: Uint8Array | string, enc?: string): Uint8Array & { toString(enc: string): string } };
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const native = Uint8Array as unknown as {
  fromBase64?: (s: string, o: { alphabet: string }) => Uint8Array;
};

function encode(bytes: Uint8Array): string {
  const withNative = bytes as Uint8Array & { toBase64?: (o: { alphabet: string; omitPadding: boolean }) => string };
  if (typeof withNative.toBase64 === 'function') return withNative.toBase64({ alphabet: 'base64url', omitPadding: true });
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes).toString('base64url');
  return base64url.encode(bytes);
}

function decode(text: string): Uint8Array {
  if (native.fromBase64) return native.fromBase64(text, { alphabet: 'base64url' });
  if (nodeBuffer) {
    const b = nodeBuffer.from(text, 'base64url');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  return base64url.decode(text);
}

export const EMPTY_BYTES: StoredBytes = { size: 0, pieces: [] };

export function storeBytes(bytes: Uint8Array): StoredBytes {
  const pieces: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) pieces.push(encode(bytes.subarray(at, Math.min(at + PIECE_BYTES, bytes.byteLength))));
  return { size: bytes.byteLength, pieces };
}

/**
 * Bytes [start, end) of a sequence of stored byte runs (a blob's blocks), decoding only the
 * pieces the range touches.
 */
export function readBytes(runs: readonly StoredBytes[], start: number, end: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(Math.max(0, end - start)));
  let offset = 0;
  for (const run of runs) {
    if (offset >= end) break;
    if (offset + run.size <= start) {
      offset += run.size;
      continue;
    }
    for (const piece of run.pieces) {
      const pieceEnd = offset + decodedLength(piece);
      if (pieceEnd > start && offset < end) {
        const bytes = decode(piece);
        out.set(bytes.subarray(Math.max(start, offset) - offset, Math.min(end, pieceEnd) - offset), Math.max(start, offset) - start);
      }
      offset = pieceEnd;
      if (offset >= end) break;
    }
  }
  return out;
}

/** Bytes a base64url string (no padding) decodes to. */
const decodedLength = (s: string) => Math.floor((s.length * 3) / 4);

export const utf8 = new TextEncoder();
