/**
 * Key vaults (ARM resources). A vault uses either the Azure RBAC permission model
 * (`enableRbacAuthorization: true`, Key Vault roles decide) or access policies (the vault's own
 * list decides), rbac-arm.md §5.1. Vault names are global.
 */
import { errors, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { isGuid } from '../ids';
import { keyOf, parseResourceId, providerResourceId, VAULT_TYPE } from '../world/arm-id';
import { requireResourceGroup } from '../world/resource-groups';
import { removeResources } from '../removal/remove-resources';
import { AccessPolicySchema, type AccessPolicy, type KeyVault } from '../world/schema';
import type { World } from '../world/world';
import * as v from 'valibot';
import { optionalTags, parseInput, requireStrings, show } from '../input';

/** Key Vault's rule: 3–24 characters, letters, digits and hyphens, starting with a letter, no "--", not ending in a hyphen. */
const VAULT_NAME = /^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;

export function findVaultByName(world: World, name: string): KeyVault | null {
  if (typeof name !== 'string') return null;
  const want = name.toLowerCase();
  return Object.values(world.data.keyVaults).find((v) => v.name.toLowerCase() === want) ?? null;
}

export function createKeyVault(
  world: World,
  input: {
    subscriptionId: string;
    resourceGroup: string;
    name: string;
    location?: string;
    enableRbacAuthorization?: boolean;
    accessPolicies?: AccessPolicy[];
    tags?: Record<string, string>;
  },
): Result<{ vault: KeyVault; created: boolean }> {
  const checked = parseInput(
    v.object({
      subscriptionId: v.string(),
      resourceGroup: v.string(),
      name: v.unknown(),
      location: v.optional(v.string()),
      enableRbacAuthorization: v.optional(v.boolean()),
      accessPolicies: v.optional(v.array(AccessPolicySchema)),
      tags: optionalTags,
    }),
    input,
    'key vault',
  );
  if (!checked.ok) return checked;
  const rg = requireResourceGroup(world, input.subscriptionId, input.resourceGroup);
  if (!rg.ok) return rg;
  if (typeof input.name !== 'string' || !VAULT_NAME.test(input.name)) {
    return errors.invalidResourceName(
      'vault',
      show(input.name),
      'Vault names are 3-24 characters of letters, digits and hyphens, start with a letter, end with a letter or digit and contain no consecutive hyphens.',
    );
  }
  for (const p of input.accessPolicies ?? []) {
    if (!isGuid(p.objectId)) return errors.invalidParameter(`Access policy objectId '${show(p.objectId)}' is not a GUID.`);
  }
  const id = providerResourceId(rg.value.id.split('/')[2]!, rg.value.name, VAULT_TYPE, input.name);
  const existing = world.data.keyVaults[keyOf(id)];
  if (existing) {
    if (input.tags) existing.tags = { ...input.tags };
    if (input.enableRbacAuthorization !== undefined) existing.properties.enableRbacAuthorization = input.enableRbacAuthorization;
    if (input.accessPolicies) existing.properties.accessPolicies = structuredClone(input.accessPolicies);
    world.commit([]);
    return ok({ vault: existing, created: false });
  }
  if (findVaultByName(world, input.name)) return errors.vaultNameTaken(input.name);
  const vault: KeyVault = {
    id,
    name: input.name,
    type: VAULT_TYPE,
    location: input.location ?? rg.value.location,
    ...(input.tags ? { tags: { ...input.tags } } : {}),
    properties: {
      tenantId: world.tenantId,
      sku: { family: 'A', name: 'standard' },
      accessPolicies: structuredClone(input.accessPolicies ?? []),
      // RBAC model unless asked otherwise: it is the model the Key Vault roles act on. The
      // Key Vault tutorial uses access policies, so that model stays selectable.
      enableRbacAuthorization: input.enableRbacAuthorization ?? true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      vaultUri: `https://${input.name.toLowerCase()}.vault.azure.net/`,
      provisioningState: 'Succeeded',
    },
  };
  world.data.keyVaults[keyOf(id)] = vault;
  world.commit([{ type: 'keyVault.created', id }]);
  return ok({ vault, created: true });
}

export function getKeyVault(world: World, id: string): Result<KeyVault> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const parsed = parseResourceId(id);
  if (!parsed || parsed.providerType.toLowerCase() !== VAULT_TYPE.toLowerCase()) {
    return errors.invalidParameter(`'${id}' is not a key vault id.`);
  }
  const rg = requireResourceGroup(world, parsed.subscriptionId, parsed.resourceGroup);
  if (!rg.ok) return rg;
  const vault = world.data.keyVaults[keyOf(id)];
  return vault ? ok(vault) : errors.resourceNotFound(`${VAULT_TYPE}/${parsed.name}`, parsed.resourceGroup);
}

export function deleteKeyVault(world: World, id: string): Result<{ id: string | null }> {
  const args = requireStrings({ id });
  if (!args.ok) return args;
  const vault = world.data.keyVaults[keyOf(id)];
  if (!vault) return ok({ id: null });
  const events: WorldEventBody[] = [];
  removeResources(world, [keyOf(vault.id)], events);
  world.commit(events, { rbac: true });
  return ok({ id: vault.id });
}

/**
 * Whether a vault's access policies give a principal a secret permission (`get`, `list`, `set`…).
 * Only meaningful for vaults on the access-policy model; RBAC-model vaults ignore policies.
 */
export function accessPolicyAllows(vault: KeyVault, objectId: string, permission: string): boolean {
  const id = objectId.toLowerCase();
  const want = permission.toLowerCase();
  return vault.properties.accessPolicies.some(
    (p) => p.objectId.toLowerCase() === id && (p.permissions.secrets ?? []).some((s) => s.toLowerCase() === want || s.toLowerCase() === 'all'),
  );
}
