/**
 * Az.Resources: Get-AzResourceGroup (spec/az-cli.md §6.5; ResourceManagerSdkClient.cs, ResourceManager.format.ps1xml)
 * and Get-AzResource (Implementation/Resource/GetAzureResourceCmdlet.cs).
 */
import { arg, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSHashtable, PSObject } from '../../runtime/values';
import { ARM_RESOURCE, armList, armUrl, failArm, requireContext, requireSubscription, send } from './az-context';
import { COMMON_PARAM } from './common-params';

// Resource groups through the Resources provider; one of the versions ARM lists for it.
const RESOURCES_API = '2021-04-01';
export const PS_RESOURCE_GROUP = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroup';

function resourceGroupObject(g: Record<string, unknown>): PSObject {
  const tags = new PSHashtable();
  for (const [k, v] of Object.entries((g.tags as Record<string, unknown> | null) ?? {})) tags.set(k, v);
  const o = PSObject.from(
    [
      ['ResourceGroupName', g.name],
      ['Location', g.location],
      ['ProvisioningState', (g.properties as { provisioningState?: string } | undefined)?.provisioningState ?? 'Succeeded'],
      ['Tags', tags.size ? tags : null],
      ['TagsTable', null],
      ['ResourceId', g.id],
      ['ManagedBy', g.managedBy ?? null],
    ],
    [PS_RESOURCE_GROUP, 'System.Object'],
  );
  return o;
}

