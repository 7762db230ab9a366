/** Storage accounts (ARM resources). Names are global across Azure, so unique across the world. */
import { errors, ok, type Result } from '../errors';
import { keyOf, parseResourceId, providerResourceId, STORAGE_TYPE } from '../world/arm-id';
import { requireResourceGroup } from '../world/resource-groups';
import { removeResources } from '../removal/remove-resources';
import type { StorageAccount } from '../world/schema';
import type { World } from '../world/world';
import type { WorldEventBody } from '../events';
import * as v from 'valibot';
import { optionalTags, parseInput, requireStrings, show } from '../input';

/** Storage's rule: 3–24 lower-case letters and digits. */
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

export function findStorageAccountByName(world: World, name: string): StorageAccount | null {
  if (typeof name !== 'string') return null;
  const want = name.toLowerCase();
  return Object.values(world.data.storageAccounts).find((a) => a.name === want) ?? null;
}

export function createStorageAccount(
  world: World,
  input: { subscriptionId: string; resourceGroup: string; name: string; location?: string; tags?: Record<string, string> },
): Result<{ account: StorageAccount; created: boolean }> {
  const checked = parseInput(
    v.object({ subscriptionId: v.string(), resourceGroup: v.string(), name: v.unknown(), location: v.optional(v.string()), tags: optionalTags }),
    input,
    'storage account',
  );
  if (!checked.ok) return checked;
  const rg = requireResourceGroup(world, input.subscriptionId, input.resourceGroup);
  if (!rg.ok) return rg;
  if (typeof input.name !== 'string' || !ACCOUNT_NAME.test(input.name)) {
    // Storage's real code for this; the message is its published wording.
    return {
      ok: false,
      error: {
        code: 'AccountNameInvalid',
        message: `${show(input.name)} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
      },
    };
  }
  const id = providerResourceId(rg.value.id.split('/')[2]!, rg.value.name, STORAGE_TYPE, input.name);
  const existing = world.data.storageAccounts[keyOf(id)];
  if (existing) {
    if (input.tags) existing.tags = { ...input.tags };
    world.commit([]);
    return ok({ account: existing, created: false });
  }
  if (findStorageAccountByName(world, input.name)) return errors.storageAccountNameTaken(input.name);
  const endpoint = (svc: string) => `https://${input.name}.${svc}.core.windows.net/`;
  const account: StorageAccount = {
    id,
    name: input.name,
    type: STORAGE_TYPE,
    location: input.location ?? rg.value.location,
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    ...(input.tags ? { tags: { ...input.tags } } : {}),
    properties: {
      provisioningState: 'Succeeded',
      creationTime: new Date(world.now()).toISOString(),
      allowSharedKeyAccess: true,
      primaryEndpoints: {
        blob: endpoint('blob'),
        queue: endpoint('queue'),
        table: endpoint('table'),
        file: endpoint('file'),
        dfs: endpoint('dfs'),
        web: `https://${input.name}.z13.web.core.windows.net/`,
      },
    },
  };
  world.data.storageAccounts[keyOf(id)] = account;
  world.commit([{ type: 'storage.accountCreated', id }]);
  return ok({ account, created: true });
}

export function getStorageAccount(world: World, id: string): Result<StorageAccount> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const parsed = parseResourceId(id);
  if (!parsed || parsed.providerType.toLowerCase() !== STORAGE_TYPE.toLowerCase()) {
    return errors.invalidParameter(`'${id}' is not a storage account id.`);
  }
  const rg = requireResourceGroup(world, parsed.subscriptionId, parsed.resourceGroup);
  if (!rg.ok) return rg;
  const account = world.data.storageAccounts[keyOf(id)];
  return account ? ok(account) : errors.resourceNotFound(`${STORAGE_TYPE}/${parsed.name}`, parsed.resourceGroup);
}

export function deleteStorageAccount(world: World, id: string): Result<{ id: string | null }> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const account = world.data.storageAccounts[keyOf(id)];
  // ARM's DELETE of a missing resource is a 204, not an error.
  if (!account) return ok({ id: null });
  const events: WorldEventBody[] = [];
  removeResources(world, [keyOf(account.id)], events);
  world.commit(events, { rbac: true });
  return ok({ id: account.id });
}
