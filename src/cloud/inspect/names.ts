/**
 * How the inspector names things for a learner: principals by what they are ("myLinuxVM's
 * identity", a UPN), scopes by their last meaningful segment ("myResourceGroup", "subscription
 * Sandbox subscription"), callers by their VM. Object ids stay visible next to names elsewhere;
 * these are the words in sentences.
 */
import { describePrincipal, findVm, type World } from '../../sim/index';
import { scopeLevel } from '../../sim/rbac/index';
import type { CallerId, Service } from '../call-context';

export function principalName(world: World, objectId: string): string {
  const p = describePrincipal(world, objectId);
  if (p.type === 'User') return p.userPrincipalName ?? p.displayName;
  if (p.type === 'Group') return `group ${p.displayName}`;
  if (p.type === 'ServicePrincipal') {
    const sp = world.data.servicePrincipals[p.objectId.toLowerCase()];
    return sp?.identityType === 'SystemAssigned' ? `${p.displayName}'s identity` : `the identity ${p.displayName}`;
  }
  // Deleted or unknown: the portal's own wording, with the id so it can still be traced.
  return `${p.displayName} (${objectId})`;
}

export type ScopeKind = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export interface ScopeLabel {
  kind: ScopeKind;
  /** Short name: the resource group, resource or subscription display name. */
  name: string;
  /** For sentences: "myResourceGroup", "subscription Contoso", "storage account x", "the root scope". */
  phrase: string;
}

const TYPE_WORDS: Record<string, string> = {
  'microsoft.compute/virtualmachines': 'VM',
  'microsoft.managedidentity/userassignedidentities': 'managed identity',
  'microsoft.storage/storageaccounts': 'storage account',
  'microsoft.keyvault/vaults': 'key vault',
};

export function scopeLabel(world: World, scope: string): ScopeLabel {
  let level: ScopeKind;
  try {
    level = scopeLevel(scope);
  } catch {
    return { kind: 'resource', name: scope, phrase: scope };
  }
  const parts = scope.split('/').filter(Boolean);
  const last = parts[parts.length - 1] ?? '';
  switch (level) {
    case 'root':
      return { kind: 'root', name: '/', phrase: 'the root scope "/"' };
    case 'managementGroup': {
      const name = world.data.managementGroups[last.toLowerCase()]?.displayName || last;
      return { kind: 'managementGroup', name, phrase: `management group ${name}` };
    }
    case 'subscription': {
      const sub = world.data.subscriptions[last.toLowerCase()] ?? Object.values(world.data.subscriptions).find((s) => s.subscriptionId.toLowerCase() === last.toLowerCase());
      const name = sub?.displayName ?? last;
      return { kind: 'subscription', name, phrase: `subscription ${name}` };
    }
    case 'resourceGroup':
      return { kind: 'resourceGroup', name: last, phrase: last };
    case 'resource': {
      // …/providers/{ns}/{type}/{name}[/{childType}/{childName}…]: name the innermost thing.
      const p = parts.findIndex((s) => s.toLowerCase() === 'providers');
      const type = p >= 0 ? `${parts[p + 1] ?? ''}/${parts[p + 2] ?? ''}`.toLowerCase() : '';
      const top = p >= 0 ? parts[p + 3] ?? last : last;
      const child = parts.length > p + 4 ? ` in ${TYPE_WORDS[type] ?? 'resource'} ${top}` : '';
      const word = child ? childWord(parts[parts.length - 2] ?? '') : TYPE_WORDS[type] ?? 'resource';
      return { kind: 'resource', name: last, phrase: `${word} ${last}${child}` };
    }
  }
}

function childWord(collection: string): string {
  const c = collection.toLowerCase();
  if (c === 'containers') return 'container';
  if (c === 'secrets') return 'secret';
  if (c === 'blobs') return 'blob';
  return c.replace(/s$/, '');
}

export const SERVICE_LABELS: Record<Service, string> = {
  imds: 'IMDS',
  arm: 'ARM',
  keyvault: 'Key Vault',
  storage: 'Storage',
  graph: 'Microsoft Graph',
  cloudshell: 'Cloud Shell token endpoint',
};

export function serviceLabel(service: Service | null): string {
  return service ? SERVICE_LABELS[service] : 'Unknown host';
}

/** A stable filter key for a caller: `vm:<vmId>`, `portal`, `cloudShell` or `sdk`. */
export function callerKey(caller: CallerId, world?: World): string {
  if (caller.kind !== 'vm') return caller.kind;
  const vm = world ? findVm(world, caller.vmId) : null;
  return `vm:${(vm?.properties.vmId ?? caller.vmId).toLowerCase()}`;
}

export function callerName(caller: CallerId, world: World): string {
  switch (caller.kind) {
    case 'vm':
      return findVm(world, caller.vmId)?.name ?? `VM ${caller.vmId}`;
    case 'portal': {
      const user = caller.userId ? world.data.users[caller.userId.toLowerCase()] : undefined;
      return user ? `Portal (${user.userPrincipalName})` : 'Portal';
    }
    case 'cloudShell': {
      const user = world.data.users[caller.userId.toLowerCase()];
      return user ? `Cloud Shell (${user.userPrincipalName})` : 'Cloud Shell';
    }
    case 'sdk':
      return 'SDK (outside any VM)';
  }
}
