/**
 * Argument definitions and id helpers several command modules share, worded as azure-cli's
 * (azure-cli-core commands/parameters.py `resource_group_name_type`, `get_location_type`, …).
 */
import type { AzContext } from '../cli/context';
import { subscriptionId } from '../cli/arm';
import type { ArgDef } from '../cli/types';

export const RESOURCE_GROUP: ArgDef = {
  dest: 'resource_group',
  options: ['--resource-group', '-g'],
  required: true,
  help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.',
};

export const OPTIONAL_RESOURCE_GROUP: ArgDef = { ...RESOURCE_GROUP, required: false };

export const LOCATION: ArgDef = {
  dest: 'location',
  options: ['--location', '-l'],
  help: 'Location. Values from: `az account list-locations`. You can configure the default location using `az configure --defaults location=<location>`.',
};

export const TAGS: ArgDef = {
  dest: 'tags',
  options: ['--tags'],
  many: true,
  help: 'Space-separated tags: key[=value] [key[=value] ...]. Use "" to clear existing tags.',
};

export function tagsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const item of value as string[]) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) out[item] = '';
    else out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** `/subscriptions/{sub}/resourceGroups/{rg}` in the signed-in subscription. */
export async function groupPath(ctx: AzContext, resourceGroup: string): Promise<string> {
  return `/subscriptions/${await subscriptionId(ctx)}/resourceGroups/${encodeURIComponent(resourceGroup)}`;
}

/** msrestazure.tools.is_valid_resource_id, loosely: a full ARM id. */
export function isResourceId(value: string): boolean {
  return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(value);
}

export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
