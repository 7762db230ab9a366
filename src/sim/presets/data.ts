/**
 * The data-plane tutorials' world: the quickstart plus a storage account with container
 * `mycontainer` holding `hello.txt` ("Hello world! :)", the storage tutorial's blob) and an
 * RBAC-model key vault with secret `mySecret` (the Key Vault tutorial's value).
 */
import { setSecret } from '../keyvault/secrets';
import { createKeyVault } from '../keyvault/vaults';
import { createStorageAccount } from '../storage/accounts';
import { createContainer, putBlob } from '../storage/blobs';
import { must, type NewWorldOptions } from '../world/create';
import { quickstartWorld, QUICKSTART, type QuickstartWorld } from './quickstart';

export const DATA = {
  storageAccount: 'mysandboxstorage',
  container: 'mycontainer',
  blob: 'hello.txt',
  blobContent: 'Hello world! :)',
  keyVault: 'mySandboxVault',
  secret: 'mySecret',
  secretValue: 'p@ssw0rd!',
} as const;

export interface DataWorld extends QuickstartWorld {
  storageAccountId: string;
  containerId: string;
  keyVaultId: string;
}

export function dataWorld(opts: NewWorldOptions = {}): DataWorld {
  const base = quickstartWorld(opts);
  const { world, subscriptionId } = base;
  const rg = QUICKSTART.resourceGroup;
  const { account } = must(createStorageAccount(world, { subscriptionId, resourceGroup: rg, name: DATA.storageAccount }), 'storage account');
  const container = must(createContainer(world, DATA.storageAccount, DATA.container), 'container');
  must(putBlob(world, { account: DATA.storageAccount, container: DATA.container, name: DATA.blob, content: DATA.blobContent, contentType: 'text/plain' }), 'blob');
  const { vault } = must(createKeyVault(world, { subscriptionId, resourceGroup: rg, name: DATA.keyVault, enableRbacAuthorization: true }), 'key vault');
  must(setSecret(world, { vault: DATA.keyVault, name: DATA.secret, value: DATA.secretValue }), 'secret');
  return { ...base, storageAccountId: account.id, containerId: container.id, keyVaultId: vault.id };
}
