import { describe, expect, it } from 'vitest';
import {
  PIECE_BYTES,
  readBlob,
  stageBlock,
  getBlockList,
  commitBlockList,
  blobText,
  createContainer,
  createStorageAccount,
  dataWorld,
  DATA,
  deleteBlob,
  deleteContainer,
  deleteStorageAccount,
  getBlob,
  getStorageAccount,
  listBlobs,
  putBlob,
  quickstartWorld,
  scopeExists,
} from '../../../src/sim/index';

describe('storage accounts', () => {
  it('are created in ARM shape with endpoints, and names are global', () => {
    const q = quickstartWorld();
    const r = createStorageAccount(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name: 'acct12345' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.account).toMatchObject({
      name: 'acct12345',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'eastus',
      kind: 'StorageV2',
      properties: { primaryEndpoints: { blob: 'https://acct12345.blob.core.windows.net/' } },
    });
    expect(getStorageAccount(q.world, r.value.account.id).ok).toBe(true);
  });

  it.each([
    ['UPPER', 'AccountNameInvalid'],
    ['ab', 'AccountNameInvalid'],
    ['has-hyphen', 'AccountNameInvalid'],
  ])('rejects the name %j', (name, code) => {
    const q = quickstartWorld();
    const r = createStorageAccount(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name });
    expect(r.ok === false && r.error.code).toBe(code);
  });

  it('deleting an account deletes its containers; deleting a missing one is a 204', () => {
    const d = dataWorld();
    expect(deleteStorageAccount(d.world, d.storageAccountId)).toEqual({ ok: true, value: { id: d.storageAccountId } });
    expect(scopeExists(d.world, d.containerId)).toBe(false);
    expect(Object.keys(d.world.data.blobContainers)).toHaveLength(0);
    expect(deleteStorageAccount(d.world, d.storageAccountId)).toEqual({ ok: true, value: { id: null } });
  });
});

describe('containers and blobs', () => {
  it('a container is an RBAC scope that exists while the container does', () => {
    const d = dataWorld();
    expect(scopeExists(d.world, d.containerId)).toBe(true);
    expect(scopeExists(d.world, d.containerId.replace('mycontainer', 'other'))).toBe(false);
    expect(deleteContainer(d.world, DATA.storageAccount, DATA.container).ok).toBe(true);
    expect(scopeExists(d.world, d.containerId)).toBe(false);
  });

  it('put overwrites, get is case-sensitive, list is sorted, delete removes', () => {
    const d = dataWorld();
    const a = DATA.storageAccount;
    const c = DATA.container;
    putBlob(d.world, { account: a, container: c, name: 'b.txt', content: 'one' });
    putBlob(d.world, { account: a, container: c, name: 'b.txt', content: 'two' });
    putBlob(d.world, { account: a, container: c, name: 'constructor', content: 'fine' });
    const two = getBlob(d.world, a, c, 'b.txt');
    expect(two.ok && blobText(two.value)).toBe('two');
    expect(getBlob(d.world, a, c, 'B.TXT')).toEqual({ ok: false, error: { code: 'BlobNotFound', message: 'The specified blob does not exist.' } });
    const listed = listBlobs(d.world, a, c);
    expect(listed.ok && listed.value.map((b) => b.name)).toEqual(['b.txt', 'constructor', 'hello.txt']);
    expect(deleteBlob(d.world, a, c, 'b.txt').ok).toBe(true);
    expect(deleteBlob(d.world, a, c, 'b.txt').ok).toBe(false);
  });

  it('uses Storage’s error codes', () => {
    const d = dataWorld();
    expect(getBlob(d.world, DATA.storageAccount, 'nope', 'x')).toEqual({ ok: false, error: { code: 'ContainerNotFound', message: 'The specified container does not exist.' } });
    expect(createContainer(d.world, DATA.storageAccount, DATA.container)).toEqual({
      ok: false,
      error: { code: 'ContainerAlreadyExists', message: 'The specified container already exists.' },
    });
    expect(createContainer(d.world, DATA.storageAccount, 'Bad_Name').ok).toBe(false);
  });
});

describe('blob bytes (issue 16)', () => {
  it('binary content round-trips byte for byte, in pieces, with ranged reads', () => {
    const d = dataWorld();
    const a = DATA.storageAccount;
    const c = DATA.container;
    const bytes = new Uint8Array(PIECE_BYTES * 2 + 1000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 255;
    const put = putBlob(d.world, { account: a, container: c, name: 'bin', content: bytes });
    expect(put.ok && put.value.size).toBe(bytes.length);
    expect(put.ok && put.value.blocks[0]!.data.pieces).toHaveLength(3);
    const got = getBlob(d.world, a, c, 'bin');
    if (!got.ok) throw new Error('missing');
    // Buffer.equals: vitest's deep equality walks 8 MB element by element for minutes.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(readBlob(got.value), bytes)).toBe(true);
    const from = PIECE_BYTES - 5;
    expect(readBlob(got.value, from, from + 10)).toEqual(bytes.subarray(from, from + 10));
    expect(readBlob(got.value, bytes.length - 3, bytes.length + 50)).toEqual(bytes.subarray(bytes.length - 3));
  });

  it('staged blocks are invisible until committed; the commit drops the rest', () => {
    const d = dataWorld();
    const at = { account: DATA.storageAccount, container: DATA.container, blob: 'big' };
    stageBlock(d.world, { ...at, blockId: 'QUFB', content: new Uint8Array([1, 2]) });
    stageBlock(d.world, { ...at, blockId: 'QkJC', content: new Uint8Array([3]) });
    expect(getBlob(d.world, at.account, at.container, 'big').ok).toBe(false);
    expect(stageBlock(d.world, { ...at, blockId: 'QUFBQQ==', content: new Uint8Array([9]) })).toMatchObject({ ok: false, error: { code: 'InvalidBlobOrBlock' } });
    const listed = getBlockList(d.world, at.account, at.container, 'big');
    expect(listed.ok && listed.value.uncommitted).toEqual([{ id: 'QUFB', size: 2 }, { id: 'QkJC', size: 1 }]);
    expect(commitBlockList(d.world, { ...at, blocks: [{ id: 'QkJC', list: 'committed' }] })).toMatchObject({ ok: false, error: { code: 'InvalidBlockList' } });
    const done = commitBlockList(d.world, { ...at, blocks: [{ id: 'QkJC', list: 'latest' }, { id: 'QUFB', list: 'uncommitted' }] });
    if (!done.ok) throw new Error(done.error.message);
    expect(readBlob(done.value)).toEqual(new Uint8Array([3, 1, 2]));
    const after = getBlockList(d.world, at.account, at.container, 'big');
    expect(after.ok && after.value).toMatchObject({ committed: [{ id: 'QkJC', size: 1 }, { id: 'QUFB', size: 2 }], uncommitted: [] });
  });
});
