/**
 * Blob Storage's size limits by x-ms-version (Put Blob and Put Block REST docs, "Remarks"): the
 * service answers 413 RequestBodyTooLarge with the limit in <MaxLimit>.
 */
const MiB = 1024 * 1024;

export function maxPutBlobBytes(version: string): number {
  if (version >= '2019-12-12') return 5000 * MiB;
  if (version >= '2016-05-31') return 256 * MiB;
  return 64 * MiB;
}

export function maxPutBlockBytes(version: string): number {
  if (version >= '2019-12-12') return 4000 * MiB;
  if (version >= '2016-05-31') return 100 * MiB;
  return 4 * MiB;
}

/** Block ids: base64 of at most 64 bytes (Put Block docs). */
export function validBlockId(id: string): boolean {
  if (id === '' || id.length > 88 || !/^[A-Za-z0-9+/]*={0,2}$/.test(id) || id.length % 4 !== 0) return false;
  return true;
}
