/**
 * The few just-bash helpers the session uses that its *browser* bundle does not export (the Node
 * bundle does). The shell runs in a browser worker, so these come from here instead: the byte-string
 * helpers restate just-bash's documented contract (a ByteString is a latin1 string, one char per byte;
 * see just-bash's encoding.d.ts), and `parse` goes through `Bash#transform`, which the browser bundle
 * keeps and which returns the parsed script.
 */
import { Bash, type ByteString, type ScriptNode } from 'just-bash';

export function unsafeBytesFromLatin1(s: string): ByteString {
  return s as unknown as ByteString;
}

export function latin1FromBytes(b: ByteString): string {
  return b as unknown as string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text of a byte string; bytes that are not valid UTF-8 come back as their latin1 view. */
export function decodeBytesToUtf8(b: ByteString): string {
  const s = latin1FromBytes(b);
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return s;
    if (c > 127) high = true;
  }
  if (!high) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return s;
  }
}

/** A command result whose stdout is raw bytes (the pipeline forwards them untouched). */
export function bytesOutput(data: ByteString): { stdout: string; stdoutKind: 'bytes'; stdoutEncoding: 'binary' } {
  return { stdout: latin1FromBytes(data), stdoutKind: 'bytes', stdoutEncoding: 'binary' };
}

let parser: Bash | null = null;

/** Parses bash source into just-bash's syntax tree; throws on a syntax error. */
export function parse(source: string): ScriptNode {
  parser ??= new Bash({ commands: [], defenseInDepth: false });
  return parser.transform(source).ast;
}
