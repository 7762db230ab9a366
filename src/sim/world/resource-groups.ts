/** Resource groups: create (PUT is create-or-update), get, list. Deleting one with everything inside is in removal/. */
import { errors, ok, type Result } from '../errors';
import { keyOf, resourceGroupId } from './arm-id';
import type { ResourceGroup } from './schema';
import { findResourceGroup, findSubscription } from './tree';
import type { World } from './world';
import * as v from 'valibot';
import { optionalTags, parseInput, requireStrings, show } from '../input';

/** ARM's resource-group name rule: 1–90 of letters, digits, `_ ( ) - .`, not ending in a period. */
const RG_NAME = /^[-\w.()\p{L}\p{N}]{1,90}$/u;

const RG_INPUT = v.object({ subscriptionId: v.string(), name: v.unknown(), location: v.unknown(), tags: optionalTags });

export function checkResourceGroupName(name: unknown): Result<string> {
  if (typeof name !== 'string' || !RG_NAME.test(name) || name.endsWith('.')) {
    return errors.invalidResourceName(
      'resource group',
      show(name),
      'Names are 1-90 characters of letters, digits, underscores, parentheses, hyphens and periods, and cannot end in a period.',
    );
  }
  return ok(name);
}

export function createResourceGroup(
  world: World,
  input: { subscriptionId: string; name: string; location: string; tags?: Record<string, string> },
): Result<{ resourceGroup: ResourceGroup; created: boolean }> {
  const checked = parseInput(RG_INPUT, input, 'resource group');
  if (!checked.ok) return checked;
  if (!findSubscription(world, input.subscriptionId)) return errors.subscriptionNotFound(input.subscriptionId);
  const name = checkResourceGroupName(input.name);
  if (!name.ok) return name;
  if (typeof input.location !== 'string' || input.location.trim() === '') {
    return errors.invalidParameter("The 'location' property is required for a resource group.");
  }
  const existing = findResourceGroup(world, input.subscriptionId, input.name);
  if (existing) {
    if (existing.location.toLowerCase() !== input.location.toLowerCase()) {
      // ARM's real code and text for a PUT that changes an existing group's location.
      return {
        ok: false,
        error: {
          code: 'InvalidResourceGroupLocation',
          message: `Invalid resource group location '${input.location}'. The Resource group already exists in location '${existing.location}'.`,
        },
      };
    }
    if (input.tags) existing.tags = { ...input.tags };
    world.commit([]);
    return ok({ resourceGroup: existing, created: false });
  }
  const sub = findSubscription(world, input.subscriptionId)!;
  const rg: ResourceGroup = {
    id: resourceGroupId(sub.subscriptionId, input.name),
    name: input.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: input.location,
    ...(input.tags ? { tags: { ...input.tags } } : {}),
    properties: { provisioningState: 'Succeeded' },
  };
  world.data.resourceGroups[keyOf(rg.id)] = rg;
  world.commit([{ type: 'resourceGroup.created', id: rg.id }]);
  return ok({ resourceGroup: rg, created: true });
}

export function getResourceGroup(world: World, subscriptionId: string, name: string): Result<ResourceGroup> {
  const args = requireStrings({ subscriptionId, name });
  if (!args.ok) return args;
  if (!findSubscription(world, subscriptionId)) return errors.subscriptionNotFound(subscriptionId);
  return requireResourceGroup(world, subscriptionId, name);
}

/** The resource group or ARM's 404 (used by every resource create). */
export function requireResourceGroup(world: World, subscriptionId: string, name: string): Result<ResourceGroup> {
  const args = requireStrings({ subscriptionId, name });
  if (!args.ok) return args;
  if (!findSubscription(world, subscriptionId)) return errors.subscriptionNotFound(subscriptionId);
  const rg = findResourceGroup(world, subscriptionId, name);
  return rg ? ok(rg) : errors.resourceGroupNotFound(name);
}

export function listResourceGroups(world: World, subscriptionId: string): Result<ResourceGroup[]> {
  const args = requireStrings({ subscriptionId });
  if (!args.ok) return args;
  if (!findSubscription(world, subscriptionId)) return errors.subscriptionNotFound(subscriptionId);
  const prefix = `/subscriptions/${subscriptionId.toLowerCase()}/resourcegroups/`;
  return ok(Object.entries(world.data.resourceGroups).filter(([k]) => k.startsWith(prefix)).map(([, rg]) => rg));
}

