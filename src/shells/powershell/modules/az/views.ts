/**
 * Az's format views (what Accounts.generated.format.ps1xml and ResourceManager.format.ps1xml give 5.1),
 * registered with the session with the module manifests so they apply from the first Az object on.
 * Sources: spec/az-cli.md §6.1 (PSAzureProfile, Az 12+ view), §6.3 (PSAzureContext grouped by tenant),
 * §6.5 (PSResourceGroup list); PSAzureSubscription's Name/Id/TenantId/State table is Accounts.generated.format.ps1xml.
 * Az.Compute (Compute.format.ps1xml, Compute.generated.format.ps1xml): PSVirtualMachineList's table
 * (ResourceGroupName left, the rest right-aligned) and PSVirtualMachine's custom view (FormatObject).
 * PSAzureOperationResponse has no view; its columns and alignment are those every docs capture shows
 * (`RequestId IsSuccessStatusCode StatusCode ReasonPhrase` / `True OK OK` right-aligned).
 * Az.ManagedServiceIdentity: `Location Name ResourceGroupName` (New-AzUserAssignedIdentity docs example).
 * PSResource: ResourceManager.format.ps1xml's list (Name, ResourceGroupName, ResourceType, Location,
 * ResourceId, Tags).
 */
import type { ViewDef } from '../../format/views';
import type { PSObject } from '../../runtime/values';
import { formatVm } from './vm-format';

const PROFILE = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureProfile';
const CONTEXT = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext';
const SUBSCRIPTION = 'Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription';
const RESOURCE_GROUP = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResourceGroup';
const RESOURCE = 'Microsoft.Azure.Commands.ResourceManager.Cmdlets.SdkModels.PSResource';
const VM = 'Microsoft.Azure.Commands.Compute.Models.PSVirtualMachine';
const VM_LIST = 'Microsoft.Azure.Commands.Compute.Models.PSVirtualMachineList';
const OPERATION_RESPONSE = 'Microsoft.Azure.Commands.Compute.Models.PSAzureOperationResponse';
const IDENTITY = 'Microsoft.Azure.PowerShell.Cmdlets.ManagedServiceIdentity.Models.Identity';
const SECRET_ITEM = 'Microsoft.Azure.Commands.KeyVault.Models.PSKeyVaultSecretIdentityItem';
const PS_STORAGE_BLOB = 'Microsoft.WindowsAzure.Commands.Common.Storage.ResourceModel.AzureStorageBlob';
const GRAPH_GROUP = 'Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10.MicrosoftGraphGroup';

