/**
 * Blob containers and block blobs: the data plane behind `https://{account}.blob.core.windows.net`.
 * Content is bytes (stored as base64url pieces, ./bytes.ts). Error codes and texts are Storage's
 * (rbac-arm.md §5.2; the rest from Azurite's StorageErrorFactory, which copies the service's).
 * A container is also an RBAC scope (`…/blobServices/default/containers/{name}`).
 *
 * Block semantics follow Put Block / Put Block List: staged blocks are invisible until a commit
 * names them; a commit, a Put Blob or a delete discards the blob's other staged blocks.
 */
import { errors, fail, ok, type Result } from '../errors';
import { hexId } from '../ids';
import { containerId, keyOf } from '../world/arm-id';
import * as v from 'valibot';
import { parseInput, requireStrings } from '../input';
import type { Blob, BlobContainer, StorageAccount, StoredBytes } from '../world/schema';
import type { World } from '../world/world';
import { findStorageAccountByName } from './accounts';
import { readBytes, storeBytes, utf8 } from './bytes';

/** Storage's container rule: 3–63 of lower-case letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Put Block List limits (Storage scalability targets; Azurite's BlockCountExceedsLimit texts). */
export const MAX_COMMITTED_BLOCKS = 50_000;
export const MAX_UNCOMMITTED_BLOCKS = 100_000;

export type BlobProperties = Blob['properties'];
export type BlockListName = 'committed' | 'uncommitted' | 'latest';

const invalidName = () => fail<never>('InvalidResourceName', 'The specified resource name contains invalid characters.');

/** Storage's ETag form: "0x8" and 14 upper-case hex digits (e.g. "0x8DBE4F2A1B3C4D5"). */
const newEtag = (world: World) => `"0x8${hexId(world.rng, 7).toUpperCase()}"`;

function accountOrError(world: World, account: string): Result<StorageAccount> {
  const args = requireStrings({ account });
  if (!args.ok) return args;
  const found = findStorageAccountByName(world, account);
  // Invented text: a missing account is a DNS failure in real Azure, which a sandbox cannot show.
  return found ? ok(found) : errors.invalidParameter(`The storage account '${account}' does not exist.`);
}

export function findContainer(world: World, account: string, container: string): BlobContainer | null {
  if (typeof container !== 'string') return null;
  const found = findStorageAccountByName(world, account);
  if (!found) return null;
  return world.data.blobContainers[keyOf(containerId(found.id, container))] ?? null;
}

function containerOrError(world: World, account: string, container: string): Result<BlobContainer> {
  const args = requireStrings({ account, container });
  if (!args.ok) return args;
  const c = findContainer(world, account, container);
  return c ? ok(c) : errors.containerNotFound();
}

export function createContainer(world: World, account: string, name: string, metadata: Record<string, string> = {}): Result<BlobContainer> {
  const args = requireStrings({ account, name });
  if (!args.ok) return args;
  const acct = accountOrError(world, account);
  if (!acct.ok) return acct;
  if (!CONTAINER_NAME.test(name)) return invalidName();
  const id = containerId(acct.value.id, name);
  if (world.data.blobContainers[keyOf(id)]) return errors.containerExists();
  const container: BlobContainer = {
    id,
    accountId: acct.value.id,
    name,
    lastModified: world.now(),
    etag: newEtag(world),
    metadata: { ...metadata },
    blobs: [],
    uncommittedBlocks: [],
  };
  world.data.blobContainers[keyOf(id)] = container;
  world.commit([{ type: 'storage.containerCreated', id }]);
  return ok(container);
}

export function deleteContainer(world: World, account: string, name: string): Result<{ id: string }> {
  const container = containerOrError(world, account, name);
  if (!container.ok) return container;
  delete world.data.blobContainers[keyOf(container.value.id)];
  world.commit([{ type: 'storage.containerDeleted', id: container.value.id }]);
  return ok({ id: container.value.id });
}

export function setContainerMetadata(world: World, account: string, name: string, metadata: Record<string, string>): Result<BlobContainer> {
  const container = containerOrError(world, account, name);
  if (!container.ok) return container;
  const c = container.value;
  c.metadata = { ...metadata };
  c.lastModified = world.now();
  c.etag = newEtag(world);
  world.commit([]);
  return ok(c);
}

/** Containers of an account, sorted by name as List Containers returns them. */
export function listContainers(world: World, account: string): Result<BlobContainer[]> {
  const acct = accountOrError(world, account);
  if (!acct.ok) return acct;
  const key = keyOf(acct.value.id);
  return ok(Object.values(world.data.blobContainers).filter((c) => keyOf(c.accountId) === key).sort((a, b) => compareNames(a.name, b.name)));
}

/** Storage orders names by their UTF-8 bytes; for the BMP this is code-unit order. */
const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function validBlobName(name: unknown): name is string {
  // 1–1024 characters; the service also refuses names ending in a dot or slash.
  return typeof name === 'string' && name.length >= 1 && name.length <= 1024 && !/[./]$/.test(name);
}

