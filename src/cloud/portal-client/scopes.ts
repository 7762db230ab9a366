/**
 * Scope ids as the portal's blades name them. Parsing is syntactic (the portal knows a scope from
 * the blade it opened, not from a tree walk): a `…/providers/{ns}/{type}/{name}` id is a resource.
 */
export type ScopeKind = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export function scopeKind(scope: string): ScopeKind {
  const s = scope.replace(/\/+$/, '');
  if (s === '') return 'root';
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return 'managementGroup';
  if (/^\/subscriptions\/[^/]+$/i.test(s)) return 'subscription';
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(s)) return 'resourceGroup';
  return 'resource';
}

export interface ParsedScope {
  kind: ScopeKind;
  subscriptionId: string | null;
  resourceGroup: string | null;
  /** `Microsoft.Compute/virtualMachines` for resources. */
  resourceType: string | null;
  name: string;
}

export function parseScope(scope: string): ParsedScope {
  const kind = scopeKind(scope);
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1] ?? null;
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(scope)?.[1] ?? null;
  const type = /\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(scope)?.[1] ?? null;
  const name = scope.replace(/\/+$/, '').split('/').pop() || '/';
  return { kind, subscriptionId: sub, resourceGroup: rg, resourceType: kind === 'resource' ? type : null, name };
}

/** The portal's friendly resource type names. */
const TYPE_NAMES: Record<string, string> = {
  'microsoft.compute/virtualmachines': 'Virtual machine',
  'microsoft.managedidentity/userassignedidentities': 'Managed Identity',
  'microsoft.storage/storageaccounts': 'Storage account',
  'microsoft.keyvault/vaults': 'Key vault',
  'microsoft.resources/resourcegroups': 'Resource group',
};

export function resourceTypeName(type: string): string {
  return TYPE_NAMES[type.toLowerCase()] ?? type;
}

/** The action a GET of this scope checks: what "Check access" asks about first. */
export function readActionFor(scope: string): string {
  const p = parseScope(scope);
  switch (p.kind) {
    case 'subscription':
      return 'Microsoft.Resources/subscriptions/read';
    case 'resourceGroup':
      return 'Microsoft.Resources/subscriptions/resourceGroups/read';
    case 'resource':
      return `${p.resourceType ?? 'Microsoft.Resources/resources'}/read`;
    default:
      return 'Microsoft.Management/managementGroups/read';
  }
}

/** The resource group named in an ARM id ('' for ids above a group). */
export function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

/** The last segment of an ARM id: the resource's name. */
export function nameOf(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() || id;
}
