/**
 * The "Select members" panel's lists. For "Managed identity" the portal lists, per subscription
 * and type, the VMs whose system-assigned identity is on and the user-assigned identities — all
 * read from ARM. For "User, group, or service principal" it searches the directory.
 */
import type { PrincipalType, UserAssignedIdentityResource, VirtualMachineResource } from './arm-types';
import type { DirectoryEntry } from './principal-directory';
import { identityFacts } from './vm-identity-changes';

export type ManagedIdentityKind = 'virtualMachine' | 'userAssigned';

export const MANAGED_IDENTITY_KIND_LABELS: Record<ManagedIdentityKind, string> = {
  virtualMachine: 'Virtual machine',
  userAssigned: 'User-assigned managed identity',
};

export interface Member {
  objectId: string;
  displayName: string;
  /** Resource group, UPN or kind shown under the name. */
  detail: string;
  principalType: PrincipalType;
}

export function managedIdentityMembers(
  kind: ManagedIdentityKind,
  vms: readonly VirtualMachineResource[],
  identities: readonly UserAssignedIdentityResource[],
  query = '',
): Member[] {
  const q = query.trim().toLowerCase();
  const groupOf = (id: string) => /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
  const list: Member[] =
    kind === 'virtualMachine'
      ? vms
          .filter((vm) => identityFacts(vm.identity).systemAssigned && vm.identity?.principalId)
          .map((vm) => ({ objectId: vm.identity!.principalId!, displayName: vm.name, detail: `Resource group: ${groupOf(vm.id)}`, principalType: 'ServicePrincipal' }))
      : identities.map((i) => ({ objectId: i.properties.principalId, displayName: i.name, detail: `Resource group: ${groupOf(i.id)}`, principalType: 'ServicePrincipal' }));
  return list.filter((m) => !q || m.displayName.toLowerCase().includes(q)).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function directoryMembers(entries: readonly DirectoryEntry[]): Member[] {
  return entries.map((e) => ({
    objectId: e.objectId,
    displayName: e.displayName,
    detail: e.userPrincipalName ?? e.type,
    principalType: e.type,
  }));
}
