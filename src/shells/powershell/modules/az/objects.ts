/**
 * The .NET objects Az cmdlets return, with their real type names (so Get-Member, `-is` and the registered
 * format views see what 5.1 would) and the properties scripts read.
 */
import { PSObject } from '../../runtime/values';
import { unixDateTimeOffset } from '../../runtime/types';
import type { AzContext, AzSubscription } from './az-context';

const T = {
  profile: 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureProfile',
  context: 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext',
  account: 'Microsoft.Azure.Commands.Profile.Models.PSAzureRmAccount',
  subscription: 'Microsoft.Azure.Commands.Profile.Models.PSAzureSubscription',
  tenant: 'Microsoft.Azure.Commands.Profile.Models.PSAzureTenant',
  environment: 'Microsoft.Azure.Commands.Profile.Models.PSAzureEnvironment',
  token: 'Microsoft.Azure.Commands.Profile.Models.PSSecureAccessToken',
  http: 'Microsoft.Azure.Commands.Profile.Models.PSHttpResponse',
} as const;
export const AZ_TYPES = T;

function typed(name: string, entries: [string, unknown][]): PSObject {
  return PSObject.from(entries, [name, 'System.Object']);
}

export function subscriptionObject(s: AzSubscription): PSObject {
  const o = typed(T.subscription, [
    ['Id', s.id],
    ['Name', s.name],
    ['State', s.state],
    ['SubscriptionId', s.id],
    ['TenantId', s.tenantId],
    ['HomeTenantId', s.tenantId],
    ['ManagedByTenantIds', []],
    ['CurrentStorageAccount', null],
    ['ExtendedProperties', null],
  ]);
  o.stringify = () => s.name;
  return o;
}

export function contextObject(c: AzContext): PSObject {
  const account = typed(T.account, [
    ['Id', c.accountId],
    ['Type', 'ManagedService'],
    ['Tenants', [c.tenantId]],
    ['Credential', null],
    ['TenantMap', null],
    ['CertificateThumbprint', null],
    ['ExtendedProperties', null],
  ]);
  account.stringify = () => c.accountId;
  const tenant = typed(T.tenant, [
    ['Id', c.tenantId],
    ['TenantId', c.tenantId],
    ['Name', null],
  ]);
  tenant.stringify = () => c.tenantId;
  const environment = typed(T.environment, [
    ['Name', 'AzureCloud'],
    ['ResourceManagerUrl', 'https://management.azure.com/'],
    ['ActiveDirectoryAuthority', 'https://login.microsoftonline.com/'],
  ]);
  environment.stringify = () => 'AzureCloud';
  const name = c.subscription ? `${c.subscription.name} (${c.subscription.id}) - ${c.tenantId} - ${c.accountId}` : `${c.tenantId} - ${c.accountId}`;
  const o = typed(T.context, [
    ['Name', name],
    ['Account', account],
    ['Environment', environment],
    ['Subscription', c.subscription ? subscriptionObject(c.subscription) : null],
    ['Tenant', tenant],
    ['TokenCache', null],
    ['VersionProfile', null],
    ['ExtendedProperties', null],
  ]);
  o.stringify = () => T.context;
  return o;
}

export function profileObject(c: AzContext): PSObject {
  return typed(T.profile, [
    ['Context', contextObject(c)],
    ['Environments', null],
  ]);
}

export { plainTextOf, secureString } from '../../runtime/secure-string';
import { secureString } from '../../runtime/secure-string';

export function accessTokenObject(token: string, expiresOn: number, tenantId: string, userId: string): PSObject {
  return typed(T.token, [
    ['Token', secureString(token)],
    ['ExpiresOn', unixDateTimeOffset(expiresOn)],
    ['TenantId', tenantId],
    ['UserId', userId],
    ['Type', 'Bearer'],
  ]);
}