/** en-US long time, as the "Provided resource group does not exist." prefix shows it (spec §6.5). */
function timeOfDay(d: Date): string {
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

export const getAzResourceGroup: CmdletDef = {
  name: 'Get-AzResourceGroup',
  className: 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzureResourceGroupCmdlet',
  synopsis: 'Gets resource groups.',
  params: [
    { name: 'Name', type: 'string', position: 0, aliases: ['ResourceGroupName'] },
    { name: 'Location', type: 'string', position: 1 },
    { name: 'Id', type: 'string', aliases: ['ResourceGroupId', 'ResourceId'] },
    { name: 'Tag', type: 'dictionary' },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const subscription = requireSubscription(call, context);
    const name = arg<string>(call, 'Name') ?? arg<string>(call, 'Id')?.split('/').pop();
    const location = arg<string>(call, 'Location');
    const base = `/subscriptions/${subscription.id}/resourcegroups`;
    if (name && !/[*?]/.test(name)) {
      const result = await send(call, context, 'GET', armUrl(`${base}/${encodeURIComponent(name)}`, RESOURCES_API), ARM_RESOURCE);
      if (result.status >= 400) {
        // ResourceManagerSdkClient turns any failure of this GET (404, and 403 too) into one non-terminating error.
        call.writeError({
          exceptionTypes: ['System.ArgumentException', 'System.SystemException'],
          message: `${timeOfDay(call.host.now())} - Provided resource group does not exist.`,
          category: 'NotSpecified',
          fullyQualifiedErrorId: 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzureResourceGroupCmdlet',
          unqualified: true,
        });
        return [];
      }
      return [resourceGroupObject(result.json as Record<string, unknown>)];
    }
    const all = await armList(call, context, base, RESOURCES_API, 'resources');
    const pattern = name ? wildcardToRegExp(name) : null;
    return all.filter((g) => (!pattern || pattern.test(String(g.name))) && (!location || String(g.location).toLowerCase() === location.toLowerCase())).map(resourceGroupObject);
  },
};

export const PS_RESOURCE = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResource';

/**
 * The api-version Get-AzResource uses for a type. Az asks the provider first (GET
 * /subscriptions/{id}/providers/{namespace}) and takes its newest stable version; the sandbox has no
 * providers endpoint, so this is that answer for the types it hosts (the newest each provider lists).
 */
const TYPE_API: Record<string, string> = {
  'microsoft.compute/virtualmachines': '2024-11-01',
  'microsoft.managedidentity/userassignedidentities': '2023-01-31',
  'microsoft.storage/storageaccounts': '2024-01-01',
  'microsoft.keyvault/vaults': '2024-11-01',
};

const groupOfId = (id: string): string | null => /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? null;

function resourceObject(r: Record<string, unknown>): PSObject {
  const tags = new PSHashtable();
  for (const [k, v] of Object.entries((r.tags as Record<string, unknown> | null) ?? {})) tags.set(k, v);
  const id = String(r.id ?? '');
  return PSObject.from(
    [
      ['Name', r.name ?? null],
      ['ResourceGroupName', groupOfId(id)],
      ['ResourceType', r.type ?? null],
      ['Location', r.location ?? null],
      ['ResourceId', id],
      ['Tags', tags.size ? tags : null],
      ['Identity', r.identity ?? null],
      ['Kind', r.kind ?? null],
      ['Sku', r.sku ?? null],
      ['Id', id],
    ],
    [PS_RESOURCE, 'System.Object'],
  );
}

export const getAzResource: CmdletDef = {
  name: 'Get-AzResource',
  className: 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.Implementation.GetAzureResourceCmdlet',
  synopsis: 'Gets resources.',
  params: [
    { name: 'Name', type: 'string', aliases: ['ResourceName'] },
    { name: 'ResourceType', type: 'string' },
    { name: 'ResourceGroupName', type: 'string' },
    { name: 'ResourceId', type: 'string', aliases: ['Id'] },
    { name: 'ApiVersion', type: 'string' },
    { name: 'ExpandProperties', type: 'switch' },
    { name: 'Tag', type: 'dictionary' },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const subscription = requireSubscription(call, context);
    const name = arg<string>(call, 'Name');
    const type = arg<string>(call, 'ResourceType');
    const rg = arg<string>(call, 'ResourceGroupName');
    let id = arg<string>(call, 'ResourceId');
    // GetAzureResourceCmdlet.ShouldConstructResourceId: all three given, no wildcard, a two-part type.
    if (!id && name && rg && type && !/^\*|\*$/.test(name) && !/^\*|\*$/.test(rg) && type.split('/').length === 2) {
      id = `/subscriptions/${subscription.id}/resourceGroups/${rg}/providers/${type}/${name}`;
    }
    if (id) {
      const idType = /\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(id)?.[1]?.toLowerCase() ?? '';
      const version = arg<string>(call, 'ApiVersion') ?? TYPE_API[idType] ?? RESOURCES_API;
      const result = await send(call, context, 'GET', armUrl(id, version), ARM_RESOURCE);
      if (result.status >= 400) failArm(call, result, 'resources');
      return [resourceObject(result.json as Record<string, unknown>)];
    }
    // An exact group is listed through its own URL; a wildcard one filters the subscription's list here.
    const wild = (v: string | undefined) => v !== undefined && /[*?]/.test(v);
    const base = rg && !wild(rg) ? `/subscriptions/${subscription.id}/resourceGroups/${encodeURIComponent(rg)}/resources` : `/subscriptions/${subscription.id}/resources`;
    // Az's QueryFilterBuilder sends an exact type as `resourceType EQ '…'` (recalled from
    // GetAzureResourceCmdlet's filter builder, not captured here); wildcards are matched client-side.
    const query: Record<string, string> = type && !wild(type) ? { $filter: `resourceType EQ '${type.replace(/'/g, "''")}'` } : {};
    const all = await armList(call, context, base, RESOURCES_API, 'resources', query);
    const matches = (pattern: string | undefined, value: unknown) => !pattern || wildcardToRegExp(pattern).test(String(value ?? ''));
    // Az sends -Tag as a tagName/tagValue $filter; the sandbox's list does not take that filter, so the
    // same test runs here: every given tag present (names case-insensitive), with its value when one is given.
    const tag = arg<PSHashtable>(call, 'Tag');
    const tagged = (r: Record<string, unknown>) => {
      if (!tag) return true;
      const have = new Map(Object.entries((r.tags as Record<string, unknown> | null) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      return [...tag.entries.values()].every(({ name: k, value: v }) => have.has(k.toLowerCase()) && (v === null || v === undefined || v === '' || have.get(k.toLowerCase()) === String(v)));
    };
    return all
      .filter((r) => matches(name, r.name) && matches(type, r.type) && (!wild(rg) || matches(rg, groupOfId(String(r.id ?? '')))) && tagged(r))
      .map(resourceObject);
  },
};
