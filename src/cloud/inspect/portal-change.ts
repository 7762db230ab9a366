/**
 * A portal change as any command language can say it: resources by resource group, type and name;
 * principals by sign-in name, group name or the resource that owns the managed identity; scopes by
 * kind. real-commands.ts reads these out of the request log; az-cli.ts and az-powershell.ts write
 * each one as commands. Nothing here holds an id of this sandbox, only names (a name may itself be
 * GUID-shaped; real-commands.ts drops those).
 */
import { armId } from '../../sim/index';

/** A resource by resource group, type and name; `child` is the rest of the id below it (or ''). */
export interface ResourceRef {
  resourceGroup: string;
  /** `Microsoft.Compute/virtualMachines` */
  type: string;
  name: string;
  child: string;
}

const RESOURCE = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)((?:\/[^/]+\/[^/]+)*)$/i;

/** A resource id (top-level or a child under one) as a reference; null for anything else. */
export function resourceRef(id: string): ResourceRef | null {
  const m = RESOURCE.exec(id);
  const top = m ? armId.parseResourceId(m[1]!) : null;
  if (!m || !top) return null;
  return { resourceGroup: top.resourceGroup, type: top.providerType, name: top.name, child: m[2] ?? '' };
}

export const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
export const isVm = (ref: Pick<ResourceRef, 'type'>): boolean => sameText(ref.type, armId.VM_TYPE);
export const isUserAssignedIdentity = (ref: Pick<ResourceRef, 'type'>): boolean => sameText(ref.type, armId.UAI_TYPE);

/** A top-level user-assigned identity's id as a reference; null for anything else. */
export function userAssignedRef(id: string): ResourceRef | null {
  const ref = resourceRef(id);
  return ref && !ref.child && isUserAssignedIdentity(ref) ? ref : null;
}

export type ScopeRef =
  | { kind: 'root' }
  | { kind: 'managementGroup'; name: string }
  /** Whichever subscription the commands run in. */
  | { kind: 'subscription' }
  | { kind: 'resourceGroup'; name: string }
  /** A resource, or a child under it (`resource.child`, kept verbatim). */
  | { kind: 'resource'; resource: ResourceRef };

/** A role assignment's scope by kind; null when it is none of the scopes a command can name. */
export function scopeRef(scope: string): ScopeRef | null {
  const s = scope.replace(/\/+$/, '');
  if (s === '') return { kind: 'root' };
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(s);
  if (mg) return { kind: 'managementGroup', name: mg[1]! };
  if (/^\/subscriptions\/[^/]+$/i.test(s)) return { kind: 'subscription' };
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(s);
  if (rg) return { kind: 'resourceGroup', name: rg[1]! };
  const resource = resourceRef(s);
  return resource ? { kind: 'resource', resource } : null;
}

export type PrincipalRef =
  | { kind: 'user'; userPrincipalName: string }
  | { kind: 'group'; displayName: string }
  /** A managed identity, found through the resource it belongs to (a VM, or the user-assigned identity itself). */
  | { kind: 'managedIdentity'; owner: ResourceRef; system: boolean };

export type PortalChange =
  | { kind: 'identity.create'; identity: ResourceRef; location: string | null }
  | { kind: 'identity.delete'; identity: ResourceRef }
  | {
      kind: 'vm.identity';
      vm: ResourceRef;
      /** The system-assigned identity was turned on / off. */
      on: boolean;
      off: boolean;
      attached: ResourceRef[];
      detached: ResourceRef[];
      /** The VM's whole identity after the change (from the PATCH's answer). */
      after: { systemAssigned: boolean; userAssigned: ResourceRef[] };
    }
  | { kind: 'role.create' | 'role.delete'; role: string; principal: PrincipalRef; scope: ScopeRef };
