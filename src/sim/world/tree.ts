/**
 * The resource tree: management group › subscription › resource group › resource › child scope.
 * Answers "does this scope exist?" and "what is this scope's parent?" (a subscription's parent is
 * its management-group chain, then "/"), which RBAC needs and string surgery alone cannot know.
 */
import type { ResourceGroup, Subscription } from './schema';
import { keyOf, managementGroupId, parseResourceId } from './arm-id';
import type { World } from './world';

const MG_SCOPE = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i;
const SUB_SCOPE = /^\/subscriptions\/([^/]+)$/i;
const RG_SCOPE = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)$/i;

export function findSubscription(world: World, subscriptionId: string): Subscription | null {
  return world.data.subscriptions[subscriptionId.toLowerCase()] ?? null;
}

export function findResourceGroup(world: World, subscriptionId: string, name: string): ResourceGroup | null {
  return world.data.resourceGroups[keyOf(`/subscriptions/${subscriptionId}/resourceGroups/${name}`)] ?? null;
}

/** Collections that hold top-level provider resources, by lower-cased provider type. */
function resourceCollection(world: World, providerType: string): Record<string, { id: string }> | null {
  switch (providerType.toLowerCase()) {
    case 'microsoft.compute/virtualmachines':
      return world.data.virtualMachines;
    case 'microsoft.managedidentity/userassignedidentities':
      return world.data.userAssignedIdentities;
    case 'microsoft.storage/storageaccounts':
      return world.data.storageAccounts;
    case 'microsoft.keyvault/vaults':
      return world.data.keyVaults;
    default:
      return null;
  }
}

/** Finds any top-level resource by ARM id (case-insensitive). */
export function findResource(world: World, id: string): { id: string } | null {
  const parsed = parseResourceId(id);
  if (!parsed) return null;
  return resourceCollection(world, parsed.providerType)?.[keyOf(id)] ?? null;
}

/**
 * Whether a scope names something that exists. Child scopes below a resource (a blob container,
 * a secret) exist when their resource does and, for containers, when the container does.
 */
export function scopeExists(world: World, scope: string): boolean {
  if (scope === '/') return true;
  const mg = MG_SCOPE.exec(scope);
  if (mg) return world.data.managementGroups[mg[1]!.toLowerCase()] !== undefined;
  const sub = SUB_SCOPE.exec(scope);
  if (sub) return findSubscription(world, sub[1]!) !== null;
  const rg = RG_SCOPE.exec(scope);
  if (rg) return findResourceGroup(world, rg[1]!, rg[2]!) !== null;
  const key = keyOf(scope);
  if (world.data.blobContainers[key]) return true;
  const top = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)(\/.*)?$/i.exec(scope);
  if (!top) return false;
  const resource = findResource(world, top[1]!);
  if (!resource) return false;
  const rest = top[2];
  if (rest === undefined) return true;
  // A container scope must name an existing container; other child scopes (secrets, blob
  // services) are accepted wherever the resource exists, as ARM does for extension scopes.
  if (/\/blobServices\/default\/containers\/[^/]+$/i.test(rest)) return false;
  return true;
}

/** The management-group chain above a subscription, nearest first, ending at "/". */
function managementGroupChain(world: World, mgName: string | null): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current = mgName;
  while (current !== null && !seen.has(current.toLowerCase())) {
    seen.add(current.toLowerCase());
    const mg = world.data.managementGroups[current.toLowerCase()];
    if (!mg) break;
    chain.push(managementGroupId(mg.name));
    current = mg.parent;
  }
  chain.push('/');
  return chain;
}

/**
 * The parent of a subscription or management-group scope in this world, for the RBAC index's
 * ancestry walk. Returns undefined for scopes whose parent is plain string structure.
 */
export function parentOfScope(world: World, scope: string): string | undefined {
  const sub = SUB_SCOPE.exec(scope);
  if (sub) {
    const s = findSubscription(world, sub[1]!);
    return managementGroupChain(world, s?.managementGroup ?? null)[0];
  }
  const mg = MG_SCOPE.exec(scope);
  if (mg) {
    const node = world.data.managementGroups[mg[1]!.toLowerCase()];
    return node?.parent ? managementGroupId(node.parent) : '/';
  }
  return undefined;
}

/** Every resource id (lower-cased keys) inside a resource group. */
export function resourcesInGroup(world: World, rgId: string): string[] {
  const prefix = keyOf(rgId) + '/';
  const collections = [
    world.data.virtualMachines,
    world.data.userAssignedIdentities,
    world.data.storageAccounts,
    world.data.keyVaults,
  ];
  return collections.flatMap((c) => Object.keys(c).filter((k) => k.startsWith(prefix)));
}
