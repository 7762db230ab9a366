/**
 * Az.Storage with Microsoft Entra sign-in: New-AzStorageContext -UseConnectedAccount, Get-AzStorageBlob
 * and Get-AzStorageBlobContent (Azure/azure-powershell src/Storage/Storage/Common/AzureStorageContext.cs,
 * Blob/Cmdlet/GetAzureStorageBlob.cs, GetAzureStorageBlobContent.cs). Blob calls carry a token for
 * https://storage.azure.com from the signed-in context, as OAuth contexts do. The blob table and its
 * `AccountName: …, ContainerName: …` group line are Storage.format.ps1xml's, as the Az.Storage help
 * shows them (help/Set-AzStorageBlobLegalHold.md example output).
 *
 * New-AzStorageContext -SasToken makes a context whose blob calls carry the SAS in the query and no
 * token at all (tutorial-windows-vm-access-storage-sas.md in MicrosoftDocs/entra-docs), so it needs no
 * Connect-AzAccount.
 *
 * Adapted: the sandbox has no file system, so Get-AzStorageBlobContent really downloads the blob (the
 * GET shows in the request log, and RBAC or the SAS decides it) and prints the blob as Az does, but the
 * file it names is not kept; Set-AzStorageBlobContent (which reads a local -File) stays not simulated.
 */
import { arg, missingMandatory, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSDate, PSObject } from '../../runtime/values';
import { reasonOf, requireContext, send, sendSigned, type HttpResult } from './az-context';
import { COMMON_PARAM } from './common-params';

const STORAGE_RESOURCE = 'https://storage.azure.com';
// The service version the sandbox's Storage serves (the one the CLI sends); Az.Storage 9's SDK sends a newer one.
const STORAGE_VERSION = '2022-11-02';
export const PS_STORAGE_CONTEXT = 'Microsoft.WindowsAzure.Commands.Storage.AzureStorageContext';
export const PS_STORAGE_BLOB = 'Microsoft.WindowsAzure.Commands.Common.Storage.ResourceModel.AzureStorageBlob';

function contextObject(account: string, sas?: string): PSObject {
  const endpoint = (service: string) => `https://${account}.${service}.core.windows.net/`;
  // A SAS context keeps its SAS in the connection string, as the storage SDK's CloudStorageAccount
  // prints one (BlobEndpoint=…;SharedAccessSignature=…); a visible property survives a session snapshot.
  const connection = sas ? `BlobEndpoint=${endpoint('blob')};QueueEndpoint=${endpoint('queue')};TableEndpoint=${endpoint('table')};FileEndpoint=${endpoint('file')};SharedAccessSignature=${sas}` : null;
  const o = PSObject.from(
    [
      ['StorageAccountName', account],
      ['BlobEndPoint', endpoint('blob')],
      ['TableEndPoint', endpoint('table')],
      ['QueueEndPoint', endpoint('queue')],
      ['FileEndPoint', endpoint('file')],
      ['Context', null],
      ['Name', ''],
      ['EndPointSuffix', 'core.windows.net/'],
      ['ConnectionString', connection],
      ['ExtendedProperties', null],
    ],
    [PS_STORAGE_CONTEXT, 'System.Object'],
  );
  // The real context's Context is itself; a cycle would not survive a session snapshot, so it stays null.
  o.stringify = () => PS_STORAGE_CONTEXT;
  return o;
}