/** The NIC column's script block: the last segment of each network interface id. */
function nicNames(o: PSObject): unknown {
  const nics = member(o, 'NetworkProfile', 'NetworkInterfaces');
  if (!Array.isArray(nics)) return null;
  const names = nics.map((n) => String(member(n as PSObject, 'Id') ?? '').split('/').pop() ?? '');
  return names.length === 1 ? names[0] : names;
}

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
    module: 'Az.Compute',
    view: {
      kind: 'table',
      typeName: VM_LIST,
      columns: [
        { label: 'ResourceGroupName', value: 'ResourceGroupName', align: 'left' },
        { label: 'Name', value: 'Name', align: 'right' },
        { label: 'Location', value: 'Location', align: 'right' },
        { label: 'VmSize', value: (o) => member(o, 'HardwareProfile', 'VmSize'), align: 'right' },
        { label: 'OsType', value: (o) => member(o, 'StorageProfile', 'OsDisk', 'OsType'), align: 'right' },
        { label: 'NIC', value: nicNames, align: 'right' },
        { label: 'ProvisioningState', value: 'ProvisioningState', align: 'right' },
        { label: 'Zone', value: 'Zones', align: 'right' },
      ],
    },
  },
  { module: 'Az.Compute', view: { kind: 'custom', typeName: VM, render: formatVm } },
  {
    module: 'Az.Compute',
    view: {
      kind: 'table',
      typeName: OPERATION_RESPONSE,
      columns: [
        { label: 'RequestId', value: 'RequestId', align: 'left' },
        { label: 'IsSuccessStatusCode', value: 'IsSuccessStatusCode', align: 'right' },
        { label: 'StatusCode', value: 'StatusCode', align: 'right' },
        { label: 'ReasonPhrase', value: 'ReasonPhrase', align: 'left' },
      ],
    },
  },
  {
    module: 'Az.ManagedServiceIdentity',
    view: { kind: 'table', typeName: IDENTITY, columns: [{ label: 'Location', value: 'Location' }, { label: 'Name', value: 'Name' }, { label: 'ResourceGroupName', value: 'ResourceGroupName' }] },
  },
  {
    // Storage.format.ps1xml's blob table (fixed widths, LastModified as the UTC "u" format).
    module: 'Az.Storage',
    view: {
      kind: 'table',
      typeName: PS_STORAGE_BLOB,
      groupBy: blobGroupLine,
      columns: [
        { label: 'Name', value: 'Name', width: 20, align: 'left' },
        { label: 'BlobType', value: 'BlobType', width: 9, align: 'left' },
        { label: 'Length', value: 'Length', width: 15, align: 'left' },
        { label: 'ContentType', value: 'ContentType', width: 30, align: 'left' },
        { label: 'LastModified', value: (o) => utcU(o.get('LastModified')), width: 20, align: 'left' },
        { label: 'AccessTier', value: 'AccessTier', width: 10, align: 'left' },
        { label: 'SnapshotTime', value: 'SnapshotTime', width: 28, align: 'left' },
        { label: 'IsDeleted', value: 'IsDeleted', width: 10, align: 'left' },
        { label: 'VersionId', value: 'VersionId', width: 30, align: 'left' },
      ],
    },
  },
  {
    // KeyVault.format.ps1xml's list for secrets (and PSKeyVaultSecret, which derives from the item).
    module: 'Az.KeyVault',
    view: {
      kind: 'list',
      typeName: SECRET_ITEM,
      entries: [
        { label: 'Vault Name', value: 'VaultName' },
        { label: 'Name', value: 'Name' },
        { label: 'Version', value: 'Version' },
        { label: 'Id', value: 'Id' },
        { label: 'Enabled', value: 'Enabled' },
        { label: 'Expires', value: 'Expires' },
        { label: 'Not Before', value: 'NotBefore' },
        { label: 'Created', value: 'Created' },
        { label: 'Updated', value: 'Updated' },
        { label: 'Content Type', value: 'ContentType' },
        { label: 'Tags', value: (o) => tagsTable(o.get('Tags')) },
      ],
    },
  },
  {
    // Not verified against a capture: the generated MSGraph module's group view.
    module: 'Az.Resources',
    view: { kind: 'table', typeName: GRAPH_GROUP, columns: [{ label: 'DisplayName', value: 'DisplayName' }, { label: 'Id', value: 'Id' }, { label: 'Mail', value: 'Mail' }, { label: 'SecurityEnabled', value: 'SecurityEnabled' }] },
  },
  {
    module: 'Az.Resources',
    view: {
      kind: 'list',
      typeName: RESOURCE,
      entries: [{ label: 'Name', value: 'Name' }, { label: 'ResourceGroupName', value: 'ResourceGroupName' }, { label: 'ResourceType', value: 'ResourceType' }, { label: 'Location', value: 'Location' }, { label: 'ResourceId', value: 'ResourceId' }, { label: 'Tags', value: (o) => tagsTable(o.get('Tags')) }],
    },
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

/** DateTimeOffset.UtcDateTime.ToString("u"): `2021-07-19 08:56:00Z`. */
function utcU(v: unknown): string {
  const date = v && typeof v === 'object' && 'date' in v ? (v as { date: Date }).date : null;
  return date ? date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

/** The blob table's group line: the account of the blob's context and its container (kept off its properties by storage.ts). */
function blobGroupLine(o: PSObject): string {
  const account = member(o, 'Context', 'StorageAccountName');
  return `\n   AccountName: ${String(account ?? '')}, ContainerName: ${String((o as PSObject & { container?: string }).container ?? '')}\n\n`;
}
