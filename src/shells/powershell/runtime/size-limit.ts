/**
 * The sandbox's memory limit. A real VM lets `$s += $s` double a string until .NET's 2 GB object limit
 * throws OutOfMemoryException, minutes and gigabytes later; in a browser tab that would freeze the page
 * first. So every operation that grows a string or a collection checks the size it is about to allocate
 * (before allocating it) against these bounds, which keep any single step far under 100 ms.
 */
export const MAX_STRING_LENGTH = 4 * 1024 * 1024;
export const MAX_COLLECTION_LENGTH = 1024 * 1024;

export class SizeLimitExceeded extends Error {
  constructor(
    readonly what: 'string' | 'collection',
    readonly size: number,
  ) {
    super(`${what} of ${size} would pass the sandbox's memory limit`);
  }
}

export function checkStringLength(length: number): void {
  if (length > MAX_STRING_LENGTH) throw new SizeLimitExceeded('string', length);
}

export function checkCollectionLength(length: number): void {
  if (length > MAX_COLLECTION_LENGTH) throw new SizeLimitExceeded('collection', length);
}
