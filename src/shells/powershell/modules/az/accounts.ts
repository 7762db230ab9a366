/**
 * Az.Accounts: Connect-AzAccount -Identity, Disconnect-AzAccount, Get-AzContext, Get-AzSubscription,
 * Get-AzAccessToken, Invoke-AzRestMethod. Behaviour and texts from spec/az-cli.md §6.1–6.4 (sources:
 * Azure/azure-powershell src/Accounts/Accounts/Account/ConnectAzureRmAccount.cs,
 * AutomaticContextSelectStrategy.cs, Accounts.generated.format.ps1xml, Models/PSSecureAccessToken.cs).
 */
import { arg, flag, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { PSHashtable, PSObject } from '../../runtime/values';
import { toPsString } from '../../runtime/conversions';
import { accessToken, ARM, ARM_RESOURCE, armList, currentContext, DEFAULT_MSI_ACCOUNT, imdsToken, requireContext, saveContext, send, type AzContext, type AzSubscription } from './az-context';
import { accessTokenObject, contextObject, profileObject, subscriptionObject, AZ_TYPES } from './objects';
import { COMMON_PARAM } from './common-params';

const SUBSCRIPTIONS_API = '2022-12-01';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** -AccountId: a client id, else a resource id (msi_res_id), else an object id; Az passes it on to the credential. */
function selectorOf(accountId: string | undefined): AzContext['selector'] {
  if (!accountId) return null;
  if (accountId.startsWith('/')) return { name: 'msi_res_id', value: accountId };
  return { name: 'client_id', value: accountId };
}

async function listSubscriptions(call: CmdletCall, context: AzContext): Promise<AzSubscription[]> {
  const list = await armList(call, context, '/subscriptions', SUBSCRIPTIONS_API, 'resources');
  return list.map((s) => ({
    id: String(s.subscriptionId ?? ''),
    name: String(s.displayName ?? ''),
    state: String(s.state ?? 'Enabled'),
    tenantId: String(s.tenantId ?? context.tenantId),
  }));
}

export const connectAzAccount: CmdletDef = {
  name: 'Connect-AzAccount',
  aliases: ['Login-AzAccount', 'Add-AzAccount'],
  className: 'Microsoft.Azure.Commands.Profile.ConnectAzureRmAccountCommand',
  synopsis: 'Connect to Azure with an authenticated account for use with cmdlets from the Az PowerShell modules.',
  params: [
    { name: 'Identity', type: 'switch', aliases: ['ManagedService', 'MSI'] },
    { name: 'AccountId', type: 'string', aliases: ['ApplicationId'] },
    { name: 'Subscription', type: 'string', aliases: ['SubscriptionName', 'SubscriptionId'] },
    { name: 'Tenant', type: 'string', aliases: ['Domain', 'TenantId'] },
    { name: 'Environment', type: 'string', aliases: ['EnvironmentName'] },
    { name: 'UseDeviceAuthentication', type: 'switch', aliases: ['DeviceCode', 'DeviceAuth', 'Device'] },
    { name: 'AccessToken', type: 'string' },
    { name: 'ServicePrincipal', type: 'switch' },
    { name: 'Credential', type: 'object' },
    { name: 'Force', type: 'switch' },
    { name: 'SkipContextPopulation', type: 'switch' },
    COMMON_PARAM,
  ],
  async run(call) {
    if (!flag(call, 'Identity')) {
      // Only the managed-identity sign-in exists on a VM in this sandbox; interactive and secret-based
      // sign-in need a browser or credentials the sandbox does not have.
      return call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: 'Connect-AzAccount without -Identity (interactive, device code, service principal or access token sign-in) is not simulated here. On this VM, sign in as its managed identity: Connect-AzAccount -Identity',
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
    const accountIdArg = arg<string>(call, 'AccountId');
    const selector = selectorOf(accountIdArg);
    const token = await imdsToken(call, selector, ARM_RESOURCE);
    const context: AzContext = { accountId: accountIdArg ?? DEFAULT_MSI_ACCOUNT, tenantId: token.tenantId, subscription: null, selector };
    saveContext(call, context);
    call.state.set('tokens', [token]);
    const subscriptions = await listSubscriptions(call, context);
    const wanted = arg<string>(call, 'Subscription');
    const enabled = subscriptions.filter((s) => s.state === 'Enabled');
    let chosen: AzSubscription | undefined;
    if (wanted) {
      chosen = subscriptions.find((s) => s.id.toLowerCase() === wanted.toLowerCase() || s.name.toLowerCase() === wanted.toLowerCase());
      if (!chosen) {
        saveContext(call, null);
        return call.fail({
          exceptionTypes: ['Microsoft.Azure.Commands.Common.Exceptions.AzPSArgumentException', 'System.ArgumentException'],
          message: `The provided account ${context.accountId} does not have access to subscription ID "${wanted}". Please try logging in with different credentials or a different subscription ID.`,
          category: 'CloseError',
          fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Common.Exceptions.AzPSArgumentException',
        });
      }
    } else {
      chosen = enabled[0] ?? subscriptions[0];
      if (enabled.length > 1) {
        // AutomaticContextSelectStrategy.cs (spec §6.1): two warnings, then the first subscription.
        call.writeWarning(`TenantId '${context.tenantId}' contains more than one active subscription. First one will be selected for further use. To select another subscription, use Set-AzContext.`);
        call.writeWarning('To override which subscription Connect-AzAccount selects by default, use `Update-AzConfig -DefaultSubscriptionForLogin 00000000-0000-0000-0000-000000000000`. Go to https://go.microsoft.com/fwlink/?linkid=2200610 for more information.');
      }
    }
    context.subscription = chosen ?? null;
    saveContext(call, context);
    call.state.set('tokens', [token]);
    return [profileObject(context)];
  },
};

export const disconnectAzAccount: CmdletDef = {
  name: 'Disconnect-AzAccount',
  aliases: ['Logout-AzAccount'],
  className: 'Microsoft.Azure.Commands.Profile.DisconnectAzureRmAccountCommand',
  synopsis: 'Disconnects a connected Azure account and removes all credentials and contexts associated with that account.',
  params: [{ name: 'Scope', type: 'string' }, { name: 'Username', type: 'string', aliases: ['Id', 'ApplicationId'] }, COMMON_PARAM],
  async run(call) {
    const context = currentContext(call);
    if (!context) return [];
    saveContext(call, null);
    // Disconnect-AzAccount writes the removed account (PSAzureRmAccount; table Id / Type / Tenants / AccessToken / Credential …).
    const account = (contextObject(context).get('Account') as PSObject) ?? null;
    return account ? [account] : [];
  },
};

export const getAzContext: CmdletDef = {
  name: 'Get-AzContext',
  className: 'Microsoft.Azure.Commands.Profile.Context.GetAzureRMContextCommand',
  synopsis: 'Gets the metadata used to authenticate Azure Resource Manager requests.',
  params: [{ name: 'Name', type: 'string', position: 0 }, { name: 'ListAvailable', type: 'switch' }, COMMON_PARAM],
  async run(call) {
    const context = currentContext(call);
    return context ? [contextObject(context)] : [];
  },
};

export const getAzSubscription: CmdletDef = {
  name: 'Get-AzSubscription',
  className: 'Microsoft.Azure.Commands.Profile.GetAzureRMSubscriptionCommand',
  synopsis: 'Get subscriptions that the current account can access.',
  params: [{ name: 'SubscriptionId', type: 'string' }, { name: 'SubscriptionName', type: 'string' }, { name: 'TenantId', type: 'string' }, { name: 'AsJob', type: 'switch' }, COMMON_PARAM],
  async run(call) {
    const context = requireContext(call);
    const all = await listSubscriptions(call, context);
    const id = arg<string>(call, 'SubscriptionId');
    const name = arg<string>(call, 'SubscriptionName');
    const matches = all.filter((s) => (!id || s.id.toLowerCase() === id.toLowerCase()) && (!name || s.name.toLowerCase() === name.toLowerCase()));
    if ((id || name) && matches.length === 0) {
      return call.fail({
        exceptionTypes: ['Microsoft.Azure.Commands.Common.Exceptions.AzPSArgumentException', 'System.ArgumentException'],
        message: id ? `Subscription ${id} was not found in tenant ${context.tenantId}. Please verify that the subscription exists in this tenant.` : `Unable to find subscription with name '${name}'.`,
        category: 'CloseError',
        fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Common.Exceptions.AzPSArgumentException',
      });
    }
    return matches.map(subscriptionObject);
  },
};

/** -ResourceTypeName values Az.Accounts knows (AzureEnvironment endpoints), mapped to token resources. */
const RESOURCE_TYPES: Record<string, string> = {
  arm: ARM_RESOURCE,
  resourcemanager: ARM_RESOURCE,
  keyvault: 'https://vault.azure.net',
  storage: 'https://storage.azure.com',
  msgraph: 'https://graph.microsoft.com/',
  synapse: 'https://dev.azuresynapse.net',
  operationalinsights: 'https://api.loganalytics.io',
};

export const getAzAccessToken: CmdletDef = {
  name: 'Get-AzAccessToken',
  className: 'Microsoft.Azure.Commands.Profile.GetAzureRmAccessTokenCommand',
  synopsis: 'Get secure access token. When using -ResourceUrl, please make sure the value does match current Azure environment.',
  params: [
    { name: 'ResourceUrl', type: 'string', aliases: ['Resource', 'ResourceUri'] },
    { name: 'ResourceTypeName', type: 'string' },
    { name: 'TenantId', type: 'string' },
    { name: 'AsSecureString', type: 'switch' },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const typeName = arg<string>(call, 'ResourceTypeName');
    let resource = arg<string>(call, 'ResourceUrl') ?? ARM_RESOURCE;
    if (typeName) {
      const mapped = RESOURCE_TYPES[typeName.toLowerCase()];
      if (!mapped) {
        return call.fail({
          exceptionTypes: ['System.ArgumentException'],
          message: `Unsupported resource type name: ${typeName}. Supported values: AadGraph, AnalysisServices, AppConfiguration, Arm, Attestation, Batch, DataLake, KeyVault, MSGraph, OperationalInsights, ResourceManager, Storage, Synapse.`,
          category: 'InvalidArgument',
          fullyQualifiedErrorId: 'System.ArgumentException',
        });
      }
      resource = mapped;
    }
    const token = await accessToken(call, context, resource);
    return [accessTokenObject(token.token, token.expiresOn, token.tenantId || context.tenantId, context.accountId)];
  },
};

/** The token audience for a full URI, as Invoke-AzRestMethod derives it from the environment's endpoints. */
function resourceFor(uri: URL): string {
  const host = uri.hostname.toLowerCase();
  if (host === 'management.azure.com') return ARM_RESOURCE;
  if (host.endsWith('.vault.azure.net')) return 'https://vault.azure.net';
  if (host.endsWith('.blob.core.windows.net')) return 'https://storage.azure.com';
  if (host === 'graph.microsoft.com') return 'https://graph.microsoft.com/';
  return `${uri.protocol}//${uri.host}`;
}

export const invokeAzRestMethod: CmdletDef = {
  name: 'Invoke-AzRestMethod',
  className: 'Microsoft.Azure.Commands.Profile.Rest.InvokeAzRestMethodCommand',
  synopsis: 'Construct and perform HTTP request to Azure resource management endpoint only.',
  params: [
    { name: 'Path', type: 'string' },
    { name: 'Uri', type: 'string' },
    { name: 'ResourceId', type: 'string' },
    { name: 'SubscriptionId', type: 'string' },
    { name: 'ResourceGroupName', type: 'string' },
    { name: 'ResourceProviderName', type: 'string' },
    { name: 'ResourceType', type: 'strings' },
    { name: 'Name', type: 'strings' },
    { name: 'ApiVersion', type: 'string' },
    { name: 'Method', type: 'string' },
    { name: 'Payload', type: 'string' },
    { name: 'AsJob', type: 'switch' },
    COMMON_PARAM,
  ],
  async run(call) {
    const context = requireContext(call);
    const method = (arg<string>(call, 'Method') ?? 'GET').toUpperCase();
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method)) {
      return call.fail({
        exceptionTypes: ['System.Management.Automation.ParameterBindingException'],
        message: `Cannot validate argument on parameter 'Method'. The argument "${arg<string>(call, 'Method')}" does not belong to the set "GET,POST,PUT,PATCH,DELETE" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
        category: 'InvalidData',
        fullyQualifiedErrorId: 'ParameterArgumentValidationError',
      });
    }
    let url: URL;
    const path = arg<string>(call, 'Path');
    const uri = arg<string>(call, 'Uri');
    if (path) url = new URL(ARM + (path.startsWith('/') ? path : `/${path}`));
    else if (uri) {
      try {
        url = new URL(uri);
      } catch {
        return call.fail({ exceptionTypes: ['System.UriFormatException'], message: 'Invalid URI: The format of the URI could not be determined.', category: 'InvalidArgument', fullyQualifiedErrorId: 'System.UriFormatException' });
      }
    } else {
      const sub = arg<string>(call, 'SubscriptionId') ?? context.subscription?.id ?? '';
      const rg = arg<string>(call, 'ResourceGroupName');
      const provider = arg<string>(call, 'ResourceProviderName');
      const types = arg<string[]>(call, 'ResourceType') ?? [];
      const names = arg<string[]>(call, 'Name') ?? [];
      const version = arg<string>(call, 'ApiVersion');
      if (!provider || !version) {
        return call.fail({
          exceptionTypes: ['System.Management.Automation.ParameterBindingException'],
          message: 'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.',
          category: 'InvalidArgument',
          fullyQualifiedErrorId: 'AmbiguousParameterSet',
        });
      }
      const segments = types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/');
      url = new URL(`${ARM}/subscriptions/${sub}${rg ? `/resourceGroups/${rg}` : ''}/providers/${provider}/${segments}?api-version=${version}`);
    }
    const result = await send(call, context, method, url.toString(), resourceFor(url), arg<string>(call, 'Payload'));
    const headers = new PSHashtable();
    for (const [k, v] of result.headers) headers.set(k, [v]);
    headers.showPairs = true;
    const o = PSObject.from(
      [
        ['Headers', headers],
        ['Version', '1.1'],
        ['StatusCode', result.status],
        ['Method', method],
        ['Content', result.text],
      ],
      [AZ_TYPES.http, 'System.Object'],
    );
    void toPsString;
    return [o];
  },
};
