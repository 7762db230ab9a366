/**
 * `az group show | list | exists`: the resource module's group commands
 * (azure-cli command_modules/resource/custom.py, _format.py `transform_resource_group_list`).
 */
import { API, armGet, armList, armRequest, subscriptionId } from '../cli/arm';
import { addCommand, addGroup, type CommandLoader } from '../cli/types';

/** The SDK's ResourceGroup model as a dict: every field, None where ARM sent nothing (spec §5.1 capture). */
function groupModel(wire: unknown): unknown {
  if (!wire || typeof wire !== 'object') return wire;
  return { managedBy: null, tags: null, ...(wire as Record<string, unknown>) };
}

const NAME = {
  dest: 'name',
  options: ['--name', '-n', '--resource-group', '-g'],
  required: true,
  help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.',
} as const;

export const loadGroup: CommandLoader = (t) => {
  addGroup(t, 'group', 'Manage resource groups and template deployments.');
  addCommand(t, {
    name: 'group show',
    summary: 'Gets a resource group.',
    args: [NAME],
    run: async (ctx, a) => groupModel(await armGet(ctx, `/subscriptions/${await subscriptionId(ctx)}/resourcegroups/${encodeURIComponent(String(a.name))}`, API.resources)),
  });
  addCommand(t, {
    name: 'group list',
    summary: 'List resource groups.',
    args: [{ dest: 'tag', options: ['--tag'], help: "A single tag in 'key[=value]' format. Use \"\" to clear existing tags." }],
    examples: [{ summary: 'List all resource groups located in the West US region.', command: 'az group list --query "[?location==\'westus\']"' }],
    tableTransform: (result) =>
      (result as Record<string, unknown>[]).map((r) => ({
        Name: r.name,
        Location: r.location,
        Status: (r.properties as { provisioningState?: unknown } | undefined)?.provisioningState,
      })),
    run: async (ctx) => (await armList(ctx, `/subscriptions/${await subscriptionId(ctx)}/resourcegroups`, API.resources)).map(groupModel),
  });
  addCommand(t, {
    name: 'group exists',
    summary: 'Check if a resource group exists.',
    args: [NAME],
    run: async (ctx, a) => {
      const r = await armRequest(ctx, {
        method: 'HEAD',
        path: `/subscriptions/${await subscriptionId(ctx)}/resourcegroups/${encodeURIComponent(String(a.name))}`,
        apiVersion: API.resources,
        ok: [204, 404],
      });
      return r.status === 204;
    },
  });
};
