/**
 * Blob containers and blobs: the data plane behind `https://{account}.blob.core.windows.net`.
 * Error codes and texts are Storage's (rbac-arm.md §5.2, D1). A container is also an RBAC scope
 * (`…/blobServices/default/containers/{name}`).
 */
import { errors, ok, type Result } from '../errors';
import { hexId } from '../ids';
import { containerId, keyOf } from '../world/arm-id';
import * as v from 'valibot';
import { parseInput, requireStrings } from '../input';
import type { Blob, BlobContainer, StorageAccount } from '../world/schema';
import type { World } from '../world/world';
import { findStorageAccountByName } from './accounts';

/** Storage's container rule: 3–63 of lower-case letters, digits and single hyphens, starting with a letter or digit. */
const CONTAINER_NAME = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

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

export function createContainer(world: World, account: string, name: string): Result<BlobContainer> {
  const args = requireStrings({ account, name });
  if (!args.ok) return args;
  const acct = accountOrError(world, account);
  if (!acct.ok) return acct;
  if (typeof name !== 'string' || !CONTAINER_NAME.test(name)) {
    return { ok: false, error: { code: 'InvalidResourceName', message: 'The specified resource name contains invalid characters.' } };
  }
  const id = containerId(acct.value.id, name);
  if (world.data.blobContainers[keyOf(id)]) return errors.containerExists();
  const container: BlobContainer = { id, accountId: acct.value.id, name, lastModified: world.now(), blobs: [] };
  world.data.blobContainers[keyOf(id)] = container;
  world.commit([{ type: 'storage.containerCreated', id }]);
  return ok(container);
}

export function deleteContainer(world: World, account: string, name: string): Result<{ id: string }> {
  const args = requireStrings({ account, name });
  if (!args.ok) return args;
  const container = findContainer(world, account, name);
  if (!container) return errors.containerNotFound();
  delete world.data.blobContainers[keyOf(container.id)];
  world.commit([{ type: 'storage.containerDeleted', id: container.id }]);
  return ok({ id: container.id });
}

export function listContainers(world: World, account: string): Result<BlobContainer[]> {
  const acct = accountOrError(world, account);
  if (!acct.ok) return acct;
  const key = keyOf(acct.value.id);
  return ok(Object.values(world.data.blobContainers).filter((c) => keyOf(c.accountId) === key));
}

export function putBlob(
  world: World,
  input: { account: string; container: string; name: string; content: string; contentType?: string },
): Result<Blob> {
  const checked = parseInput(
    v.object({ account: v.string(), container: v.string(), name: v.unknown(), content: v.string(), contentType: v.optional(v.string()) }),
    input,
    'blob',
  );
  if (!checked.ok) return checked;
  const container = findContainer(world, input.account, input.container);
  if (!container) return errors.containerNotFound();
  if (typeof input.name !== 'string' || input.name === '' || input.name.length > 1024) {
    return { ok: false, error: { code: 'InvalidResourceName', message: 'The specified resource name contains invalid characters.' } };
  }
  const blob: Blob = {
    name: input.name,
    content: input.content,
    contentType: input.contentType ?? 'application/octet-stream',
    lastModified: world.now(),
    etag: `"0x8${hexId(world.rng, 7).toUpperCase()}"`,
  };
  const at = container.blobs.findIndex((b) => b.name === input.name);
  if (at >= 0) container.blobs[at] = blob;
  else container.blobs.push(blob);
  container.lastModified = blob.lastModified;
  world.commit([{ type: 'storage.blobWritten', containerId: container.id, blob: input.name }]);
  return ok(blob);
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

export function listBlobs(world: World, account: string, container: string): Result<Blob[]> {
  const args = requireStrings({ account, container });
  if (!args.ok) return args;
  const c = findContainer(world, account, container);
  if (!c) return errors.containerNotFound();
  return ok([...c.blobs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

export function deleteBlob(world: World, account: string, container: string, name: string): Result<{ name: string }> {
  const args = requireStrings({ account, container, name });
  if (!args.ok) return args;
  const c = findContainer(world, account, container);
  if (!c) return errors.containerNotFound();
  const at = c.blobs.findIndex((b) => b.name === name);
  if (at < 0) return errors.blobNotFound();
  c.blobs.splice(at, 1);
  world.commit([{ type: 'storage.blobDeleted', containerId: c.id, blob: name }]);
  return ok({ name });
}
