import { describe, expect, it } from 'vitest';
import {
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
    expect(getBlob(d.world, a, c, 'b.txt')).toMatchObject({ ok: true, value: { content: 'two' } });
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
