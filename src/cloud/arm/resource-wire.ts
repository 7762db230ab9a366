/** The generic resource shape of ARM's `…/resources` lists: id, name, type, location, tags, identity. */
import type { World } from '../../sim/index';

interface AnyResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  identity?: unknown;
  kind?: string;
  sku?: unknown;
}

/** Every hosted resource under a scope (a subscription or a resource group id), in ARM's generic form. */
export function resourcesUnderWire(world: World, scopeId: string) {
  const prefix = scopeId.toLowerCase().replace(/\/+$/, '') + '/';
  const collections: Record<string, AnyResource>[] = [
    world.data.virtualMachines,
    world.data.userAssignedIdentities,
    world.data.storageAccounts,
    world.data.keyVaults,
  ];
  return collections
    .flatMap((c) => Object.entries(c))
    .filter(([key]) => key.startsWith(prefix))
    .map(([, r]) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      ...(r.kind ? { kind: r.kind } : {}),
      ...(r.sku ? { sku: r.sku } : {}),
      location: r.location,
      ...(r.identity ? { identity: r.identity } : {}),
      tags: r.tags ?? {},
    }));
}
