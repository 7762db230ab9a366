/**
 * Az's format views (what Accounts.generated.format.ps1xml and ResourceManager.format.ps1xml give 5.1),
 * registered with the session with the module manifests so they apply from the first Az object on.
 * Sources: spec/az-cli.md §6.1 (PSAzureProfile, Az 12+ view), §6.3 (PSAzureContext grouped by tenant),
 * §6.5 (PSResourceGroup list); PSAzureSubscription's Name/Id/TenantId/State table is Accounts.generated.format.ps1xml.
 */
import type { ViewDef } from '../../format/views';
import type { PSObject } from '../../runtime/values';

const PROFILE = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureProfile';
const CONTEXT = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext';
const SUBSCRIPTION = 'Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription';
const RESOURCE_GROUP = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroup';

function member(o: PSObject | null | undefined, ...path: string[]): unknown {
  let v: unknown = o;
  for (const p of path) v = v && typeof v === 'object' && 'get' in v ? (v as PSObject).get(p) : null;
  return v ?? null;
}

/** `Name` when set, else `Id` (the views' script blocks for subscription and tenant). */
function nameOrId(o: PSObject, what: 'Subscription' | 'Tenant'): unknown {
  return member(o, 'Context', what, 'Name') ?? member(o, 'Context', what, 'Id');
}

export const AZ_VIEWS: { module: string; view: ViewDef }[] = [
  {
    module: 'Az.Accounts',
    view: {
      kind: 'table',
      typeName: PROFILE,
      columns: [
        { label: 'Subscription name', value: (o) => nameOrId(o, 'Subscription') },
        { label: 'Tenant', value: (o) => nameOrId(o, 'Tenant') },
      ],
    },
  },
  {
    module: 'Az.Accounts',
    view: {
      kind: 'table',
      typeName: CONTEXT,
      groupBy: (o) => {
        const id = String(member(o, 'Tenant', 'Id') ?? '');
        const name = member(o, 'Tenant', 'Name');
        return `\n   Tenant: ${name ? `${String(name)} (${id})` : id}\n\n`;
      },
      columns: [
        { label: 'SubscriptionName', value: (o) => member(o, 'Subscription', 'Name') },
        { label: 'SubscriptionId', value: (o) => member(o, 'Subscription', 'Id') },
        { label: 'Account', value: (o) => member(o, 'Account', 'Id') },
        { label: 'Environment', value: (o) => member(o, 'Environment', 'Name') },
      ],
    },
  },
  {
    module: 'Az.Accounts',
    view: { kind: 'table', typeName: SUBSCRIPTION, columns: [{ label: 'Name', value: 'Name' }, { label: 'Id', value: 'Id' }, { label: 'TenantId', value: 'TenantId' }, { label: 'State', value: 'State' }] },
  },
  {
    module: 'Az.Resources',
    view: {
      kind: 'list',
      typeName: RESOURCE_GROUP,
      entries: [{ label: 'ResourceGroupName', value: 'ResourceGroupName' }, { label: 'Location', value: 'Location' }, { label: 'ProvisioningState', value: 'ProvisioningState' }, { label: 'Tags', value: (o) => tagsTable(o.get('Tags')) }, { label: 'ResourceId', value: 'ResourceId' }],
    },
  },
];

/** ResourceManager's TagsTable: empty when there are no tags, else a Name/Value table under the label. */
function tagsTable(tags: unknown): string {
  const entries = tags && typeof tags === 'object' && 'entries' in tags ? [...(tags as { entries: Map<string, { name: unknown; value: unknown }> }).entries.values()] : [];
  if (!entries.length) return '';
  const width = Math.max(4, ...entries.map((e) => String(e.name).length));
  const lines = [`${'Name'.padEnd(width)}  Value`, `${'='.repeat(width)}  =====`, ...entries.map((e) => `${String(e.name).padEnd(width)}  ${String(e.value)}`)];
  return '\n' + lines.join('\n');
}
