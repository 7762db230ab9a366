/**
 * `az resource list`: the resource module's generic list (azure-cli command_modules/resource/custom.py
 * `list_resources` and `_list_resources_odata_filter_builder`; commands.py `transform_resource_list`).
 * Like the CLI it always lists the subscription and narrows with `$filter`, `-g` included.
 */
import { API, armGet, armList, subscriptionId } from '../cli/arm';
import { AzCliError } from '../cli/errors';
import { addCommand, addGroup, type CommandLoader } from '../cli/types';
import { LOCATION, OPTIONAL_RESOURCE_GROUP } from './common';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** custom.py `_list_resources_odata_filter_builder` (without --tag, which the sandbox does not take). */
export function resourceListFilter(a: { resource_group?: string; name?: string; location?: string; resource_type?: string; namespace?: string }): string {
  const filters: string[] = [];
  if (a.resource_group) filters.push(`resourceGroup eq '${a.resource_group}'`);
  if (a.name) filters.push(`name eq '${a.name}'`);
  if (a.location) filters.push(`location eq '${a.location}'`);
  if (a.resource_type) {
    if (a.namespace) filters.push(`resourceType eq '${a.namespace}/${a.resource_type}'`);
    else if (!/[^/]+\/[^/]+/.test(a.resource_type)) throw new AzCliError('Malformed resource-type: --resource-type=<namespace>/<resource-type> expected.');
    else filters.push(`resourceType eq '${a.resource_type}'`);
  } else if (a.namespace) throw new AzCliError('--namespace also requires --resource-type');
  return filters.join(' and ');
}

/** GenericResourceExpanded as the SDK's dict: every field, None where ARM sent nothing. */
function resourceModel(wire: Record<string, unknown>): Record<string, unknown> {
  return {
    changedTime: null, createdTime: null, extendedLocation: null, identity: null, kind: null, managedBy: null,
    plan: null, properties: null, provisioningState: null, sku: null, tags: null, ...wire,
  };
}

export const loadResource: CommandLoader = (t) => {
  addGroup(t, 'resource', 'Manage Azure resources.');
  addCommand(t, {
    name: 'resource list',
    summary: 'List resources.',
    args: [
      OPTIONAL_RESOURCE_GROUP,
      { dest: 'name', options: ['--name', '-n'], help: 'The resource name. (Ex: myC).' },
      { dest: 'resource_type', options: ['--resource-type'], help: 'The resource type (Ex: \'resC\'). Can also accept namespace/type format (Ex: \'Microsoft.Provider/resC\').' },
      { dest: 'namespace', options: ['--namespace'], help: 'Provider namespace (Ex: \'Microsoft.Provider\').' },
      LOCATION,
    ],
    examples: [{ summary: 'List all resources in a resource group.', command: 'az resource list -g MyResourceGroup' }],
    // commands.py transform_resource_list: a generic resource has no provisioningStatus, so Status is ' '.
    tableTransform: (result) =>
      (result as Record<string, unknown>[]).map((r) => ({ Name: r.name, ResourceGroup: r.resourceGroup, Location: r.location, Type: r.type, Status: ' ' })),
    run: async (ctx, a) => {
      const args = { resource_group: str(a.resource_group), name: str(a.name), location: str(a.location), resource_type: str(a.resource_type), namespace: str(a.namespace) };
      const sub = await subscriptionId(ctx);
      const filter = resourceListFilter(args);
      // list_resources checks the group first, so a missing one is ResourceGroupNotFound, not an empty list.
      if (args.resource_group) await armGet(ctx, `/subscriptions/${sub}/resourcegroups/${encodeURIComponent(args.resource_group)}`, API.resources);
      const query: Record<string, string> = { ...(filter ? { $filter: filter } : {}), $expand: 'createdTime,changedTime,provisioningState' };
      return (await armList(ctx, `/subscriptions/${sub}/resources`, API.resources, query)).map(resourceModel);
    },
  });
};