const asBytes = (content: string | Uint8Array) => (typeof content === 'string' ? utf8.encode(content) : content);

function discardStaged(c: BlobContainer, blob: string): void {
  c.uncommittedBlocks = c.uncommittedBlocks.filter((b) => b.blob !== blob);
}

function writeBlob(world: World, c: BlobContainer, name: string, blocks: Blob['blocks'], properties: Partial<BlobProperties>, metadata: Record<string, string>): Blob {
  const now = world.now();
  const at = c.blobs.findIndex((b) => b.name === name);
  const blob: Blob = {
    name,
    blocks,
    size: blocks.reduce((n, b) => n + b.data.size, 0),
    properties: { contentType: 'application/octet-stream', ...withoutUndefined(properties) },
    metadata: { ...metadata },
    createdAt: at >= 0 ? c.blobs[at]!.createdAt : now,
    lastModified: now,
    etag: newEtag(world),
  };
  if (at >= 0) c.blobs[at] = blob;
  else c.blobs.push(blob);
  discardStaged(c, name);
  world.commit([{ type: 'storage.blobWritten', containerId: c.id, blob: name }]);
  return blob;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** Put Blob: the whole content at once (one block without an id). */
export function putBlob(
  world: World,
  input: {
    account: string;
    container: string;
    name: string;
    content: string | Uint8Array;
    contentType?: string;
    properties?: Partial<BlobProperties>;
    metadata?: Record<string, string>;
  },
): Result<Blob> {
  const checked = parseInput(
    v.object({
      account: v.string(),
      container: v.string(),
      name: v.unknown(),
      content: v.union([v.string(), v.instance(Uint8Array)]),
      contentType: v.optional(v.string()),
      properties: v.optional(v.record(v.string(), v.unknown())),
      metadata: v.optional(v.record(v.string(), v.string())),
    }),
    input,
    'blob',
  );
  if (!checked.ok) return checked;
  const container = containerOrError(world, input.account, input.container);
  if (!container.ok) return container;
  if (!validBlobName(input.name)) return invalidName();
  const bytes = asBytes(input.content);
  const blocks = bytes.byteLength > 0 ? [{ id: null, data: storeBytes(bytes) }] : [];
  const properties = { ...(input.properties ?? {}), ...(input.contentType !== undefined ? { contentType: input.contentType } : {}) };
  return ok(writeBlob(world, container.value, input.name, blocks, properties, input.metadata ?? {}));
}

/** Put Block: stages a block (replacing a staged block with the same id). Block ids are validated by the caller. */
export function stageBlock(world: World, input: { account: string; container: string; blob: string; blockId: string; content: Uint8Array }): Result<{ size: number }> {
  const container = containerOrError(world, input.account, input.container);
  if (!container.ok) return container;
  if (!validBlobName(input.blob)) return invalidName();
  const c = container.value;
  const staged = c.uncommittedBlocks.filter((b) => b.blob === input.blob);
  // Every block of one blob must have an id of the same length (Put Block docs).
  const committed = c.blobs.find((b) => b.name === input.blob)?.blocks.find((b) => b.id !== null);
  const other = staged.find((b) => b.id !== input.blockId) ?? (committed ? { id: committed.id! } : undefined);
  if (other && other.id.length !== input.blockId.length) return fail('InvalidBlobOrBlock', 'The specified blob or block content is invalid.');
  const existing = staged.findIndex((b) => b.id === input.blockId);
  if (existing < 0 && staged.length >= MAX_UNCOMMITTED_BLOCKS) {
    return fail('BlockCountExceedsLimit', `The uncommitted block count cannot exceed the maximum limit of ${MAX_UNCOMMITTED_BLOCKS.toLocaleString('en-US')} blocks.`);
  }
  const block = { blob: input.blob, id: input.blockId, data: storeBytes(input.content), stagedAt: world.now() };
  // Re-staging an id replaces it in place; Azure keeps only the latest upload of an id.
  const at = c.uncommittedBlocks.findIndex((b) => b.blob === input.blob && b.id === input.blockId);
  if (at >= 0) c.uncommittedBlocks[at] = block;
  else c.uncommittedBlocks.push(block);
  world.commit([]);
  return ok({ size: input.content.byteLength });
}

/** Put Block List: the blob becomes exactly the named blocks, in order. */
export function commitBlockList(
  world: World,
  input: {
    account: string;
    container: string;
    blob: string;
    blocks: { id: string; list: BlockListName }[];
    properties?: Partial<BlobProperties>;
    metadata?: Record<string, string>;
  },
): Result<Blob> {
  const container = containerOrError(world, input.account, input.container);
  if (!container.ok) return container;
  if (!validBlobName(input.blob)) return invalidName();
  const c = container.value;
  if (input.blocks.length > MAX_COMMITTED_BLOCKS) {
    return fail('BlockCountExceedsLimit', `The committed block count cannot exceed the maximum limit of ${MAX_COMMITTED_BLOCKS.toLocaleString('en-US')} blocks.`);
  }
  const current = c.blobs.find((b) => b.name === input.blob);
  const staged = new Map(c.uncommittedBlocks.filter((b) => b.blob === input.blob).map((b) => [b.id, b.data]));
  const committed = new Map((current?.blocks ?? []).filter((b) => b.id !== null).map((b) => [b.id!, b.data]));
  const blocks: Blob['blocks'] = [];
  for (const { id, list } of input.blocks) {
    const data: StoredBytes | undefined =
      list === 'committed' ? committed.get(id) : list === 'uncommitted' ? staged.get(id) : (staged.get(id) ?? committed.get(id));
    if (!data) return fail('InvalidBlockList', 'The specified block list is invalid.');
    blocks.push({ id, data });
  }
  return ok(writeBlob(world, c, input.blob, blocks, input.properties ?? {}, input.metadata ?? {}));
}

export interface BlockListing {
  blob: Blob | null;
  committed: { id: string; size: number }[];
  uncommitted: { id: string; size: number }[];
}

/** Get Block List. A blob written by Put Blob has no committed blocks with ids. */
export function getBlockList(world: World, account: string, container: string, name: string): Result<BlockListing> {
  const c = containerOrError(world, account, container);
  if (!c.ok) return c;
  const blob = c.value.blobs.find((b) => b.name === name) ?? null;
  const uncommitted = c.value.uncommittedBlocks.filter((b) => b.blob === name).map((b) => ({ id: b.id, size: b.data.size }));
  if (!blob && uncommitted.length === 0) return errors.blobNotFound();
  const committed = (blob?.blocks ?? []).filter((b) => b.id !== null).map((b) => ({ id: b.id!, size: b.data.size }));
  return ok({ blob, committed, uncommitted });
}

export function getBlob(world: World, account: string, container: string, name: string): Result<Blob> {
  const args = requireStrings({ account, container, name });
  if (!args.ok) return args;
  const c = findContainer(world, account, container);
  if (!c) return errors.containerNotFound();
  // Blob names are case-sensitive, unlike ARM ids.
  const blob = c.blobs.find((b) => b.name === name);
  return blob ? ok(blob) : errors.blobNotFound();
}

/** Bytes [start, end) of a blob's content (end clamped to its size). */
export function readBlob(blob: Blob, start = 0, end = blob.size): Uint8Array<ArrayBuffer> {
  return readBytes(
    blob.blocks.map((b) => b.data),
    Math.max(0, start),
    Math.min(end, blob.size),
  );
}

/** The content as UTF-8 text (for lesson checks and the inspector; binary content decodes with U+FFFD). */
export function blobText(blob: Blob): string {
  return new TextDecoder().decode(readBlob(blob));
}

export function setBlobMetadata(world: World, account: string, container: string, name: string, metadata: Record<string, string>): Result<Blob> {
  const found = getBlob(world, account, container, name);
  if (!found.ok) return found;
  const blob = found.value;
  blob.metadata = { ...metadata };
  blob.lastModified = world.now();
  blob.etag = newEtag(world);
  world.commit([{ type: 'storage.blobWritten', containerId: findContainer(world, account, container)!.id, blob: name }]);
  return ok(blob);
}

/** Set Blob Properties: replaces the HTTP properties (a property the request leaves out is cleared, as Storage does). */
export function setBlobProperties(world: World, account: string, container: string, name: string, properties: Partial<BlobProperties>): Result<Blob> {
  const found = getBlob(world, account, container, name);
  if (!found.ok) return found;
  const blob = found.value;
  blob.properties = { contentType: 'application/octet-stream', ...withoutUndefined(properties) };
  blob.lastModified = world.now();
  blob.etag = newEtag(world);
  world.commit([{ type: 'storage.blobWritten', containerId: findContainer(world, account, container)!.id, blob: name }]);
  return ok(blob);
}

/** Committed blobs, sorted by name as List Blobs returns them. */
export function listBlobs(world: World, account: string, container: string): Result<Blob[]> {
  const c = containerOrError(world, account, container);
  if (!c.ok) return c;
  return ok([...c.value.blobs].sort((a, b) => compareNames(a.name, b.name)));
}

export function deleteBlob(world: World, account: string, container: string, name: string): Result<{ name: string }> {
  const c = containerOrError(world, account, container);
  if (!c.ok) return c;
  const at = c.value.blobs.findIndex((b) => b.name === name);
  if (at < 0) return errors.blobNotFound();
  c.value.blobs.splice(at, 1);
  discardStaged(c.value, name);
  world.commit([{ type: 'storage.blobDeleted', containerId: c.value.id, blob: name }]);
  return ok({ name });
}