export const newAzStorageContext: CmdletDef = {
  name: 'New-AzStorageContext',
  className: 'Microsoft.WindowsAzure.Commands.Storage.Common.Cmdlet.NewAzureStorageContext',
  synopsis: 'Creates an Azure Storage context.',
  params: [
    { name: 'StorageAccountName', type: 'string', position: 0 },
    { name: 'UseConnectedAccount', type: 'switch' },
    { name: 'StorageAccountKey', type: 'string', position: 1 },
    { name: 'SasToken', type: 'string' },
    { name: 'ConnectionString', type: 'string' },
    { name: 'Anonymous', type: 'switch' },
    { name: 'Protocol', type: 'string' },
    { name: 'Endpoint', type: 'string' },
    { name: 'Environment', type: 'string', aliases: ['Name', 'EnvironmentName'] },
    { name: 'EnableFileBackupRequestIntent', type: 'switch' },
  ],
  async run(call) {
    const account = arg<string>(call, 'StorageAccountName');
    const sas = arg<string>(call, 'SasToken');
    if (sas !== undefined && arg(call, 'UseConnectedAccount') !== true) {
      if (!account) return call.fail(missingMandatory(['StorageAccountName']));
      // Az.Storage trims the leading '?' a SAS is often copied with (AzureStorageContext's SAS credential).
      return [contextObject(account.toLowerCase(), sas.replace(/^\?/, ''))];
    }
    if (arg(call, 'UseConnectedAccount') !== true) {
      return call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: 'New-AzStorageContext with an account key, connection string or anonymous access is not simulated here. Use -StorageAccountName <name> -UseConnectedAccount (Microsoft Entra sign-in) or -SasToken <sas>.',
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
    if (!account) return call.fail(missingMandatory(['StorageAccountName']));
    // Az checks for a signed-in context when the context is made, not at the first blob call.
    requireContext(call);
    return [contextObject(account.toLowerCase())];
  },
};

/** Storage's error as Az.Storage writes it: the service's message, its status and error code (Azure.RequestFailedException). */
function failStorage(call: CmdletCall, result: HttpResult): never {
  const code = /<Code>([^<]*)<\/Code>/.exec(result.text)?.[1] ?? reasonOf(result);
  const message = (/<Message>([^<]*)<\/Message>/.exec(result.text)?.[1] ?? reasonOf(result)).split('\n')[0];
  return call.fail({
    exceptionTypes: ['Azure.RequestFailedException', 'System.Exception'],
    message: `${message}\nRequestId:${result.headers.get('x-ms-request-id') ?? ''}\nTime:${result.headers.get('date') ?? ''}\nStatus: ${result.status} (${reasonOf(result)})\nErrorCode: ${code}`,
    category: 'CloseError',
    fullyQualifiedErrorId: 'StorageException',
  });
}

interface StorageTarget {
  account: string;
  /** The context's SAS, when it was made with -SasToken. */
  sas?: string;
}

function accountOf(call: CmdletCall): StorageTarget {
  const ctx = arg(call, 'Context');
  if (ctx instanceof PSObject && ctx.typeNames.includes(PS_STORAGE_CONTEXT)) {
    const sas = /(?:^|;)SharedAccessSignature=([^;]*)/.exec(String(ctx.get('ConnectionString') ?? ''))?.[1];
    return { account: String(ctx.get('StorageAccountName')), ...(sas ? { sas } : {}) };
  }
  // Without -Context, Az.Storage uses the current storage account of Set-AzCurrentStorageAccount, which the sandbox does not have.
  return call.fail({
    exceptionTypes: ['System.InvalidOperationException', 'System.SystemException'],
    message: 'Could not get the storage context.  Please pass in a storage context or set the current storage context.',
    category: 'CloseError',
    fullyQualifiedErrorId: 'InvalidOperationException',
  });
}

async function blobRequest(call: CmdletCall, target: StorageTarget, method: string, path: string): Promise<HttpResult> {
  const url = `https://${target.account}.blob.core.windows.net${path}`;
  const result = target.sas
    ? await sendSigned(call, method, `${url}${path.includes('?') ? '&' : '?'}${target.sas}`, { 'x-ms-version': STORAGE_VERSION })
    : await send(call, requireContext(call), method, url, STORAGE_RESOURCE, undefined, { 'x-ms-version': STORAGE_VERSION });
  if (result.status >= 300) failStorage(call, result);
  return result;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function blobObject(account: string, container: string, b: { name: string; length: number; contentType: string; lastModified: string; accessTier: string }): PSObject {
  const o = PSObject.from(
    [
      ['Name', b.name],
      ['BlobType', 'BlockBlob'],
      ['Length', b.length],
      ['IsDeleted', false],
      ['BlobClient', null],
      ['BlobProperties', null],
      ['RemainingDaysBeforePermanentDelete', null],
      ['ContentType', b.contentType || null],
      ['LastModified', b.lastModified ? new PSDate(new Date(b.lastModified)) : null],
      ['SnapshotTime', null],
      ['ContinuationToken', null],
      ['VersionId', null],
      ['IsLatestVersion', null],
      ['AccessTier', b.accessTier || null],
      ['TagCount', 0],
      ['Tags', null],
      ['Context', contextObject(account)],
    ],
    [PS_STORAGE_BLOB, 'Microsoft.WindowsAzure.Commands.Common.Storage.ResourceModel.AzureStorageBase', 'System.Object'],
  );
  // The group line's container name (the real AzureStorageBlob knows it through its BlobClient); no property.
  Object.defineProperty(o, 'container', { value: container, enumerable: false });
  return o;
}

const CONTEXT_PARAM = { name: 'Context', type: 'object' as const, dotnetType: 'Microsoft.Azure.Commands.Common.Authentication.Abstractions.IStorageContext' };
const encodePath = (blob: string) => blob.split('/').map(encodeURIComponent).join('/');

export const getAzStorageBlob: CmdletDef = {
  name: 'Get-AzStorageBlob',
  className: 'Microsoft.WindowsAzure.Commands.Storage.Blob.Cmdlet.GetAzureStorageBlobCommand',
  synopsis: 'Lists blobs in a container.',
  params: [
    { name: 'Blob', type: 'string', position: 0, aliases: ['Name'] },
    { name: 'Container', type: 'string', position: 1, mandatory: true },
    { name: 'Prefix', type: 'string' },
    { name: 'IncludeDeleted', type: 'switch' },
    { name: 'IncludeVersion', type: 'switch' },
    { name: 'MaxCount', type: 'int' },
    CONTEXT_PARAM,
    COMMON_PARAM,
  ],
  async run(call) {
    const target = accountOf(call);
    const account = target.account;
    const container = arg<string>(call, 'Container')!;
    const prefix = arg<string>(call, 'Prefix');
    const result = await blobRequest(call, target, 'GET', `/${encodeURIComponent(container)}?restype=container&comp=list${prefix ? `&prefix=${encodeURIComponent(prefix)}` : ''}`);
    const pattern = arg<string>(call, 'Blob');
    const match = pattern ? wildcardToRegExp(pattern) : null;
    const blobs = [...result.text.matchAll(/<Blob>([\s\S]*?)<\/Blob>/g)].map((m) =>
      blobObject(account, container, { name: unxml(tag(m[1]!, 'Name')), length: Number(tag(m[1]!, 'Content-Length')), contentType: unxml(tag(m[1]!, 'Content-Type')), lastModified: tag(m[1]!, 'Last-Modified'), accessTier: tag(m[1]!, 'AccessTier') }),
    );
    const found = blobs.filter((b) => !match || match.test(String(b.get('Name'))));
    if (pattern && !/[*?[]/.test(pattern) && found.length === 0) {
      // A blob named without wildcards that is not there (GetAzureStorageBlob.cs: ResourceNotFoundException).
      return call.fail({
        exceptionTypes: ['Microsoft.WindowsAzure.Commands.Storage.Common.ResourceNotFoundException', 'System.Exception'],
        message: `Can not find blob '${pattern}' in container '${container}', or the blob type is unsupported.`,
        category: 'ObjectNotFound',
        fullyQualifiedErrorId: 'ResourceNotFoundException',
      });
    }
    return found;
  },
};

export const getAzStorageBlobContent: CmdletDef = {
  name: 'Get-AzStorageBlobContent',
  className: 'Microsoft.WindowsAzure.Commands.Storage.Blob.Cmdlet.GetAzureStorageBlobContentCommand',
  synopsis: 'Downloads a storage blob.',
  params: [
    { name: 'Blob', type: 'string', position: 0, mandatory: true },
    { name: 'Container', type: 'string', position: 1, mandatory: true },
    { name: 'Destination', type: 'string', position: 2, aliases: ['Path'] },
    { name: 'CheckMd5', type: 'switch' },
    { name: 'Force', type: 'switch' },
    { name: 'AsJob', type: 'switch' },
    CONTEXT_PARAM,
    COMMON_PARAM,
  ],
  async run(call) {
    const target = accountOf(call);
    const account = target.account;
    const container = arg<string>(call, 'Container')!;
    const blob = arg<string>(call, 'Blob')!;
    const result = await blobRequest(call, target, 'GET', `/${encodeURIComponent(container)}/${encodePath(blob)}`);
    return [
      blobObject(account, container, {
        name: blob,
        length: Number(result.headers.get('content-length') ?? result.text.length),
        contentType: result.headers.get('content-type') ?? '',
        lastModified: result.headers.get('last-modified') ?? '',
        accessTier: result.headers.get('x-ms-access-tier') ?? 'Hot',
      }),
    ];
  },
};
