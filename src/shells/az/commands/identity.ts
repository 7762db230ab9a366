/**
 * `az identity create | show | list | delete` (azure-cli command_modules/identity, an aaz-generated
 * module over Microsoft.ManagedIdentity 2024-11-30). A delete prints nothing.
 */
import type { AzContext } from '../cli/context';
import { API, armGet, armList, armRequest, subscriptionId } from '../cli/arm';
import { addCommand, addGroup, type ArgValues, type CommandLoader } from '../cli/types';
import { groupPath, LOCATION, OPTIONAL_RESOURCE_GROUP, RESOURCE_GROUP, TAGS, tagsOf } from './common';

/**
 * The identity as the aaz-generated command prints it: `properties` flattened to the top, with
 * `systemData` (null when ARM sent none) — the shape of the 2025–2026 captures in az-cli.md §5.3.
 */
export function identityModel(wire: unknown): unknown {
  if (!wire || typeof wire !== 'object') return wire;
  const { properties, ...top } = wire as Record<string, unknown>;
  return { systemData: null, ...top, ...((properties as Record<string, unknown> | undefined) ?? {}) };
}

const NAME = { dest: 'name', options: ['--name', '-n'], required: true, help: 'The name of the identity resource.' } as const;

async function identityPath(ctx: AzContext, a: ArgValues): Promise<string> {
  return `${await groupPath(ctx, String(a.resource_group))}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${encodeURIComponent(String(a.name))}`;
}

export const loadIdentity: CommandLoader = (t) => {
  addGroup(t, 'identity', 'Manage Managed Identity.');
  addCommand(t, {
    name: 'identity create',
    summary: 'Create an identity in the specified subscription and resource group.',
    args: [RESOURCE_GROUP, NAME, LOCATION, TAGS],
    examples: [{ summary: 'Create an identity.', command: 'az identity create --name MyIdentity --resource-group MyResourceGroup' }],
    run: async (ctx, a) => {
      let location = typeof a.location === 'string' ? a.location : undefined;
      if (!location) {
        // The CLI defaults the location to the resource group's (`get_default_location_from_resource_group`).
        const group = (await armGet(ctx, await groupPath(ctx, String(a.resource_group)), API.resources)) as { location?: string };
        location = group.location;
      }
      const { body } = await armRequest(ctx, {
        method: 'PUT',
        path: await identityPath(ctx, a),
        apiVersion: API.msi,
        body: { location, tags: tagsOf(a.tags) },
      });
      return identityModel(body);
    },
  });
  addCommand(t, {
    name: 'identity show',
    summary: 'Get the identity.',
    args: [RESOURCE_GROUP, NAME],
    run: async (ctx, a) => identityModel(await armGet(ctx, await identityPath(ctx, a), API.msi)),
  });
  addCommand(t, {
    name: 'identity list',
    summary: 'List all the userAssignedIdentities available under the specified ResourceGroup.',
    args: [OPTIONAL_RESOURCE_GROUP],
    run: async (ctx, a) => {
      const base = typeof a.resource_group === 'string' ? await groupPath(ctx, a.resource_group) : `/subscriptions/${await subscriptionId(ctx)}`;
      return (await armList(ctx, `${base}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, API.msi)).map(identityModel);
    },
  });
  addCommand(t, {
    name: 'identity delete',
    summary: 'Delete the identity.',
    args: [RESOURCE_GROUP, NAME],
    run: async (ctx, a) => {
      await armRequest(ctx, { method: 'DELETE', path: await identityPath(ctx, a), apiVersion: API.msi });
      return null;
    },
  });
};
