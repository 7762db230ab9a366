/**
 * Snapshot migrations: `migrations[n]` turns a version-n document into version n+1. The runner in
 * snapshot.ts is exercised by tests with their own tables too.
 */
import { storeBytes, utf8 } from '../storage/bytes';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export type Migrations = Readonly<Record<number, Migration>>;

type Doc = Record<string, unknown>;
const isObject = (x: unknown): x is Doc => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * 1 → 2: blobs hold bytes (base64url pieces in blocks) instead of UTF-8 text, with properties,
 * metadata and a creation time; containers gain an ETag, metadata and staged (uncommitted) blocks.
 * Anything malformed is left as it is for validation to name.
 */
function blobsAsBytes(doc: Doc): Doc {
  const containers = doc.blobContainers;
  if (!isObject(containers)) return doc;
  for (const c of Object.values(containers)) {
    if (!isObject(c)) continue;
    const modified = typeof c.lastModified === 'number' ? c.lastModified : 0;
    // Deterministic, so migrating the same document twice gives the same result.
    c.etag ??= `"0x8${Math.trunc(modified).toString(16).toUpperCase().padStart(14, '0').slice(-14)}"`;
    c.metadata ??= {};
    c.uncommittedBlocks ??= [];
    if (!Array.isArray(c.blobs)) continue;
    c.blobs = c.blobs.map((b: unknown) => {
      if (!isObject(b) || typeof b.content !== 'string') return b;
      const { content, contentType, ...rest } = b;
      const bytes = utf8.encode(content);
      return {
        ...rest,
        blocks: bytes.byteLength > 0 ? [{ id: null, data: storeBytes(bytes) }] : [],
        size: bytes.byteLength,
        properties: { contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream' },
        metadata: {},
        createdAt: rest.lastModified,
      };
    });
  }
  return doc;
}

export const migrations: Migrations = { 1: blobsAsBytes };
