/**
 * Az.Resources: Get-AzResourceGroup (spec/az-cli.md §6.5; ResourceManagerSdkClient.cs, ResourceManager.format.ps1xml).
 */
import { arg, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSHashtable, PSObject } from '../../runtime/values';
import { ARM_RESOURCE, armList, armUrl, requireContext, requireSubscription, send } from './az-context';

// Resource groups through the Resources provider; one of the versions ARM lists for it.
const RESOURCES_API = '2021-04-01';
export const PS_RESOURCE_GROUP = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroup';
const COMMON = { name: 'DefaultProfile', type: 'object' as const, aliases: ['AzContext', 'AzureRmContext', 'AzureCredential'] };

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
    COMMON,
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
